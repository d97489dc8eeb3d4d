/**
 * SQL for loading the demo county in bulk: multi-row inserts of organisations (with the same
 * materialised paths as orgs.repo.ts's insertOrg: '/' + base-36 seq segments + '/'), people,
 * accounts and role grants, and the counts the demo command prints.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrgKind } from '@pioneer/domain';
import type { DB, NewPerson, OrganizationRow } from '../db/schema.ts';
import { pathSegment } from '../modules/orgs/orgs.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** PostgreSQL takes at most 65,535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type NewDemoOrg = { id: string; code: string; name: string; kind: string; parentId: string | null; establishedOn: string; hasCommittee: boolean };

/**
 * Inserts organisations listed parents first, with the paths insertOrg would give them: the seq
 * numbers are drawn from the identity's sequence up front, so each path (parent path + base-36
 * seq + '/') is known before the insert and no row is written twice (insertOrg's placeholder path
 * and update would leave a bulk load with a bloated path index).
 */
export async function insertOrgs(trx: Transaction<DB>, rows: NewDemoOrg[]): Promise<OrganizationRow[]> {
  if (rows.length === 0) return [];
  const drawn = await sql<{ seq: number }>`select nextval(pg_get_serial_sequence('organizations', 'seq')) as seq from generate_series(1, ${rows.length})`.execute(trx);
  const seqs = drawn.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  const placed = new Map<string, { path: string; depth: number }>();
  const values = rows.map((o, i) => {
    const parent = o.parentId ? placed.get(o.parentId) : null;
    if (o.parentId && !parent) throw new Error(`organisation ${o.code} is listed before its parent`);
    const at = { path: `${parent?.path ?? '/'}${pathSegment(seqs[i]!)}/`, depth: parent ? parent.depth + 1 : 0 };
    placed.set(o.id, at);
    return { ...o, seq: seqs[i]!, ...at };
  });
  const inserted: OrganizationRow[] = [];
  // Chunks keep the list's order, so a parent is always in an earlier statement or the same one.
  for (const chunk of chunks(values, Math.floor(MAX_PARAMETERS / 10))) {
    const tuples = sql.join(
      chunk.map((o) => sql`(${o.id}::uuid, ${o.seq}::bigint, ${o.code}, ${o.name}, ${o.kind}, ${o.parentId}::uuid, ${o.path}, ${o.depth}::int, ${o.establishedOn}::date, ${o.hasCommittee}::boolean)`),
    );
    const result = await sql<OrganizationRow>`
      insert into organizations (id, seq, code, name, kind, parent_id, path, depth, established_on, has_committee)
      overriding system value
      values ${tuples}
      returning *`.execute(trx);
    inserted.push(...result.rows.map((r) => ({ ...r, seq: Number(r.seq) })));
  }
  return inserted;
}

