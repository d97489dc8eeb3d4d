/**
 * The permission matrix: every endpoint of the OpenAPI document, called as every role, on a target
 * inside and outside the secretary's subtree. An endpoint missing from the table fails the test, so
 * a new route cannot ship unclassified. "allow" means the call got past authorization: a success
 * or a business refusal (409 conflict, wrong current password…); "deny" means 403/404; "unauth" 401.
 * A VALIDATION_FAILED answer fails the test: it would hide the authorization decision.
 */
import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { multipartBody, rosterFile } from './modules/imports/imports.testkit.ts';
import { makeIdNumber, makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from './test/factories.ts';
import { client, describeEachDatabase, loginClient, type Client, type TestEnv } from './test/harness.ts';

type Who = 'anonymous' | 'member' | 'audit_admin' | 'security_admin' | 'system_admin' | 'secretary' | 'officer';
type Side = 'inside' | 'outside';
type Outcome = 'allow' | 'deny' | 'unauth';
type Call = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown; headers?: Record<string, string> };

/** Denied callers go first: allowed callers may change state (accept a letter…) that later calls see. */
const callers: Who[] = ['anonymous', 'member', 'audit_admin', 'security_admin', 'system_admin', 'secretary', 'officer'];

type Fixture = Awaited<ReturnType<typeof buildFixture>>;
type Rule = {
  call: (f: Fixture, side: Side) => Call | Promise<Call>;
  /** Expected outcome per caller; 'subtree' = allow inside the caller's subtree, deny outside. */
  expect: Partial<Record<Who, Outcome | 'subtree'>>;
  /** Routes open to the public are not in the matrix. */
  public?: true;
};

const uniq = () => crypto.randomBytes(3).toString('hex');
const managers = { officer: 'allow', secretary: 'subtree' } as const;
const nobodyElse = { member: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } as const;
const everyone = { member: 'allow', audit_admin: 'allow', security_admin: 'allow', system_admin: 'allow', officer: 'allow', secretary: 'allow' } as const;

