/**
 * Accounts (system administrator) and role grants (security administrator), kept apart as
 * 三员分立 requires. Account views carry no personal data; every write is audited in the same
 * transaction.
 */
import crypto from 'node:crypto';
import {
  generatePassword,
  type GrantCreateInput,
  type GrantDetailView,
  type GrantListQuery,
  type RoleName,
  type UserCreateInput,
  type UserListQuery,
  type UserView,
  type UserWithPassword,
} from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor, Role } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './users.policy.ts';
import * as repo from './users.repo.ts';

type Caller = { actor: Actor; ip: string | null };
type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export function presentUser(row: UserRow, grants: repo.GrantRow[], now: Date): UserView {
  const locked = row.locked_until !== null && row.locked_until > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    phoneLogin: row.phone_hash !== null,
    grants: grants.map((g) => ({ id: g.id, role: g.role as RoleName, orgId: g.org_id, orgName: g.org_name })),
    active: row.active,
    locked,
    lockedUntil: locked ? row.locked_until!.toISOString() : null,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentGrant(row: repo.GrantRow): GrantDetailView {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as RoleName,
    orgId: row.org_id,
    orgName: row.org_name,
    grantedByName: row.granted_by_name,
    grantedAt: row.created_at.toISOString(),
  };
}

/** What the audit log keeps of an account: never the password hash. */
const auditShape = (row: UserRow) => ({
  username: row.username,
  displayName: row.display_name,
  personId: row.person_id,
  active: row.active,
  lockedUntil: row.locked_until ? row.locked_until.toISOString() : null,
  failedAttempts: row.failed_attempts,
  mustChangePassword: row.must_change_password,
});

const oneTimePassword = () => generatePassword((n) => crypto.randomBytes(n));

async function viewOf(ctx: ServerContext, row: UserRow): Promise<UserView> {
  return presentUser(row, await repo.grantsOfUsers(ctx.db, [row.id]), ctx.now());
}

function assertCanManageAccounts(actor: Actor) {
  if (!policy.canManageAccounts(actor)) throw new AppError('FORBIDDEN');
}

function assertCanManageGrants(actor: Actor) {
  if (!policy.canManageGrants(actor)) throw new AppError('FORBIDDEN');
}

async function loadUser(ctx: ServerContext, id: string): Promise<UserRow> {
  const row = await repo.findUser(ctx.db, id);
  if (!row) throw new AppError('USER_NOT_FOUND');
  return row;
}

export async function listUsers(ctx: ServerContext, options: { actor: Actor; query: UserListQuery }): Promise<Paged<UserView>> {
  if (!policy.canListAccounts(options.actor)) throw new AppError('FORBIDDEN');
  const { query } = options;
  const { rows, total } = await repo.listUsers(ctx.db, { q: query.q, role: query.role, active: query.active, page: query.page, pageSize: query.pageSize });
  const grants = await repo.grantsOfUsers(ctx.db, rows.map((r) => r.id));
  const now = ctx.now();
  return { items: rows.map((r) => presentUser(r, grants.filter((g) => g.user_id === r.id), now)), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<UserView> {
  if (!policy.canListAccounts(options.actor)) throw new AppError('FORBIDDEN');
  return viewOf(ctx, await loadUser(ctx, options.id));
}

/**
 * A new account with a one-time password that must be changed at first login. Linked to a
 * member's record, it can log in by that record's phone number (unless another account already
 * uses the number).
 */
export async function createUser(ctx: ServerContext, options: Caller & { input: UserCreateInput }): Promise<UserWithPassword> {
  const { actor, input } = options;
  assertCanManageAccounts(actor);
  if (await repo.findUserByUsername(ctx.db, input.username)) throw new AppError('USERNAME_TAKEN', { username: input.username });
  let phoneHash: string | null = null;
  const personId = input.personId ?? null;
  if (personId) {
    const person = await repo.findPersonPhoneHash(ctx.db, personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    const linked = await repo.findAccountOfPerson(ctx.db, personId);
    if (linked) throw new AppError('PERSON_HAS_ACCOUNT', { username: linked.username });
    if (person.phone_hash && !(await repo.findAccountByPhoneHash(ctx.db, person.phone_hash))) phoneHash = person.phone_hash;
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insertUser(trx, { id: newId(), username: input.username, displayName: input.displayName, personId, phoneHash, passwordHash });
      await recordAudit(trx, { actor, action: 'user.create', entityType: 'user', entityId: created.id, ip: options.ip, after: { ...auditShape(created), phoneLogin: phoneHash !== null } });
      return created;
    });
    return { user: await viewOf(ctx, row), oneTimePassword: password };
  } catch (error) {
    // Lost a race with another creation of the same username or person link.
    if (repo.isUniqueViolation(error)) throw new AppError('USERNAME_TAKEN', { username: input.username });
    throw error;
  }
}

/**
 * A new one-time password, to be changed at the next login. The account's sessions end (whoever
 * held them no longer knows the password) and a lockout is lifted, since the reset is how a
 * locked-out person gets back in.
 */
export async function resetPassword(ctx: ServerContext, options: Caller & { id: string }): Promise<UserWithPassword> {
  const { actor } = options;
  assertCanManageAccounts(actor);
  const user = await loadUser(ctx, options.id);
  if (policy.isSelf(actor, user.id)) throw new AppError('ACCOUNT_SELF_ACTION');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateUser(trx, user.id, { password_hash: passwordHash, must_change_password: true, failed_attempts: 0, locked_until: null, updated_at: ctx.now() });
    const sessionsEnded = await repo.deleteSessionsOf(trx, user.id);
    await recordAudit(trx, { actor, action: 'user.reset_password', entityType: 'user', entityId: user.id, ip: options.ip, before: auditShape(user), after: auditShape(updated), detail: { sessionsEnded } });
    return updated;
  });
  return { user: await viewOf(ctx, row), oneTimePassword: password };
}

