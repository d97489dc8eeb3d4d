/** SQL for accounts, grants and login bookkeeping. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Grant, Role } from '../../lib/actor.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .leftJoin('organizations', 'organizations.id', 'role_grants.org_id')
    .select(['role_grants.role', 'role_grants.org_id', 'organizations.path', 'organizations.name'])
    .where('role_grants.user_id', '=', userId)
    .orderBy('role_grants.created_at')
    .execute();
  return rows.map((r) => ({ role: r.role as Role, orgId: r.org_id, orgPath: r.path }));
}

export async function findUserForLogin(db: Db, by: { username: string } | { phoneHash: string }) {
  return db
    .selectFrom('users')
    .selectAll()
    .$if('username' in by, (q) => q.where('username', '=', (by as { username: string }).username))
    .$if('phoneHash' in by, (q) => q.where('phone_hash', '=', (by as { phoneHash: string }).phoneHash))
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordFailedLogin(db: Db, userId: string, lockedUntil: Date | null, attempts: number, now: Date) {
  await db
    .updateTable('users')
    .set({ failed_attempts: attempts, locked_until: lockedUntil, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function recordSuccessfulLogin(db: Db, userId: string, now: Date) {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null, last_login_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function setPassword(db: Db, userId: string, passwordHash: string, mustChange: boolean, now: Date) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function grantOrgNames(db: Db, orgIds: string[]): Promise<Map<string, string>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
