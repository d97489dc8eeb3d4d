/** SQL for the organisation tree. Subtrees are one indexed range on the materialised path. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, OrganizationRow } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Path segment of an organisation: its sequence number in base 36, so paths stay short. */
export const pathSegment = (seq: number) => seq.toString(36);

export const findOrg = (db: Db, id: string) => db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();

export const findOrgByCode = (db: Db, code: string) => db.selectFrom('organizations').selectAll().where('code', '=', code).executeTakeFirst();

export const findRoot = (db: Db) => db.selectFrom('organizations').selectAll().where('parent_id', 'is', null).executeTakeFirst();

export async function insertOrg(
  db: Transaction<DB>,
  values: { id: string; code: string; name: string; kind: string; parent: OrganizationRow | null; establishedOn: string | null; hasCommittee: boolean },
): Promise<OrganizationRow> {
  const inserted = await db
    .insertInto('organizations')
    .values({
      id: values.id,
      code: values.code,
      name: values.name,
      kind: values.kind,
      parent_id: values.parent?.id ?? null,
      // The real path needs the generated seq; the id is a unique placeholder for one statement.
      path: values.id,
      depth: values.parent ? values.parent.depth + 1 : 0,
      established_on: values.establishedOn,
      has_committee: values.hasCommittee,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const path = `${values.parent?.path ?? '/'}${pathSegment(inserted.seq)}/`;
  return db.updateTable('organizations').set({ path }).where('id', '=', values.id).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrg(db: Db, id: string, values: Partial<{ code: string; name: string; established_on: string | null; has_committee: boolean }>, now: Date) {
  return db.updateTable('organizations').set({ ...values, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function childrenOf(db: Db, parentId: string) {
  return db
    .selectFrom('organizations as o')
    .selectAll('o')
    .select((eb) => eb.selectFrom('organizations as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'o.id').where('c.active', '=', true).as('child_count'))
    .where('o.parent_id', '=', parentId)
    .orderBy('o.active', 'desc')
    .orderBy('o.seq')
    .execute();
}

export async function orgsWithChildCounts(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organizations as o')
    .selectAll('o')
    .select((eb) => eb.selectFrom('organizations as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'o.id').where('c.active', '=', true).as('child_count'))
    .where('o.id', 'in', ids)
    .orderBy('o.seq')
    .execute();
}

/** Moves a subtree: every path below the old prefix is rewritten, for organisations and people alike. */
export async function moveSubtree(db: Transaction<DB>, options: { oldPath: string; newPath: string; depthDelta: number; orgId: string; newParentId: string; now: Date }) {
  const { oldPath, newPath, depthDelta } = options;
  await db
    .updateTable('organizations')
    .set({ parent_id: options.newParentId, updated_at: options.now })
    .where('id', '=', options.orgId)
    .execute();
  await db
    .updateTable('organizations')
    .set({
      path: sql`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${oldPath}%`)
    .execute();
  await db
    .updateTable('people')
    .set({ org_path: sql`${newPath} || substr(org_path, ${oldPath.length + 1})` })
    .where('org_path', 'like', `${oldPath}%`)
    .execute();
}

export async function subtreeActivity(db: Db, path: string, excludeId: string) {
  const people = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('org_path', 'like', `${path}%`).executeTakeFirstOrThrow();
  const children = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', 'like', `${path}%`)
    .where('id', '!=', excludeId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return { people: people.n, activeChildren: children.n };
}

export async function deactivateOrg(db: Db, id: string, now: Date) {
  return db.updateTable('organizations').set({ active: false, deactivated_at: now, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Counts of people by category and status for a whole subtree, summed from the per-organisation
 * rollup (one row per organisation, kept by triggers) rather than scanned from people: the root
 * of a 300,000-person county reads ~11,000 rows instead of 300,000. See docs/performance.md.
 */
export async function subtreeCounts(db: Db, path: string) {
  const total = (column: 'total' | 'full_members' | 'probationary' | 'applicants' | 'activists' | 'candidates' | 'lost_contact' | 'flowing_out') =>
    sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as(column);
  const people = await db
    .selectFrom('org_people_counts')
    .select([total('total'), total('full_members'), total('probationary'), total('applicants'), total('activists'), total('candidates'), total('lost_contact'), total('flowing_out')])
    .where('org_path', 'like', `${path}%`)
    .executeTakeFirstOrThrow();
  // The partial index on active organisations' paths makes this an index-only scan for any part of
  // the tree (for the whole tree the planner rightly reads the table).
  const orgs = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', 'like', `${path}%`)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return { people, organizations: orgs.n };
}

export async function searchOrgs(db: Db, q: string, limit: number) {
  const escaped = q.replace(/[\\%_]/g, (m) => `\\${m}`);
  return db
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'kind', 'parent_id', 'depth', 'established_on', 'has_committee', 'active', 'path', 'seq'])
    .where('active', '=', true)
    .where((eb) => eb.or([eb('name', 'like', `%${escaped}%`), eb('code', 'like', `${escaped}%`)]))
    .orderBy('depth')
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function pathsOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'path']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}
