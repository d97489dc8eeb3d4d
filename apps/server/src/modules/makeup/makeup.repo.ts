/**
 * SQL for make-up study (补学): assignments with the missed activity, the person and the
 * organisation; the one-statement read the sync matches them with attendance by; the meeting's
 * attachments an assignee studies.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const findActivityForMakeup = (db: Db, id: string) =>
  db.selectFrom('activities').select(['id', 'status', 'kind', 'topic', 'held_on', 'org_id', 'org_path']).where('id', '=', id).executeTakeFirst();

export type MissingAndAssignmentRow = {
  person_id: string;
  /** Expected at the activity and marked absent or on leave. */
  missing: boolean;
  assignment_id: string | null;
  read_at: Date | null;
  completed_at: Date | null;
  note: string | null;
};

/**
 * Expected attendees marked absent or on leave, matched with the activity's assignments, in ONE
 * statement (a full join), so concurrent attendance writes cannot make the two halves disagree.
 */
export async function missingAndAssignments(db: Db, activityId: string): Promise<MissingAndAssignmentRow[]> {
  const { rows } = await sql<MissingAndAssignmentRow>`
    select coalesce(m.person_id, ma.person_id) as person_id, m.person_id is not null as missing,
           ma.id as assignment_id, ma.read_at, ma.completed_at, ma.note
      from (select person_id from activity_attendees
             where activity_id = ${activityId} and role = 'expected' and status in ('absent', 'leave')) m
      full join (select id, person_id, read_at, completed_at, note from makeup_assignments where activity_id = ${activityId}) ma
        on ma.person_id = m.person_id
  `.execute(db);
  return rows;
}

/** Open assignments of an activity (unique index on activity and person): what a sync withdraws once the activity is not held. */
export async function openAssignments(db: Db, activityId: string): Promise<MissingAndAssignmentRow[]> {
  const rows = await db
    .selectFrom('makeup_assignments')
    .select(['id', 'person_id', 'read_at', 'completed_at', 'note'])
    .where('activity_id', '=', activityId)
    .where('completed_at', 'is', null)
    .execute();
  return rows.map((r) => ({ person_id: r.person_id, missing: false, assignment_id: r.id, read_at: r.read_at === null ? null : new Date(r.read_at), completed_at: null, note: r.note }));
}

/** New assignments; a pair that exists already (a concurrent sync) is left alone. Answers the ones made. */
export async function insertAssignments(
  db: Transaction<DB>,
  values: Array<{ id: string; activityId: string; personId: string; orgId: string; orgPath: string; assignedBy: string | null; assignedAt: Date; dueOn: string }>,
) {
  if (values.length === 0) return [];
  return db
    .insertInto('makeup_assignments')
    .values(
      values.map((v) => ({
        id: v.id,
        activity_id: v.activityId,
        person_id: v.personId,
        org_id: v.orgId,
        org_path: v.orgPath,
        assigned_by: v.assignedBy,
        assigned_at: v.assignedAt,
        due_on: v.dueOn,
      })),
    )
    .onConflict((oc) => oc.columns(['activity_id', 'person_id']).doNothing())
    .returning(['id', 'person_id'])
    .execute();
}

/** Removes assignments nobody has started (unread, open). */
export async function deleteUnstarted(db: Transaction<DB>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('makeup_assignments').where('id', 'in', ids).where('read_at', 'is', null).where('completed_at', 'is', null).execute();
}

/** Closes open assignments on the system's behalf with the given note. */
export async function closeWithNote(db: Transaction<DB>, ids: string[], values: { note: string; now: Date }): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('makeup_assignments').set({ completed_at: values.now, note: values.note }).where('id', 'in', ids).where('completed_at', 'is', null).execute();
}

/** Opens again assignments the system had closed (the note says so); members' own notes are never touched. */
export async function reopenSystemClosed(db: Transaction<DB>, ids: string[], systemNote: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('makeup_assignments').set({ completed_at: null, note: null }).where('id', 'in', ids).where('note', '=', systemNote).execute();
}