async function buildFixture(env: TestEnv) {
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

const org = (f: Fixture, side: Side) => (side === 'inside' ? f.A : f.B);
const person = (f: Fixture, side: Side) => (side === 'inside' ? f.personA : f.personB);

const matrix: Record<string, Rule> = {
  'POST /api/v1/auth/login': { public: true, call: () => ({ method: 'POST', url: '/api/v1/auth/login' }), expect: {} },
  'POST /api/v1/auth/logout': { call: () => ({ method: 'POST', url: '/api/v1/auth/logout' }), expect: everyone },
  'GET /api/v1/auth/me': { call: () => ({ method: 'GET', url: '/api/v1/auth/me' }), expect: everyone },
  'POST /api/v1/auth/password': {
    // Same password again: past authorization, refused by the rules (PASSWORD_UNCHANGED).
    call: () => ({ method: 'POST', url: '/api/v1/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
    expect: everyone,
  },
  'GET /api/v1/orgs/roots': { call: () => ({ method: 'GET', url: '/api/v1/orgs/roots' }), expect: everyone },
  'GET /api/v1/orgs/search': {
    call: () => ({ method: 'GET', url: `/api/v1/orgs/search?q=${encodeURIComponent('支部')}` }),
    expect: { ...managers, security_admin: 'allow', system_admin: 'allow', member: 'deny', audit_admin: 'deny', secretary: 'allow' },
  },
  'GET /api/v1/orgs/{id}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}` }), expect: { ...managers, member: 'deny', audit_admin: 'deny', security_admin: 'allow', system_admin: 'allow' } },
  'GET /api/v1/orgs/{id}/children': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/children` }), expect: { ...managers, member: 'deny', audit_admin: 'deny', security_admin: 'allow', system_admin: 'allow' } },
  'GET /api/v1/orgs/{id}/counts': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/counts` }), expect: { ...managers, ...nobodyElse } },
  'PATCH /api/v1/orgs/{id}': { call: (f, s) => ({ method: 'PATCH', url: `/api/v1/orgs/${org(f, s).id}`, body: { name: org(f, s).name } }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/orgs': {
    call: (f, s) => ({ method: 'POST', url: '/api/v1/orgs', body: { code: `PM-${uniq()}`, name: '矩阵测试小组', kind: 'party_group', parentId: org(f, s).id } }),
    expect: { ...managers, ...nobodyElse },
  },
  'POST /api/v1/orgs/{id}/move': {
    // A party group moved under the branch it is already in: allowed callers get a no-op.
    call: (f, s) => ({ method: 'POST', url: `/api/v1/orgs/${(s === 'inside' ? f.groupA : f.groupB).id}/move`, body: { parentId: org(f, s).id } }),
    expect: { ...managers, ...nobodyElse },
  },
  'POST /api/v1/orgs/{id}/deactivate': {
    // The branch still has people, so allowed callers get ORG_HAS_MEMBERS and nothing changes.
    call: (f, s) => ({ method: 'POST', url: `/api/v1/orgs/${org(f, s).id}/deactivate` }),
    expect: { ...managers, ...nobodyElse },
  },
  'GET /api/v1/people': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/people/{id}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/${person(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/people/{id}/pii': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/${person(f, s).id}/pii` }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/people': {
    call: (f, s) => {
      const idNumber = makeIdNumber('1990-05-06', 'female');
      return { method: 'POST', url: '/api/v1/people', body: { orgId: org(f, s).id, name: '新党员', sex: 'female', birthDate: '1990-05-06', idNumber, category: 'full', joinedOn: '2015-07-01', confirmedOn: '2016-07-01' } };
    },
    expect: { ...managers, ...nobodyElse },
  },
  'PATCH /api/v1/people/{id}': {
    // A stale version: allowed callers get CONFLICT_VERSION and nothing changes.
    call: (f, s) => ({ method: 'PATCH', url: `/api/v1/people/${person(f, s).id}`, body: { version: 999, post: '科员' } }),
    expect: { ...managers, ...nobodyElse },
  },
  'GET /api/v1/people/export': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/export?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/imports/people/template': { call: () => ({ method: 'GET', url: '/api/v1/imports/people/template' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
  'POST /api/v1/imports/people': { call: (f, s) => f.upload(org(f, s).id), expect: { ...managers, ...nobodyElse } },
  // A dry run belongs to its uploader (the officer here): even a manager of its organisation is refused.
  'GET /api/v1/imports/{batchId}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/imports/${f.batches[s]}` }), expect: { officer: 'allow', secretary: 'deny', ...nobodyElse } },
  'POST /api/v1/imports/{batchId}/commit': {
    call: (f, s) => ({ method: 'POST', url: `/api/v1/imports/${f.batches[s]}/commit`, body: { mode: 'all_or_nothing' } }),
    expect: { officer: 'allow', secretary: 'deny', ...nobodyElse },
  },
  'GET /api/v1/me/profile': { call: () => ({ method: 'GET', url: '/api/v1/me/profile' }), expect: { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'PATCH /api/v1/me/profile': { call: () => ({ method: 'PATCH', url: '/api/v1/me/profile', body: { address: '县城北街 1 号' } }), expect: { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/transfers': {
    call: (f, s) => ({ method: 'POST', url: '/api/v1/transfers', body: { personId: person(f, s).id, toOrgId: f.farBranch.id, reason: '工作调动' } }),
    expect: { ...managers, ...nobodyElse },
  },
  'GET /api/v1/transfers/inbox': { call: () => ({ method: 'GET', url: '/api/v1/transfers/inbox' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
  'GET /api/v1/transfers/outbox': { call: () => ({ method: 'GET', url: '/api/v1/transfers/outbox' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
  'GET /api/v1/transfers/{id}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/transfers/${f.letters.view[s]}` }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/transfers/{id}/accept': { call: (f, s) => ({ method: 'POST', url: `/api/v1/transfers/${f.letters.accept[s]}/accept` }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/transfers/{id}/return': { call: (f, s) => ({ method: 'POST', url: `/api/v1/transfers/${f.letters.return[s]}/return`, body: { reason: '信息有误' } }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/transfers/{id}/cancel': { call: (f, s) => ({ method: 'POST', url: `/api/v1/transfers/${f.letters.cancel[s]}/cancel` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/users': { call: () => ({ method: 'GET', url: '/api/v1/users' }), expect: { system_admin: 'allow', security_admin: 'allow', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'GET /api/v1/users/{id}': { call: (f) => ({ method: 'GET', url: `/api/v1/users/${f.spareUser.id}` }), expect: { system_admin: 'allow', security_admin: 'allow', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users': { call: () => ({ method: 'POST', url: '/api/v1/users', body: { username: `acct_${uniq()}`, displayName: '新账号' } }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/reset-password': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/reset-password` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/unlock': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/unlock` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/disable': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/disable` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/enable': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/enable` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'GET /api/v1/grants': { call: () => ({ method: 'GET', url: '/api/v1/grants' }), expect: { security_admin: 'allow', system_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/grants': { call: (f) => ({ method: 'POST', url: '/api/v1/grants', body: { userId: f.spareUser.id, role: 'member', orgId: f.B.id } }), expect: { security_admin: 'allow', system_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'DELETE /api/v1/grants/{id}': { call: async (f) => ({ method: 'DELETE', url: `/api/v1/grants/${await f.spareGrant()}` }), expect: { security_admin: 'allow', system_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'GET /api/v1/audit': { call: () => ({ method: 'GET', url: '/api/v1/audit' }), expect: { audit_admin: 'allow', system_admin: 'deny', security_admin: 'deny', member: 'deny', officer: 'deny', secretary: 'deny' } },
};

function classify(res: { statusCode: number; json: () => { error?: { code: string } } }): Outcome | 'invalid' {
  if (res.statusCode === 401) return 'unauth';
  if (res.statusCode === 403 || res.statusCode === 404) return 'deny';
  if (res.statusCode === 400 && res.json().error?.code === 'VALIDATION_FAILED') return 'invalid';
  return 'allow';
}

describeEachDatabase('permission matrix', (env) => {
  it('classifies every endpoint of the API', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !(r in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('lets every role do exactly what the matrix says, inside and outside its subtree', async () => {
    const f = await buildFixture(env());
    const sessions = new Map<Who, Client>();
    const session = async (who: Who, fresh = false): Promise<Client> => {
      if (who === 'anonymous') return client(env().app);
      if (fresh || !sessions.has(who)) sessions.set(who, await loginClient(env().app, f.users[who as Exclude<Who, 'anonymous'>].username, TEST_PASSWORD));
      return sessions.get(who)!;
    };
    const failures: string[] = [];
    for (const [route, rule] of Object.entries(matrix)) {
      if (rule.public) continue;
      for (const who of callers) {
        for (const side of ['inside', 'outside'] as const) {
          const expected = who === 'anonymous' ? 'unauth' : rule.expect[who];
          if (!expected) {
            failures.push(`${route}: no expectation for ${who}`);
            continue;
          }
          const want: Outcome = expected === 'subtree' ? (side === 'inside' ? 'allow' : 'deny') : expected;
          const c = await session(who, route.endsWith('/logout'));
          const call = await rule.call(f, side);
          const res = await c.raw({ method: call.method, url: call.url, ...(call.body === undefined ? {} : { payload: call.body as object }), headers: { ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}), ...call.headers } });
          const got = classify(res);
          if (got !== want) failures.push(`${route} as ${who} (${side}): expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (route.endsWith('/logout')) sessions.delete(who);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});

