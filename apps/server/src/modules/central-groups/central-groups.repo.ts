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
    .select(['m.person_id', 'm.role', 'p.name', 'p.org_id as branch_id', 'o.name as branch_name', 'p.is_leading_cadre'])
    .where('m.group_id', '=', groupId)
    .where('m.left_on', 'is', null)
    .orderBy(sql`case m.role when 'leader' then 0 when 'deputy_leader' then 1 when 'study_secretary' then 2 else 3 end`)
    .orderBy('p.name')
    .execute();

export type MemberRow = Awaited<ReturnType<typeof currentMembers>>[number];

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
  return db.selectFrom('people').select(['id', 'name', 'category']).where('id', 'in', ids).execute();
}

// --- plans ------------------------------------------------------------------------------------

/** A plan version with whether a later version of its year has been approved (superseding it). */
const planQuery = (db: Db) =>
  db
    .selectFrom('central_group_plans as p')
    .leftJoin('users as u', 'u.id', 'p.decided_by')
    .select(['p.id', 'p.group_id', 'p.year', 'p.version', 'p.status', 'p.items', 'p.submitted_at', 'p.decided_at', 'p.comment', 'u.display_name as decided_by_name'])
    .select(
      sql<boolean>`exists (select 1 from central_group_plans q where q.group_id = p.group_id and q.year = p.year and q.version > p.version and q.status = 'approved')`.as('superseded'),
    );

export const findPlan = (db: Db, id: string) => planQuery(db).where('p.id', '=', id).executeTakeFirst();
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** The newest version of a group's plan for a year. */
export const latestPlanOfYear = (db: Db, groupId: string, year: number) =>
  db.selectFrom('central_group_plans').select(['id', 'status', 'version']).where('group_id', '=', groupId).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();

export const listPlans = (db: Db, groupId: string, year: number | undefined) =>
  planQuery(db)
    .where('p.group_id', '=', groupId)
    .$if(year !== undefined, (q) => q.where('p.year', '=', year!))
    .orderBy('p.year', 'desc')
    .orderBy('p.version', 'desc')
    .execute();

export async function insertPlan(db: Db, v: { id: string; groupId: string; year: number; version: number; items: unknown; createdBy: string }) {
  await db.insertInto('central_group_plans').values({ id: v.id, group_id: v.groupId, year: v.year, version: v.version, items: JSON.stringify(v.items), created_by: v.createdBy }).execute();
}

