/**
 * SQL of differentiated training groups. `memberPredicate` is the SQL form of the pure
 * `belongsToGroup` rule (packages/domain/src/rules/training-groups.ts); the tests hold them equal.
 */
import { PARTY_MEMBER_CATEGORIES, youngMemberCutoff, type BusinessLine, type TrainingGroupKind } from '@pioneer/domain';
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { escapeLike } from '../people/people.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const findOrg = (db: Db, id: string) => db.selectFrom('organizations').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();

const groupQuery = (db: Db) =>
  db
    .selectFrom('training_groups as g')
    .innerJoin('organizations as o', 'o.id', 'g.org_id')
    .select(['g.id', 'g.org_id', 'g.org_path', 'g.name', 'g.kind', 'g.business_line', 'g.version', 'o.name as org_name'])
    .select(sql<number[]>`coalesce((select array_agg(p.year order by p.year desc) from training_group_plans p where p.group_id = g.id), '{}')`.as('plan_years'));

export const findGroup = (db: Db, id: string) => groupQuery(db).where('g.id', '=', id).executeTakeFirst();
export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/** Groups declared on the organisation, below it, or above it (those cover it too). */
export const groupsApplyingTo = (db: Db, path: string) =>
  groupQuery(db)
    .where((eb) => eb.or([eb('g.org_path', 'like', `${escapeLike(path)}%`), sql<boolean>`${path} like g.org_path || '%'`]))
    .orderBy('g.org_path')
    .orderBy('g.name')
    .execute();

/** Groups declared on the organisations above a person (or on theirs): those that may cover them. */
export const groupsAbove = (db: Db, path: string) =>
  groupQuery(db)
    .where(sql<boolean>`${path} like g.org_path || '%'`)
    .orderBy('g.org_path')
    .orderBy('g.name')
    .execute();

export const sameKindGroup = (db: Db, orgId: string, kind: string, businessLine: string | null) =>
  db
    .selectFrom('training_groups')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where((eb) => (businessLine === null ? eb('business_line', 'is', null) : eb('business_line', '=', businessLine)))
    .executeTakeFirst();

export async function insertGroup(db: Db, v: { id: string; orgId: string; orgPath: string; name: string; kind: string; businessLine: string | null; createdBy: string }) {
  await db.insertInto('training_groups').values({ id: v.id, org_id: v.orgId, org_path: v.orgPath, name: v.name, kind: v.kind, business_line: v.businessLine, created_by: v.createdBy }).execute();
}