export async function insertPeople(trx: Transaction<DB>, rows: NewPerson[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Math.max(...rows.slice(0, 10).map((r) => Object.keys(r).length));
  for (const chunk of chunks(rows, Math.max(1, Math.floor(MAX_PARAMETERS / columns)))) {
    await trx.insertInto('people').values(chunk).execute();
  }
}

export async function insertAccounts(
  trx: Transaction<DB>,
  users: Array<{ id: string; username: string; displayName: string; personId: string; passwordHash: string; phoneHash: string | null }>,
  grants: Array<{ id: string; userId: string; role: string; orgId: string }>,
): Promise<void> {
  if (users.length === 0) return;
  await trx
    .insertInto('users')
    .values(users.map((u) => ({ id: u.id, username: u.username, display_name: u.displayName, person_id: u.personId, password_hash: u.passwordHash, phone_hash: u.phoneHash, must_change_password: false })))
    .execute();
  if (grants.length) await trx.insertInto('role_grants').values(grants.map((g) => ({ id: g.id, user_id: g.userId, role: g.role, org_id: g.orgId }))).execute();
}

export async function existingUsernames(db: Db, usernames: string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  return (await db.selectFrom('users').select('username').where('username', 'in', usernames).execute()).map((r) => r.username);
}

export async function orgsByKind(db: Db, path: string): Promise<Array<{ kind: string; n: number }>> {
  return db
    .selectFrom('organizations')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('path', 'like', `${path}%`)
    .groupBy('kind')
    .execute();
}

export async function peopleByCategory(db: Db, path: string): Promise<Array<{ category: string; n: number }>> {
  return db
    .selectFrom('people')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_path', 'like', `${path}%`)
    .groupBy('category')
    .execute();
}

/** Statistics for the planner after a bulk load, so the first queries get good plans. */
export async function analyze(db: Db): Promise<void> {
  await sql`analyze organizations`.execute(db);
  await sql`analyze people`.execute(db);
}

/** The organisations that hold organisational life under a path, with their central group. */
export async function orgLifeOrgs(db: Db, path: string): Promise<Array<{ id: string; kind: OrgKind; hasCommittee: boolean; centralGroupId: string | null }>> {
  const rows = await db
    .selectFrom('organizations as o')
    .leftJoin('central_groups as g', 'g.org_id', 'o.id')
    .select(['o.id', 'o.kind', 'o.has_committee', 'g.id as group_id'])
    .where('o.path', 'like', `${path}%`)
    .where('o.active', '=', true)
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as OrgKind, hasCommittee: r.has_committee, centralGroupId: r.group_id }));
}

export const orgPaths = (db: Db, path: string) => db.selectFrom('organizations').select(['id', 'path']).where('path', 'like', `${path}%`).execute();

/** Units (party committees and leading party groups) with the leading cadres anywhere beneath them. */
export async function unitsWithLeadingCadres(db: Db, rootPath: string): Promise<Array<{ id: string; path: string; name: string; cadreIds: string[] }>> {
  const units = await db
    .selectFrom('organizations')
    .select(['id', 'path', 'name'])
    .where('path', 'like', `${rootPath}%`)
    .where('kind', 'in', ['party_committee', 'leading_party_group'])
    .where('active', '=', true)
    .orderBy('path')
    .execute();
  const out = [];
  for (const unit of units) {
    const cadres = await db
      .selectFrom('people')
      .select('id')
      .where('org_path', 'like', `${unit.path}%`)
      .where('is_leading_cadre', '=', true)
      .where('category', 'in', ['full', 'probationary'])
      .where('status', '=', 'normal')
      .orderBy('is_secretary', 'desc')
      .orderBy('id')
      .execute();
    out.push({ ...unit, cadreIds: cadres.map((c) => c.id) });
  }
  return out;
}

export async function insertCentralGroup(
  trx: Transaction<DB>,
  g: { id: string; orgId: string; orgPath: string; name: string; members: Array<{ personId: string; role: string }> },
): Promise<void> {
  await trx.insertInto('central_groups').values({ id: g.id, org_id: g.orgId, org_path: g.orgPath, name: g.name }).execute();
  if (g.members.length) await trx.insertInto('central_group_members').values(g.members.map((m) => ({ group_id: g.id, person_id: m.personId, role: m.role }))).execute();
}

/** Marks a held demo activity's attendance in three statements (one per status). */
export async function markDemoAttendance(trx: Transaction<DB>, activityId: string, statuses: Record<'present' | 'leave' | 'absent', string[]>, now: Date): Promise<void> {
  for (const [status, personIds] of Object.entries(statuses)) {
    if (personIds.length === 0) continue;
    await trx
      .updateTable('activity_attendees')
      .set({ status, marked_via: 'secretary', leave_reason: status === 'leave' ? '因公出差' : null, signed_in_at: status === 'present' ? now : null, updated_at: now })
      .where('activity_id', '=', activityId)
      .where('person_id', 'in', personIds)
      .execute();
  }
}

export async function userIdOf(db: Db, username: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())?.id;
}
