/**
 * The shared part of the permission matrix (permissions.test.ts): the callers, the expected
 * outcomes, the base fixture (a tree with the secretary's branch A and a sibling B outside it,
 * people and accounts in both) and the type of a module's fragment. A module with routes adds
 * `modules/<m>/<m>.permissions.ts` exporting `permissions = definePermissions({ setup, rules })`;
 * the matrix test finds it by file name, so no shared file needs editing.
 */
import crypto from 'node:crypto';
import { expect } from 'vitest';
import { multipartBody, rosterFile } from '../modules/imports/imports.testkit.ts';
import { makeIdNumber, makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from './factories.ts';
import { loginClient, type TestEnv } from './harness.ts';

export type Who = 'anonymous' | 'member' | 'audit_admin' | 'security_admin' | 'system_admin' | 'secretary' | 'officer';
export type Side = 'inside' | 'outside';
export type Outcome = 'allow' | 'deny' | 'unauth';
export type Call = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown; headers?: Record<string, string> };

/** Denied callers go first: allowed callers may change state (accept a letter…) that later calls see. */
export const callers: Who[] = ['anonymous', 'member', 'audit_admin', 'security_admin', 'system_admin', 'secretary', 'officer'];

export type BaseFixture = Awaited<ReturnType<typeof buildBaseFixture>>;
export type Expectations = Partial<Record<Who, Outcome | 'subtree'>>;
/** One endpoint: how to call it on each side, and what each caller should get. */
export type Rule<X = undefined> = {
  call: (f: BaseFixture, side: Side, x: X) => Call | Promise<Call>;
  /** Expected outcome per caller; 'subtree' = allow inside the caller's subtree, deny outside. */
  expect: Expectations;
  /** Routes open to the public are not in the matrix. */
  public?: true;
};
/** A module's rows of the matrix: `setup` builds what its calls need on top of the base fixture. */
export type PermissionFragment<X> = { setup: (env: TestEnv, f: BaseFixture) => Promise<X>; rules: Record<string, Rule<X>> };

export function definePermissions<X>(fragment: PermissionFragment<X>): PermissionFragment<X> {
  return fragment;
}

export const uniq = () => crypto.randomBytes(3).toString('hex');
export const managers = { officer: 'allow', secretary: 'subtree' } as const;
export const nobodyElse = { member: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } as const;
export const everyone = { member: 'allow', audit_admin: 'allow', security_admin: 'allow', system_admin: 'allow', officer: 'allow', secretary: 'allow' } as const;

export async function buildBaseFixture(env: TestEnv) {
  const { ctx } = env;
  const tree = await makeTree(ctx);
  const farUnit = await makeOrg(ctx, { parentId: tree.root.id, kind: 'party_committee' });
  const farBranch = await makeOrg(ctx, { parentId: farUnit.id, kind: 'branch' });
  const A = tree.branch; // the secretary's branch
  const B = tree.otherBranch; // a sibling outside it
  const groupA = await makeOrg(ctx, { parentId: A.id, kind: 'party_group' });
  const groupB = await makeOrg(ctx, { parentId: B.id, kind: 'party_group' });
  const personA = await makePerson(ctx, { orgId: A.id, name: '甲党员' });
  const personB = await makePerson(ctx, { orgId: B.id, name: '乙党员' });
  const memberPerson = await makePerson(ctx, { orgId: A.id, name: '本人' });
  const users = {
    officer: await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] }),
    secretary: await makeUser(ctx, { roles: [{ role: 'secretary', orgId: A.id }] }),
    member: await makeUser(ctx, { roles: [{ role: 'member', orgId: A.id }], personId: memberPerson.id }),
    system_admin: await makeUser(ctx, { roles: [{ role: 'system_admin' }] }),
    security_admin: await makeUser(ctx, { roles: [{ role: 'security_admin' }] }),
    audit_admin: await makeUser(ctx, { roles: [{ role: 'audit_admin' }] }),
  };
  // Letters issued by the officer (who manages both ends), one per transfer action and side.
  const officer = await loginClient(env.app, users.officer.username, TEST_PASSWORD);
  const letter = async (fromOrgId: string, toOrgId: string) => {
    const person = await makePerson(ctx, { orgId: fromOrgId, name: '转接人' });
    const res = await officer.post('/api/v1/transfers', { personId: person.id, toOrgId, reason: '工作调动' });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const letters = {
    // inside = the secretary's branch is the receiver (accept/return) or the sender (cancel, view)
    accept: { inside: await letter(B.id, A.id), outside: await letter(B.id, farBranch.id) },
    return: { inside: await letter(B.id, A.id), outside: await letter(B.id, farBranch.id) },
    cancel: { inside: await letter(A.id, farBranch.id), outside: await letter(B.id, farBranch.id) },
    view: { inside: await letter(A.id, farBranch.id), outside: await letter(B.id, farBranch.id) },
  };
  // Import dry runs uploaded by the officer, one per side; their one row has a problem, so an
  // all-or-nothing commit is refused (IMPORT_HAS_ERRORS) and writes nothing.
  const roster = await rosterFile([{ 姓名: '导入人', 性别: '男', 出生日期: '1990-01-01', 公民身份号码: makeIdNumber('1990-01-01', 'male'), 人员类别: '未知类别' }]);
  const upload = (orgId: string) => {
    const body = multipartBody({ orgId }, { name: 'roster.xlsx', data: roster });
    return { method: 'POST' as const, url: '/api/v1/imports/people', body: body.payload, headers: { 'content-type': body.contentType } };
  };
  const dryRun = async (orgId: string) => {
    const call = upload(orgId);
    const res = await officer.post(call.url, call.body, call.headers);
    expect(res.statusCode).toBe(200);
    return res.json().batchId as string;
  };
  const batches = { inside: await dryRun(A.id), outside: await dryRun(B.id) };
  const spareUser = await makeUser(ctx);
  const spareGrant = async () => {
    const u = await makeUser(ctx, { roles: [{ role: 'member', orgId: B.id }] });
    return (await ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow()).id;
  };
  return { tree, A, B, groupA, groupB, farBranch, personA, personB, users, letters, spareUser, spareGrant, upload, batches };
}

export const org = (f: BaseFixture, side: Side) => (side === 'inside' ? f.A : f.B);
export const person = (f: BaseFixture, side: Side) => (side === 'inside' ? f.personA : f.personB);
