/**
 * Factories: build the rows a test needs through the real services (or, for accounts, the same
 * inserts the services make), with unique codes so tests never collide.
 */
import crypto from 'node:crypto';
import { idNumberCheckDigit, toPinyinKeys, type OrgKind } from '@pioneer/domain';
import type { ServerContext } from '../context.ts';
import type { Actor, Role } from '../lib/actor.ts';
import { newId } from '../lib/ids.ts';
import { hashPassword } from '../lib/passwords.ts';
import * as orgs from '../modules/orgs/orgs.service.ts';

export const TEST_PASSWORD = 'Test#Pass2026';
let cachedHash: Promise<string> | null = null;
const unique = () => crypto.randomBytes(4).toString('hex');

/** An actor object with the system administrator's powers, for setting up data directly. */
async function systemActor(ctx: ServerContext): Promise<Actor> {
  let user = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('username', '=', '__factory').executeTakeFirst();
  if (!user) {
    const id = newId();
    await ctx.db.insertInto('users').values({ id, username: '__factory', display_name: 'factory', password_hash: 'x', must_change_password: false }).execute();
    user = { id, display_name: 'factory' };
  }
  return { userId: user.id, username: '__factory', displayName: 'factory', personId: null, sessionId: 'factory', mustChangePassword: false, grants: [{ role: 'system_admin', orgId: null, orgPath: null }] };
}

async function withManagerOf(ctx: ServerContext, orgId: string | null): Promise<Actor> {
  const base = await systemActor(ctx);
  if (!orgId) return base;
  const org = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', '=', orgId).executeTakeFirstOrThrow();
  return { ...base, grants: [{ role: 'committee_officer', orgId: org.id, orgPath: org.path }] };
}

export async function makeRoot(ctx: ServerContext, overrides: { name?: string } = {}) {
  const existing = await ctx.db.selectFrom('organizations').select('id').where('parent_id', 'is', null).executeTakeFirst();
  if (existing) return orgs.getOrg(ctx, { actor: await withManagerOf(ctx, existing.id), id: existing.id });
  return orgs.createOrg(ctx, {
    actor: await systemActor(ctx),
    ip: null,
    input: { code: `WC-${unique()}`, name: overrides.name ?? '县直机关工委', kind: 'working_committee', parentId: null, establishedOn: '2000-01-01' },
  });
}

export async function makeOrg(ctx: ServerContext, options: { parentId: string; kind: OrgKind; name?: string; code?: string; establishedOn?: string; hasCommittee?: boolean }) {
  return orgs.createOrg(ctx, {
    actor: await withManagerOf(ctx, options.parentId),
    ip: null,
    input: {
      code: options.code ?? `O-${unique()}`,
      name: options.name ?? `测试组织${unique()}`,
      kind: options.kind,
      parentId: options.parentId,
      establishedOn: options.establishedOn ?? '2010-01-01',
      hasCommittee: options.hasCommittee ?? false,
    },
  });
}

/** Root → party committee → branch, the most common shape in tests. */
export async function makeTree(ctx: ServerContext) {
  const root = await makeRoot(ctx);
  const unit = await makeOrg(ctx, { parentId: root.id, kind: 'party_committee', name: `测试局党委${unique()}` });
  const branch = await makeOrg(ctx, { parentId: unit.id, kind: 'branch', name: `第一党支部${unique()}` });
  const otherBranch = await makeOrg(ctx, { parentId: unit.id, kind: 'branch', name: `第二党支部${unique()}` });
  return { root, unit, branch, otherBranch };
}

export async function makeUser(
  ctx: ServerContext,
  options: { username?: string; roles?: Array<{ role: Role; orgId?: string | null }>; personId?: string | null; mustChangePassword?: boolean; password?: string; phoneHash?: string | null } = {},
) {
  const id = newId();
  const username = options.username ?? `u${unique()}`;
  const passwordHash = options.password ? await hashPassword(options.password) : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  await ctx.db
    .insertInto('users')
    .values({ id, username, display_name: username, password_hash: passwordHash, must_change_password: options.mustChangePassword ?? false, person_id: options.personId ?? null, phone_hash: options.phoneHash ?? null })
    .execute();
  for (const r of options.roles ?? []) {
    await ctx.db.insertInto('role_grants').values({ id: newId(), user_id: id, role: r.role, org_id: r.orgId ?? null }).execute();
  }
  return { id, username, password: options.password ?? TEST_PASSWORD };
}

/** A valid citizen ID number for a birth date and sex, unique per call. */
let serial = 0;
export function makeIdNumber(birthDate = '1990-01-01', sex: 'male' | 'female' = 'male'): string {
  serial = (serial + 1) % 500;
  const seq = String(serial * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0').slice(-3);
  const region = String(110101 + Math.floor(Math.random() * 5000));
  const first17 = `${region}${birthDate.replace(/-/g, '')}${seq}`;
  return first17 + idNumberCheckDigit(first17);
}

/**
 * A person row written directly, the way the people service stores one: ID and phone encrypted
 * with ctx.pii beside their keyed hashes and tails, name keys from the pinyin rules. For tests of
 * modules that need people without going through the people API.
 */
export async function makePerson(
  ctx: ServerContext,
  options: { orgId: string; name?: string; category?: 'full' | 'probationary' | 'applicant' | 'activist' | 'candidate'; sex?: 'male' | 'female'; birthDate?: string; idNumber?: string; phone?: string | null; status?: 'normal' | 'lost_contact' | 'flowing_out' },
) {
  const org = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', '=', options.orgId).executeTakeFirstOrThrow();
  const name = options.name ?? '张三';
  const sex = options.sex ?? 'male';
  const birthDate = options.birthDate ?? '1985-06-15';
  const category = options.category ?? 'full';
  const idNumber = options.idNumber ?? makeIdNumber(birthDate, sex);
  const phone = options.phone === undefined ? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` : options.phone;
  const keys = toPinyinKeys(name);
  const member = category === 'full' || category === 'probationary';
  const row = await ctx.db
    .insertInto('people')
    .values({
      id: newId(),
      org_id: org.id,
      org_path: org.path,
      name,
      name_pinyin: keys.full,
      name_initials: keys.initials,
      sex,
      birth_date: birthDate,
      id_number_enc: ctx.pii.encrypt(idNumber),
      id_number_hash: ctx.pii.hash('id', idNumber),
      id_number_tail: idNumber.slice(-4),
      phone_enc: phone ? ctx.pii.encrypt(phone) : null,
      phone_hash: phone ? ctx.pii.hash('phone', phone) : null,
      phone_tail: phone ? phone.slice(-4) : null,
      category,
      joined_on: member ? '2010-07-01' : null,
      confirmed_on: category === 'full' ? '2011-07-01' : null,
      status: options.status ?? 'normal',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, idNumber, phone };
}
