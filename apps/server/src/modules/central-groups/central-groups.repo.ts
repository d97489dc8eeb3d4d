/** SQL of central-group study: groups and members, plans, reports, audits, writings, note reviews. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

// --- groups and members -----------------------------------------------------------------------

export const findOrg = (db: Db, id: string) => db.selectFrom('organizations').select(['id', 'name', 'kind', 'path']).where('id', '=', id).executeTakeFirst();

const groupColumns = ['g.id', 'g.org_id', 'g.org_path', 'g.name', 'o.name as org_name'] as const;

export const findGroup = (db: Db, id: string) =>
  db.selectFrom('central_groups as g').innerJoin('organizations as o', 'o.id', 'g.org_id').select(groupColumns).where('g.id', '=', id).executeTakeFirst();
export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

export const groupOfOrg = (db: Db, orgId: string) => db.selectFrom('central_groups').select(['id', 'name']).where('org_id', '=', orgId).executeTakeFirst();

export const groupsUnder = (db: Db, path: string) =>
  db
    .selectFrom('central_groups as g')
    .innerJoin('organizations as o', 'o.id', 'g.org_id')
    .select(groupColumns)
    .select((eb) => eb.selectFrom('central_group_members as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.group_id', '=', 'g.id').where('m.left_on', 'is', null).as('member_count'))
    .where('g.org_path', 'like', `${path}%`)
    .orderBy('g.org_path')
    .execute();

export async function insertGroup(db: Db, v: { id: string; orgId: string; orgPath: string; name: string }) {
  await db.insertInto('central_groups').values({ id: v.id, org_id: v.orgId, org_path: v.orgPath, name: v.name }).execute();
}

/** Current members (not left) with their own branch. */
export const currentMembers = (db: Db, groupId: string) =>
  db
    .selectFrom('central_group_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['m.person_id', 'm.role', 'p.name', 'p.org_id as branch_id', 'o.name as branch_name'])
    .where('m.group_id', '=', groupId)
    .where('m.left_on', 'is', null)
    .orderBy(sql`case m.role when 'leader' then 0 when 'deputy_leader' then 1 when 'study_secretary' then 2 else 3 end`)
    .orderBy('p.name')
    .execute();

export const allMemberRows = (db: Db, groupId: string) => db.selectFrom('central_group_members').select(['person_id', 'role', 'left_on']).where('group_id', '=', groupId).execute();

export async function upsertMember(db: Db, v: { groupId: string; personId: string; role: string; joinedOn: string }) {
  await db
    .insertInto('central_group_members')
    .values({ group_id: v.groupId, person_id: v.personId, role: v.role, joined_on: v.joinedOn, left_on: null })
    .onConflict((oc) => oc.columns(['group_id', 'person_id']).doUpdateSet({ role: v.role, left_on: null }))
    .execute();
}

export async function markLeft(db: Db, groupId: string, personIds: string[], day: string) {
  if (personIds.length === 0) return;
  await db.updateTable('central_group_members').set({ left_on: day }).where('group_id', '=', groupId).where('person_id', 'in', personIds).execute();
}

export async function touchGroup(db: Db, id: string) {
  await db.updateTable('central_groups').set({ updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function peopleByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('people').select(['id', 'name']).where('id', 'in', ids).execute();
}

// --- plans ------------------------------------------------------------------------------------

const planColumns = ['p.id', 'p.group_id', 'p.year', 'p.status', 'p.items', 'p.submitted_at', 'p.decided_at', 'p.comment', 'u.display_name as decided_by_name'] as const;

export const findPlan = (db: Db, id: string) =>
  db.selectFrom('central_group_plans as p').leftJoin('users as u', 'u.id', 'p.decided_by').select(planColumns).where('p.id', '=', id).executeTakeFirst();
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export const planOfYear = (db: Db, groupId: string, year: number) =>
  db.selectFrom('central_group_plans').select(['id', 'status']).where('group_id', '=', groupId).where('year', '=', year).executeTakeFirst();

export const listPlans = (db: Db, groupId: string, year: number | undefined) =>
  db
    .selectFrom('central_group_plans as p')
    .leftJoin('users as u', 'u.id', 'p.decided_by')
    .select(planColumns)
    .where('p.group_id', '=', groupId)
    .$if(year !== undefined, (q) => q.where('p.year', '=', year!))
    .orderBy('p.year', 'desc')
    .execute();

export async function insertPlan(db: Db, v: { id: string; groupId: string; year: number; items: unknown; createdBy: string }) {
  await db.insertInto('central_group_plans').values({ id: v.id, group_id: v.groupId, year: v.year, items: JSON.stringify(v.items), created_by: v.createdBy }).execute();
}

export async function updatePlan(
  db: Db,
  id: string,
  v: { status: string; items?: unknown; submittedAt?: Date | null; decidedAt?: Date | null; decidedBy?: string | null; comment?: string | null },
) {
  await db
    .updateTable('central_group_plans')
    .set({
      status: v.status,
      updated_at: sql`now()`,
      ...(v.items !== undefined ? { items: JSON.stringify(v.items) } : {}),
      ...(v.submittedAt !== undefined ? { submitted_at: v.submittedAt } : {}),
      ...(v.decidedAt !== undefined ? { decided_at: v.decidedAt } : {}),
      ...(v.decidedBy !== undefined ? { decided_by: v.decidedBy } : {}),
      ...(v.comment !== undefined ? { comment: v.comment } : {}),
    })
    .where('id', '=', id)
    .execute();
}

// --- activities and reports -------------------------------------------------------------------

export const findActivity = (db: Db, id: string) =>
  db
    .selectFrom('activities')
    .select(['id', 'org_id', 'org_path', 'kind', 'status', 'topic', 'held_on', 'place', 'study_form', 'speaker_person_id', 'speaker_name', 'minutes', 'central_group_id'])
    .where('id', '=', id)
    .executeTakeFirst();
export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

/** Expected attendees of an activity with their names and marks (guests and auditors excluded). */
export const expectedAttendees = (db: Db, activityId: string) =>
  db
    .selectFrom('activity_attendees as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['p.name', 'a.status', 'a.leave_reason'])
    .where('a.activity_id', '=', activityId)
    .where('a.role', '=', 'expected')
    .orderBy('p.name')
    .execute();

export const latestReport = (db: Db, activityId: string) =>
  db.selectFrom('central_group_reports').select(['id', 'version', 'snapshot_hash']).where('activity_id', '=', activityId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export async function insertReport(
  db: Db,
  v: { id: string; groupId: string; orgPath: string; activityId: string; heldOn: string; version: number; snapshot: unknown; hash: string; submittedBy: string; submittedAt: Date },
) {
  await db
    .insertInto('central_group_reports')
    .values({
      id: v.id,
      group_id: v.groupId,
      org_path: v.orgPath,
      activity_id: v.activityId,
      held_on: v.heldOn,
      version: v.version,
      snapshot: JSON.stringify(v.snapshot),
      snapshot_hash: v.hash,
      submitted_by: v.submittedBy,
      submitted_at: v.submittedAt,
    })
    .execute();
}

const reportQuery = (db: Db) =>
  db
    .selectFrom('central_group_reports as r')
    .innerJoin('central_groups as g', 'g.id', 'r.group_id')
    .leftJoin('users as u', 'u.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.activity_id',
      'r.group_id',
      'g.name as group_name',
      'r.org_path',
      'r.version',
      'r.status',
      'r.snapshot',
      'r.submitted_at',
      'u.display_name as submitted_by_name',
      'r.acknowledged_at',
      'r.acknowledge_comment',
    ]);

export const findReport = (db: Db, id: string) => reportQuery(db).where('r.id', '=', id).executeTakeFirst();
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export const reportsUnder = (db: Db, path: string, first: string, last: string) =>
  reportQuery(db).where('r.org_path', 'like', `${path}%`).where('r.held_on', '>=', first).where('r.held_on', '<=', last).orderBy('r.held_on').orderBy('r.version').execute();

export async function acknowledgeReport(db: Db, id: string, v: { by: string; at: Date; comment: string | null }) {
  await db.updateTable('central_group_reports').set({ status: 'acknowledged', acknowledged_by: v.by, acknowledged_at: v.at, acknowledge_comment: v.comment }).where('id', '=', id).execute();
}

// --- audits -----------------------------------------------------------------------------------

export const findUser = (db: Db, id: string) => db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();

const auditQuery = (db: Db) =>
  db
    .selectFrom('central_group_audits as a')
    .innerJoin('users as u', 'u.id', 'a.auditor_user_id')
    .select(['a.id', 'a.activity_id', 'a.group_id', 'a.auditor_user_id', 'u.display_name as auditor_name', 'a.status', 'a.notes', 'a.completed_at']);
export const findAudit = (db: Db, id: string) => auditQuery(db).where('a.id', '=', id).executeTakeFirst();
export type AuditRow = NonNullable<Awaited<ReturnType<typeof findAudit>>>;

export const auditOf = (db: Db, activityId: string, userId: string) =>
  db.selectFrom('central_group_audits').select('id').where('activity_id', '=', activityId).where('auditor_user_id', '=', userId).executeTakeFirst();

export async function insertAudit(db: Db, v: { id: string; groupId: string; activityId: string; auditorUserId: string; assignedBy: string }) {
  await db.insertInto('central_group_audits').values({ id: v.id, group_id: v.groupId, activity_id: v.activityId, auditor_user_id: v.auditorUserId, assigned_by: v.assignedBy }).execute();
}

export async function completeAudit(db: Db, id: string, v: { notes: string; at: Date }) {
  await db.updateTable('central_group_audits').set({ status: 'completed', notes: v.notes, completed_at: v.at }).where('id', '=', id).execute();
}

export type AuditFigureRow = { group_id: string; name: string; org_name: string; held: number; audited: number; last_audited_on: string | null };

/** Per group under a path: central-group study sessions held between two local days, those with a completed audit, the last such day. */
export async function auditFiguresUnder(db: Db, path: string, first: string, last: string): Promise<AuditFigureRow[]> {
  const rows = await sql<AuditFigureRow>`
    select g.id as group_id, g.name, o.name as org_name,
      count(a.id)::int as held,
      count(a.id) filter (where exists (select 1 from central_group_audits x where x.activity_id = a.id and x.status = 'completed'))::int as audited,
      to_char(max(a.held_on) filter (where exists (select 1 from central_group_audits x where x.activity_id = a.id and x.status = 'completed')), 'YYYY-MM-DD') as last_audited_on
    from central_groups g
    join organizations o on o.id = g.org_id
    left join activities a on a.central_group_id = g.id and a.kind = 'central_group_study' and a.status = 'held'
      and a.held_on >= ${first} and a.held_on <= ${last}
    where g.org_path like ${`${path}%`}
    group by g.id, g.name, o.name, g.org_path
    order by g.org_path
  `.execute(db);
  return rows.rows.map((r) => ({ ...r, held: Number(r.held), audited: Number(r.audited) }));
}

// --- writings ---------------------------------------------------------------------------------

export async function insertWriting(db: Db, v: { id: string; groupId: string; personId: string; year: number; kind: string; title: string; submittedOn: string; createdBy: string }) {
  await db
    .insertInto('central_group_writings')
    .values({ id: v.id, group_id: v.groupId, person_id: v.personId, year: v.year, kind: v.kind, title: v.title, submitted_on: v.submittedOn, created_by: v.createdBy })
    .execute();
}

export const writingsOf = (db: Db, groupId: string, year: number) =>
  db
    .selectFrom('central_group_writings')
    .select(['id', 'person_id', 'year', 'kind', 'title', 'submitted_on'])
    .where('group_id', '=', groupId)
    .where('year', '=', year)
    .orderBy('submitted_on')
    .execute();

// --- note reviews -----------------------------------------------------------------------------

const reviewQuery = (db: Db) =>
  db
    .selectFrom('central_group_note_reviews as r')
    .innerJoin('central_groups as g', 'g.id', 'r.group_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.group_id', 'g.name as group_name', 'g.org_path', 'r.person_id', 'p.name as person_name', 'r.due_on', 'r.status', 'r.text', 'r.submitted_at', 'r.comments', 'r.returned_at']);

export const findReview = (db: Db, id: string) => reviewQuery(db).where('r.id', '=', id).executeTakeFirst();
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;
export const reviewsOfGroup = (db: Db, groupId: string) => reviewQuery(db).where('r.group_id', '=', groupId).orderBy('r.created_at', 'desc').orderBy('p.name').execute();
export const reviewsOfPerson = (db: Db, personId: string) => reviewQuery(db).where('r.person_id', '=', personId).orderBy('r.created_at', 'desc').execute();

export async function insertReview(db: Db, v: { id: string; groupId: string; personId: string; dueOn: string; requestedBy: string }) {
  await db.insertInto('central_group_note_reviews').values({ id: v.id, group_id: v.groupId, person_id: v.personId, due_on: v.dueOn, requested_by: v.requestedBy }).execute();
}

export async function submitReview(db: Db, id: string, v: { text: string; at: Date }) {
  await db.updateTable('central_group_note_reviews').set({ status: 'submitted', text: v.text, submitted_at: v.at }).where('id', '=', id).execute();
}

export async function returnReview(db: Db, id: string, v: { comments: string; by: string; at: Date }) {
  await db.updateTable('central_group_note_reviews').set({ status: 'returned', comments: v.comments, returned_by: v.by, returned_at: v.at }).where('id', '=', id).execute();
}