export async function renameGroup(db: Db, id: string, version: number, name: string) {
  const r = await db.updateTable('training_groups').set({ name, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteGroup(db: Db, id: string) {
  await db.deleteFrom('training_groups').where('id', '=', id).execute();
}

// --- members ----------------------------------------------------------------------------------

type GroupRule = { id: string; kind: TrainingGroupKind; business_line: string | null };

/** Who belongs: the rule over the person's record, or the named list of a custom group. */
function memberPredicate(eb: ExpressionBuilder<DB & { p: DB['people'] }, 'p'>, group: GroupRule, year: number) {
  const member = eb('p.category', 'in', [...PARTY_MEMBER_CATEGORIES]);
  switch (group.kind) {
    case 'leading_cadres':
      return eb.and([member, eb('p.is_leading_cadre', '=', true)]);
    case 'young_members':
      return eb.and([member, eb('p.birth_date', '>', youngMemberCutoff(year))]);
    case 'party_affairs_workers':
      return eb.and([member, eb('p.is_party_affairs_worker', '=', true)]);
    case 'candidates_probationary':
      return eb('p.category', 'in', ['candidate', 'probationary']);
    case 'business_line':
      return eb.and([member, eb('p.business_line', '=', (group.business_line ?? '') as BusinessLine)]);
    case 'custom':
      return eb.exists(eb.selectFrom('training_group_members as m').select('m.person_id').where('m.group_id', '=', group.id).whereRef('m.person_id', '=', 'p.id'));
  }
}

/** Members of the group under its organisation and within `paths` (the caller's view of it). */
function membersQuery(db: Db, group: GroupRule & { org_path: string }, year: number, paths: readonly string[]) {
  return db
    .selectFrom('people as p')
    .where('p.org_path', 'like', `${escapeLike(group.org_path)}%`)
    .where((eb) => eb.or(paths.map((path) => eb('p.org_path', 'like', `${escapeLike(path)}%`))))
    .where((eb) => memberPredicate(eb, group, year));
}

export async function countMembers(db: Db, group: GroupRule & { org_path: string }, year: number, paths: readonly string[]) {
  if (paths.length === 0) return 0;
  const row = await membersQuery(db, group, year, paths)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listMembers(db: Db, group: GroupRule & { org_path: string }, year: number, paths: readonly string[], page: { limit: number; offset: number }) {
  if (paths.length === 0) return [];
  return membersQuery(db, group, year, paths)
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.org_id', 'o.name as org_name', 'p.category', 'p.birth_date', 'p.is_leading_cadre', 'p.is_party_affairs_worker', 'p.business_line'])
    .orderBy('p.org_path')
    .orderBy('p.name_pinyin')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export const peopleByIds = async (db: Db, ids: readonly string[]) => {
  if (ids.length === 0) return [];
  return db.selectFrom('people').select(['id', 'name', 'org_path']).where('id', 'in', [...new Set(ids)]).execute();
};

export const namedMembers = (db: Db, groupId: string) => db.selectFrom('training_group_members').select('person_id').where('group_id', '=', groupId).execute();

export async function replaceMembers(db: Db, groupId: string, personIds: readonly string[]) {
  await db.deleteFrom('training_group_members').where('group_id', '=', groupId).execute();
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .insertInto('training_group_members')
      .values(ids.slice(i, i + 500).map((personId) => ({ group_id: groupId, person_id: personId })))
      .execute();
  }
}

export async function touchGroup(db: Db, id: string) {
  await db.updateTable('training_groups').set({ updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute();
}

/** The columns the group rules read, for one person. */
export const personForGroups = (db: Db, personId: string) =>
  db
    .selectFrom('people')
    .select(['id', 'org_path', 'category', 'birth_date', 'is_leading_cadre', 'is_party_affairs_worker', 'business_line'])
    .where('id', '=', personId)
    .executeTakeFirst();

export async function customGroupsOf(db: Db, personId: string, groupIds: readonly string[]) {
  if (groupIds.length === 0) return new Set<string>();
  const rows = await db.selectFrom('training_group_members').select('group_id').where('person_id', '=', personId).where('group_id', 'in', [...groupIds]).execute();
  return new Set(rows.map((r) => r.group_id));
}

// --- plans ------------------------------------------------------------------------------------

const planColumns = ['id', 'group_id', 'year', 'topics', 'directions', 'target_hours', 'course_ids', 'notes', 'updated_at', 'version'] as const;

export const findPlan = (db: Db, groupId: string, year: number) => db.selectFrom('training_group_plans').select(planColumns).where('group_id', '=', groupId).where('year', '=', year).executeTakeFirst();
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export const plansOfGroup = (db: Db, groupId: string) => db.selectFrom('training_group_plans').select(planColumns).where('group_id', '=', groupId).orderBy('year', 'desc').execute();

export async function plansOfGroups(db: Db, groupIds: readonly string[], year: number) {
  if (groupIds.length === 0) return [];
  return db.selectFrom('training_group_plans').select(planColumns).where('group_id', 'in', [...groupIds]).where('year', '=', year).execute();
}

export async function lockGroup(db: Transaction<DB>, id: string) {
  await db.selectFrom('training_groups').select('id').where('id', '=', id).forUpdate().execute();
}

type PlanValues = { topics: unknown; directions: string[]; targetHours: number; courseIds: string[]; notes: string | null; updatedBy: string };

export async function insertPlan(db: Db, v: PlanValues & { id: string; groupId: string; year: number }) {
  await db
    .insertInto('training_group_plans')
    .values({ id: v.id, group_id: v.groupId, year: v.year, topics: JSON.stringify(v.topics), directions: v.directions, target_hours: v.targetHours, course_ids: v.courseIds, notes: v.notes, updated_by: v.updatedBy })
    .execute();
}

export async function updatePlan(db: Db, id: string, version: number, v: PlanValues) {
  const r = await db
    .updateTable('training_group_plans')
    .set({ topics: JSON.stringify(v.topics), directions: v.directions, target_hours: v.targetHours, course_ids: v.courseIds, notes: v.notes, updated_by: v.updatedBy, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
