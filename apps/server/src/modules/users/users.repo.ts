/** SQL for account administration and role grants. No column of people beyond the id and the phone hash is read here. */
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export const findUser = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

/** The account row locked until the transaction ends, so grant checks and the grant are one step. */
export const lockUser = (db: Transaction<DB>, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findUserByUsername = (db: Db, username: string) => db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirst();

export async function listUsers(
  db: Db,
  options: { q?: string | undefined; role?: string | undefined; active?: boolean | undefined; page: number; pageSize: number },
) {
  const filtered = db
    .selectFrom('users')
    .$if(!!options.q, (qb) => {
      const pattern = `%${escapeLike(options.q!.toLowerCase())}%`;
      return qb.where((eb) => eb.or([eb(eb.fn('lower', ['username']), 'like', pattern), eb(eb.fn('lower', ['display_name']), 'like', pattern)]));
    })
    .$if(options.role !== undefined, (qb) =>
      qb.where((eb) => eb.exists(eb.selectFrom('role_grants').select('role_grants.id').whereRef('role_grants.user_id', '=', 'users.id').where('role_grants.role', '=', options.role!))),
    )
    .$if(options.active !== undefined, (qb) => qb.where('active', '=', options.active!));
  const [rows, count] = await Promise.all([
    filtered.selectAll().orderBy('username').limit(options.pageSize).offset((options.page - 1) * options.pageSize).execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function updateUser(db: Db, id: string, values: Updateable<UsersTable>) {
  return db.updateTable('users').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertUser(db: Db, values: { id: string; username: string; displayName: string; personId: string | null; phoneHash: string | null; passwordHash: string }) {
  return db
    .insertInto('users')
    .values({
      id: values.id,
      username: values.username,
      display_name: values.displayName,
      person_id: values.personId,
      phone_hash: values.phoneHash,
      password_hash: values.passwordHash,
      must_change_password: true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends every session of the account (after a password reset or when it is disabled). */
export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const findPersonPhoneHash = (db: Db, personId: string) => db.selectFrom('people').select(['id', 'phone_hash']).where('id', '=', personId).executeTakeFirst();

export const findAccountOfPerson = (db: Db, personId: string) => db.selectFrom('users').select(['id', 'username']).where('person_id', '=', personId).executeTakeFirst();

export const findAccountByPhoneHash = (db: Db, phoneHash: string) => db.selectFrom('users').select(['id']).where('phone_hash', '=', phoneHash).executeTakeFirst();

function selectGrants(db: Db) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .leftJoin('organizations as o', 'o.id', 'g.org_id')
    .leftJoin('users as gb', 'gb.id', 'g.granted_by')
    .select(['g.id', 'g.user_id', 'g.role', 'g.org_id', 'g.created_at', 'u.username', 'u.display_name', 'o.name as org_name', 'gb.display_name as granted_by_name']);
}

export type GrantRow = NonNullable<Awaited<ReturnType<typeof findGrant>>>;

export const findGrant = (db: Db, id: string) => selectGrants(db).where('g.id', '=', id).executeTakeFirst();

export async function grantsOfUsers(db: Db, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return selectGrants(db).where('g.user_id', 'in', userIds).orderBy('g.created_at').orderBy('g.id').execute();
}

export async function listGrants(
  db: Db,
  options: { userId?: string | undefined; role?: string | undefined; orgId?: string | undefined; page: number; pageSize: number },
) {
  const filtered = selectGrants(db)
    .$if(options.userId !== undefined, (qb) => qb.where('g.user_id', '=', options.userId!))
    .$if(options.role !== undefined, (qb) => qb.where('g.role', '=', options.role!))
    .$if(options.orgId !== undefined, (qb) => qb.where('g.org_id', '=', options.orgId!));
  const [rows, count] = await Promise.all([
    filtered.orderBy('u.username').orderBy('g.created_at').orderBy('g.id').limit(options.pageSize).offset((options.page - 1) * options.pageSize).execute(),
    filtered.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function insertGrant(db: Db, values: { id: string; userId: string; role: string; orgId: string | null; grantedBy: string; at: Date }): Promise<void> {
  await db.insertInto('role_grants').values({ id: values.id, user_id: values.userId, role: values.role, org_id: values.orgId, granted_by: values.grantedBy, created_at: values.at }).execute();
}

export async function deleteGrant(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('role_grants').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';