/** Serialises changes to a group's plans (two saves of a new version would otherwise race for its number). */
export async function lockGroup(db: Transaction<DB>, id: string) {
  await db.selectFrom('central_groups').select('id').where('id', '=', id).forUpdate().execute();
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
    .select([
      'id',
      'org_id',
      'org_path',
      'kind',
      'status',
      'topic',
      'planned_start',
      'actual_start',
      'actual_end',
      'held_on',
      'place',
      'study_form',
      'speaker_person_id',
      'speaker_name',
      'materials',
      'minutes',
      'central_group_id',
    ])
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

export const resolutionsOf = (db: Db, activityId: string) =>
  db.selectFrom('activity_resolutions').select(['title', 'ayes', 'nays', 'abstentions', 'passed']).where('activity_id', '=', activityId).orderBy('created_at').orderBy('id').execute();

export const latestReport = (db: Db, activityId: string) =>
  db.selectFrom('central_group_reports').select(['id', 'version', 'snapshot_hash']).where('activity_id', '=', activityId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export async function insertReport(
  db: Db,
  v: { id: string; groupId: string; activityId: string; heldOn: string; version: number; snapshot: unknown; hash: string; submittedBy: string; submittedAt: Date },
) {
  await db
    .insertInto('central_group_reports')
    .values({
      id: v.id,
      group_id: v.groupId,
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
      'g.org_path',
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
  reportQuery(db).where('g.org_path', 'like', `${path}%`).where('r.held_on', '>=', first).where('r.held_on', '<=', last).orderBy('r.held_on').orderBy('r.version').execute();

export async function acknowledgeReport(db: Db, id: string, v: { by: string; at: Date; comment: string | null }) {
  await db.updateTable('central_group_reports').set({ status: 'acknowledged', acknowledged_by: v.by, acknowledged_at: v.at, acknowledge_comment: v.comment }).where('id', '=', id).execute();
}

// --- audits -----------------------------------------------------------------------------------

/** An account with its grants' roles and paths (an auditor account must be a committee officer's). */
export async function findUserWithGrants(db: Db, id: string) {
  const user = await db.selectFrom('users').select(['id', 'display_name', 'active', 'person_id']).where('id', '=', id).executeTakeFirst();
  if (!user) return undefined;
  const grants = await db
    .selectFrom('role_grants as r')
    .leftJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.role', 'o.path', 'o.name as org_name'])
    .where('r.user_id', '=', id)
    .execute();
  return { ...user, grants };
}

const auditQuery = (db: Db) =>
  db
    .selectFrom('central_group_audits as a')
    .leftJoin('users as u', 'u.id', 'a.auditor_user_id')
    .innerJoin('activities as s', 's.id', 'a.activity_id')
    .innerJoin('central_groups as g', 'g.id', 'a.group_id')
    .select([
      'a.id',
      'a.activity_id',
      'a.group_id',
      'g.name as group_name',
      'g.org_id',
      'g.org_path',
      's.topic',
      's.status as session_status',
      's.held_on',
      's.planned_start',
      'a.auditor_user_id',
      sql<string>`coalesce(u.display_name, a.auditor_name)`.as('auditor_name'),
      'a.auditor_unit',
      'a.status',
      'a.notes',
      'a.rating',
      'a.assigned_at',
      'a.completed_at',
    ]);
export const findAudit = (db: Db, id: string) => auditQuery(db).where('a.id', '=', id).executeTakeFirst();
export type AuditRow = NonNullable<Awaited<ReturnType<typeof findAudit>>>;
export const auditsOfActivity = (db: Db, activityId: string) => auditQuery(db).where('a.activity_id', '=', activityId).orderBy('a.assigned_at').orderBy('a.id').execute();
/** Audits assigned to an account, the sessions still to come or not yet written up first. */
export const auditsOfUser = (db: Db, userId: string) =>
  auditQuery(db).where('a.auditor_user_id', '=', userId).orderBy(sql`a.status = 'completed'`).orderBy('s.planned_start', 'desc').execute();

export const accountAuditOf = (db: Db, activityId: string, userId: string) =>
  db.selectFrom('central_group_audits').select('id').where('activity_id', '=', activityId).where('auditor_user_id', '=', userId).executeTakeFirst();
export const namedAuditOf = (db: Db, activityId: string, name: string, unit: string) =>
  db.selectFrom('central_group_audits').select('id').where('activity_id', '=', activityId).where('auditor_name', '=', name).where('auditor_unit', '=', unit).executeTakeFirst();

export async function insertAudit(
  db: Db,
  v: { id: string; groupId: string; activityId: string; auditorUserId: string | null; name: string | null; unit: string | null; assignedBy: string; at: Date },
) {
  await db
    .insertInto('central_group_audits')
    .values({ id: v.id, group_id: v.groupId, activity_id: v.activityId, auditor_user_id: v.auditorUserId, auditor_name: v.name, auditor_unit: v.unit, assigned_by: v.assignedBy, assigned_at: v.at })
    .execute();
}

export async function deleteAudit(db: Db, id: string) {
  await db.deleteFrom('central_group_audits').where('id', '=', id).execute();
}

/** Active accounts of the working committee over a path: committee officers granted on it or an ancestor. */
export async function committeeOfficersOver(db: Db, path: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grants as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .distinct()
    .where('r.role', '=', 'committee_officer')
    .where('u.active', '=', true)
    .where(sql<boolean>`${path} like o.path || '%'`)
    .execute();
  return rows.map((r) => r.id);
}

export async function completeAudit(db: Db, id: string, v: { notes: string; rating: string | null; by: string; at: Date }) {
  await db.updateTable('central_group_audits').set({ status: 'completed', notes: v.notes, rating: v.rating, completed_by: v.by, completed_at: v.at }).where('id', '=', id).execute();
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

export async function insertWriting(
  db: Db,
  v: { id: string; groupId: string; personId: string; year: number; kind: string; title: string; submittedOn: string; activityId: string | null; attachmentId: string | null; createdBy: string },
) {
  await db
    .insertInto('central_group_writings')
    .values({
      id: v.id,
      group_id: v.groupId,
      person_id: v.personId,
      year: v.year,
      kind: v.kind,
      title: v.title,
      submitted_on: v.submittedOn,
      activity_id: v.activityId,
      attachment_id: v.attachmentId,
      created_by: v.createdBy,
    })
    .execute();
}

const writingQuery = (db: Db) => db.selectFrom('central_group_writings').select(['id', 'group_id', 'person_id', 'year', 'kind', 'title', 'submitted_on', 'activity_id', 'attachment_id']);
export type WritingRow = Awaited<ReturnType<ReturnType<typeof writingQuery>['execute']>>[number];
export const findWriting = (db: Db, id: string) => writingQuery(db).where('id', '=', id).executeTakeFirst();
export const writingsOf = (db: Db, groupId: string, year: number) => writingQuery(db).where('group_id', '=', groupId).where('year', '=', year).orderBy('submitted_on').orderBy('id').execute();
export const writingsOfPerson = (db: Db, personId: string, year: number) =>
  writingQuery(db).where('person_id', '=', personId).where('year', '=', year).orderBy('submitted_on').orderBy('id').execute();

export async function setWritingAttachment(db: Db, id: string, attachmentId: string) {
  await db.updateTable('central_group_writings').set({ attachment_id: attachmentId }).where('id', '=', id).execute();
}

/** The groups a person is a current member of, with their role. */
export const groupsOfPerson = (db: Db, personId: string) =>
  db
    .selectFrom('central_group_members as m')
    .innerJoin('central_groups as g', 'g.id', 'm.group_id')
    .innerJoin('organizations as o', 'o.id', 'g.org_id')
    .select(groupColumns)
    .select(['m.role'])
    .select((eb) => eb.selectFrom('central_group_members as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.group_id', '=', 'g.id').where('c.left_on', 'is', null).as('member_count'))
    .where('m.person_id', '=', personId)
    .where('m.left_on', 'is', null)
    .orderBy('g.org_path')
    .execute();

/** Attachments by id, as records list them. */
export async function attachmentsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('attachments').select(['id', 'file_name', 'media_type', 'size_bytes', 'created_at']).where('id', 'in', ids).execute();
}

/**
 * Attachment reader of writings and note reviews: is the file linked (attachment_links, written
 * only after the reader's own check) to a record of this kind that belongs to the person, or to a
 * group under one of the managed paths?
 */
export async function fileUsedByOwnRecord(
  db: Db,
  kind: { table: 'central_group_writings' | 'central_group_note_reviews'; entityType: string },
  attachmentId: string,
  who: { personId: string | null; managedPaths: string[] },
): Promise<boolean> {
  if (who.personId === null && who.managedPaths.length === 0) return false;
  const rows = await sql<{ id: string }>`
    select r.id from attachment_links l
    join ${sql.table(kind.table)} r on r.id = l.entity_id
    join central_groups g on g.id = r.group_id
    where l.attachment_id = ${attachmentId} and l.entity_type = ${kind.entityType}
      and (${who.personId !== null ? sql`r.person_id = ${who.personId}` : sql`false`}
        ${sql.join(
          who.managedPaths.map((p) => sql`or g.org_path like ${`${p}%`}`),
          sql` `,
        )})
    limit 1
  `.execute(db);
  return rows.rows.length > 0;
}

// --- note reviews -----------------------------------------------------------------------------

const reviewQuery = (db: Db) =>
  db
    .selectFrom('central_group_note_reviews as r')
    .innerJoin('central_groups as g', 'g.id', 'r.group_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.group_id',
      'g.name as group_name',
      'g.org_id',
      'g.org_path',
      'r.person_id',
      'p.name as person_name',
      'r.due_on',
      'r.note',
      'r.status',
      'r.text',
      'r.attachment_id',
      'r.submitted_at',
      'r.comments',
      'r.returned_at',
    ]);

export const findReview = (db: Db, id: string) => reviewQuery(db).where('r.id', '=', id).executeTakeFirst();
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;
export const reviewsOfGroup = (db: Db, groupId: string) => reviewQuery(db).where('r.group_id', '=', groupId).orderBy('r.created_at', 'desc').orderBy('p.name').execute();
export const reviewsOfPerson = (db: Db, personId: string) => reviewQuery(db).where('r.person_id', '=', personId).orderBy('r.created_at', 'desc').execute();

export async function insertReview(db: Db, v: { id: string; groupId: string; personId: string; dueOn: string; note: string | null; requestedBy: string; at: Date }) {
  await db
    .insertInto('central_group_note_reviews')
    .values({ id: v.id, group_id: v.groupId, person_id: v.personId, due_on: v.dueOn, note: v.note, requested_by: v.requestedBy, created_at: v.at })
    .execute();
}

export async function submitReview(db: Db, id: string, v: { text: string | null; attachmentId: string | null; at: Date }) {
  await db.updateTable('central_group_note_reviews').set({ status: 'submitted', text: v.text, attachment_id: v.attachmentId, submitted_at: v.at }).where('id', '=', id).execute();
}

export async function returnReview(db: Db, id: string, v: { comments: string; by: string; at: Date }) {
  await db.updateTable('central_group_note_reviews').set({ status: 'returned', comments: v.comments, returned_by: v.by, returned_at: v.at }).where('id', '=', id).execute();
}