export async function unlockUser(ctx: ServerContext, options: Caller & { id: string }): Promise<UserView> {
  assertCanManageAccounts(options.actor);
  const user = await loadUser(ctx, options.id);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateUser(trx, user.id, { failed_attempts: 0, locked_until: null, updated_at: ctx.now() });
    await recordAudit(trx, { actor: options.actor, action: 'user.unlock', entityType: 'user', entityId: user.id, ip: options.ip, before: auditShape(user), after: auditShape(updated) });
    return updated;
  });
  return viewOf(ctx, row);
}

/** Disabling ends the account's sessions at once; enabling lets it log in again with its current password. */
export async function setUserActive(ctx: ServerContext, options: Caller & { id: string; active: boolean }): Promise<UserView> {
  const { actor } = options;
  assertCanManageAccounts(actor);
  const user = await loadUser(ctx, options.id);
  if (!options.active && policy.isSelf(actor, user.id)) throw new AppError('ACCOUNT_SELF_ACTION');
  if (user.active === options.active) return viewOf(ctx, user);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateUser(trx, user.id, { active: options.active, updated_at: ctx.now() });
    const sessionsEnded = options.active ? 0 : await repo.deleteSessionsOf(trx, user.id);
    await recordAudit(trx, {
      actor,
      action: options.active ? 'user.enable' : 'user.disable',
      entityType: 'user',
      entityId: user.id,
      ip: options.ip,
      before: auditShape(user),
      after: auditShape(updated),
      ...(options.active ? {} : { detail: { sessionsEnded } }),
    });
    return updated;
  });
  return viewOf(ctx, row);
}

export async function listGrants(ctx: ServerContext, options: { actor: Actor; query: GrantListQuery }): Promise<Paged<GrantDetailView>> {
  assertCanManageGrants(options.actor);
  const { query } = options;
  const { rows, total } = await repo.listGrants(ctx.db, { userId: query.userId, role: query.role, orgId: query.orgId, page: query.page, pageSize: query.pageSize });
  return { items: rows.map(presentGrant), total, page: query.page, pageSize: query.pageSize };
}

export async function grantRole(ctx: ServerContext, options: Caller & { input: GrantCreateInput }): Promise<GrantDetailView> {
  const { actor, input } = options;
  assertCanManageGrants(actor);
  if (policy.isSelf(actor, input.userId)) throw new AppError('GRANT_SELF');
  const role = input.role as Role;
  const orgId = input.orgId ?? null;
  if (policy.isAdminRole(role) && orgId) throw new AppError('ROLE_TAKES_NO_ORG');
  if (!policy.isAdminRole(role) && !orgId) throw new AppError('ROLE_NEEDS_ORG');
  await loadUser(ctx, input.userId);
  if (orgId) {
    const org = await findOrg(ctx.db, orgId);
    if (!org) throw new AppError('ORG_NOT_FOUND');
    if (!org.active) throw new AppError('ORG_INACTIVE', { name: org.name });
  }
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // The account row is locked so that two grants made at once are checked one after the other.
      await repo.lockUser(trx, input.userId);
      const existing = await repo.grantsOfUsers(trx, [input.userId]);
      if (existing.some((g) => g.role === role && g.org_id === orgId)) throw new AppError('GRANT_EXISTS');
      if (policy.violatesSeparation(existing.map((g) => g.role as Role), role)) throw new AppError('ROLE_SEPARATION');
      await repo.insertGrant(trx, { id, userId: input.userId, role, orgId, grantedBy: actor.userId, at: ctx.now() });
      await recordAudit(trx, { actor, action: 'grant.create', entityType: 'role_grant', entityId: id, orgId, ip: options.ip, after: { userId: input.userId, role, orgId } });
    });
  } catch (error) {
    if (repo.isUniqueViolation(error)) throw new AppError('GRANT_EXISTS');
    throw error;
  }
  return presentGrant((await repo.findGrant(ctx.db, id))!);
}

export async function revokeGrant(ctx: ServerContext, options: Caller & { id: string }): Promise<void> {
  const { actor } = options;
  assertCanManageGrants(actor);
  const grant = await repo.findGrant(ctx.db, options.id);
  if (!grant) throw new AppError('GRANT_NOT_FOUND');
  if (policy.isSelf(actor, grant.user_id)) throw new AppError('GRANT_SELF');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteGrant(trx, grant.id))) throw new AppError('GRANT_NOT_FOUND');
    await recordAudit(trx, {
      actor,
      action: 'grant.revoke',
      entityType: 'role_grant',
      entityId: grant.id,
      orgId: grant.org_id,
      ip: options.ip,
      before: { userId: grant.user_id, role: grant.role, orgId: grant.org_id },
    });
  });
}