/** Assignments with what their views show: the missed activity, the person, the organisation, the attendance now. */
function selectAssignments(db: Db) {
  return db
    .selectFrom('makeup_assignments as ma')
    .innerJoin('activities as a', 'a.id', 'ma.activity_id')
    .innerJoin('people as p', 'p.id', 'ma.person_id')
    .innerJoin('organizations as o', 'o.id', 'ma.org_id')
    .leftJoin('activity_attendees as aa', (join) => join.onRef('aa.activity_id', '=', 'ma.activity_id').onRef('aa.person_id', '=', 'ma.person_id'))
    .select([
      'ma.id',
      'ma.activity_id',
      'ma.person_id',
      'ma.org_id',
      'ma.assigned_at',
      'ma.due_on',
      'ma.read_at',
      'ma.completed_at',
      'ma.note',
      'a.kind as activity_kind',
      'a.topic as activity_topic',
      'a.held_on',
      'p.name as person_name',
      'o.name as org_name',
      'aa.status as attendance_status',
    ]);
}

export type AssignmentRow = Awaited<ReturnType<typeof listForPerson>>[number];

/** A person's assignments: open ones first, earliest due first; then done ones, newest first. */
export function listForPerson(db: Db, personId: string, options: { openOnly?: boolean } = {}) {
  return selectAssignments(db)
    .where('ma.person_id', '=', personId)
    .$if(options.openOnly === true, (q) => q.where('ma.completed_at', 'is', null))
    .orderBy(sql`ma.completed_at is null`, 'desc')
    .orderBy('ma.due_on', 'asc')
    .orderBy('ma.completed_at', 'desc')
    .orderBy('ma.id', 'desc')
    .execute();
}

export const findAssignment = (db: Db, id: string) => selectAssignments(db).where('ma.id', '=', id).executeTakeFirst();

/** One page of the assignments of some subtrees (one indexed range each), open first by due day. */
export async function listForSubtrees(db: Db, options: { paths: string[]; status?: 'open' | 'done' | undefined; page: number; pageSize: number }): Promise<{ rows: AssignmentRow[]; total: number }> {
  if (options.paths.length === 0) return { rows: [], total: 0 };
  const filtered = selectAssignments(db)
    .where((eb) => eb.or(options.paths.map((p) => eb('ma.org_path', 'like', `${p}%`))))
    .$if(options.status === 'open', (q) => q.where('ma.completed_at', 'is', null))
    .$if(options.status === 'done', (q) => q.where('ma.completed_at', 'is not', null));
  const [rows, count] = await Promise.all([
    filtered
      .orderBy(sql`ma.completed_at is null`, 'desc')
      .orderBy('ma.due_on', 'asc')
      .orderBy('ma.completed_at', 'desc')
      .orderBy('ma.id', 'desc')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    filtered
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The record an absentee studies: materials, minutes, speaker, place, form. */
export const findActivityRecord = (db: Db, activityId: string) =>
  db
    .selectFrom('activities as a')
    .leftJoin('people as sp', 'sp.id', 'a.speaker_person_id')
    .select(['a.study_form', 'a.place', 'a.materials', 'a.minutes', 'a.speaker_name', 'sp.name as speaker_person_name'])
    .where('a.id', '=', activityId)
    .executeTakeFirst();

/** Files linked to an entity (one attachment may be linked to several records), in the order they were linked. */
export const listLinkedAttachments = (db: Db, entityType: string, entityId: string) =>
  db
    .selectFrom('attachment_links as l')
    .innerJoin('attachments as f', 'f.id', 'l.attachment_id')
    .select(['f.id', 'f.file_name', 'f.media_type', 'f.size_bytes'])
    .where('l.entity_type', '=', entityType)
    .where('l.entity_id', '=', entityId)
    .orderBy('l.linked_at')
    .orderBy('f.id')
    .execute();

export const markRead = (db: Db, id: string, now: Date) =>
  db.updateTable('makeup_assignments').set({ read_at: now }).where('id', '=', id).where('read_at', 'is', null).execute();

/** Closes an open, read assignment with the member's note; answers nothing when it was not (a concurrent completion). */
export const complete = (db: Transaction<DB>, id: string, values: { note: string; now: Date }) =>
  db
    .updateTable('makeup_assignments')
    .set({ note: values.note, completed_at: values.now })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .where('read_at', 'is not', null)
    .returning(['id'])
    .executeTakeFirst();
