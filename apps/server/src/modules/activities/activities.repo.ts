/**
 * SQL for activities: the activity row with its organisation, the subtree list with attendance
 * counts, the attendee rows (expected ones derived here from the organisation, guests and auditors
 * added by hand), named guests, resolutions, and the queries that derive who should attend.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Full and probationary members: the people organisational life is for. */
const MEMBER_CATEGORIES = ['full', 'probationary'];

function selectActivity(db: Db) {
  return db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .selectAll('a')
    .select(['o.name as org_name', 'o.kind as org_kind', 'o.has_committee as org_has_committee']);
}

export type ActivityDetailRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export const findActivity = (db: Db, id: string) => selectActivity(db).where('a.id', '=', id).executeTakeFirst();

/** The activity's own row, locked until the transaction ends: writes to one activity are serialised. */
export const lockActivity = (db: Transaction<DB>, id: string) => db.selectFrom('activities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export type ActivityInsert = {
  id: string;
  orgId: string;
  orgPath: string;
  kind: string;
  topic: string;
  plannedStart: Date;
  plannedEnd: Date | null;
  place: string | null;
  onlineLink: string | null;
  studyForm: string | null;
  speakerPersonId: string | null;
  speakerName: string | null;
  materials: string | null;
  partnerOrgIds: string[];
  centralGroupId: string | null;
  planId: string | null;
  createdBy: string | null;
  now: Date;
};

export async function insertActivity(db: Transaction<DB>, v: ActivityInsert): Promise<void> {
  await db
    .insertInto('activities')
    .values({
      id: v.id,
      org_id: v.orgId,
      org_path: v.orgPath,
      kind: v.kind,
      status: 'planned',
      topic: v.topic,
      planned_start: v.plannedStart,
      planned_end: v.plannedEnd,
      place: v.place,
      online_link: v.onlineLink,
      study_form: v.studyForm,
      speaker_person_id: v.speakerPersonId,
      speaker_name: v.speakerName,
      materials: v.materials,
      partner_org_ids: v.partnerOrgIds,
      central_group_id: v.centralGroupId,
      plan_id: v.planId,
      created_by: v.createdBy,
      created_at: v.now,
      updated_at: v.now,
    })
    .execute();
}

export type ActivityChanges = Partial<{
  kind: string;
  status: string;
  topic: string;
  planned_start: Date;
  planned_end: Date | null;
  actual_start: Date | null;
  actual_end: Date | null;
  held_on: string | null;
  place: string | null;
  online_link: string | null;
  study_form: string | null;
  speaker_person_id: string | null;
  speaker_name: string | null;
  materials: string | null;
  minutes: string | null;
  partner_org_ids: string[];
  central_group_id: string | null;
  credit_hours: number | null;
  cancel_reason: string | null;
}>;

/** Writes the changes and bumps the version; nothing is written when `version` is given and stale. */
export async function updateActivity(db: Transaction<DB>, id: string, changes: ActivityChanges, now: Date, version?: number): Promise<boolean> {
  const result = await db
    .updateTable('activities')
    .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .$if(version !== undefined, (q) => q.where('version', '=', version!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A page of the activities under some subtrees. A held activity is placed on the day it was held,
 * any other on the local day (deployment time zone) of its planned start.
 */
export async function listActivities(
  db: Db,
  o: {
    paths: string[];
    from?: string | undefined;
    to?: string | undefined;
    timeZone: string;
    kind?: string | undefined;
    status?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  if (o.paths.length === 0) return { rows: [], total: 0 };
  const startOf = (day: string) => sql<Date>`(${day}::date)::timestamp at time zone ${o.timeZone}`;
  const endOf = (day: string) => sql<Date>`(${day}::date + 1)::timestamp at time zone ${o.timeZone}`;
  const filtered = selectActivity(db)
    .where((eb) => eb.or(o.paths.map((p) => eb('a.org_path', 'like', `${p}%`))))
    .$if(o.kind !== undefined, (q) => q.where('a.kind', '=', o.kind!))
    .$if(o.status !== undefined, (q) => q.where('a.status', '=', o.status!))
    .$if(o.from !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb.and([eb('a.status', '=', 'held'), eb('a.held_on', '>=', o.from!)]),
          eb.and([eb('a.status', '<>', 'held'), eb('a.planned_start', '>=', startOf(o.from!))]),
        ]),
      ),
    )
    .$if(o.to !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb.and([eb('a.status', '=', 'held'), eb('a.held_on', '<=', o.to!)]),
          eb.and([eb('a.status', '<>', 'held'), eb('a.planned_start', '<', endOf(o.to!))]),
        ]),
      ),
    );
  const [rows, count] = await Promise.all([
    filtered
      .orderBy(sql`coalesce(a.actual_start, a.planned_start)`)
      .orderBy('a.id')
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize)
      .execute(),
    filtered
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * How many activities of the subtrees fall on each local day from `first` to `last`, by kind and
 * status; placed as the list places them (held: the day held; otherwise the local day of the
 * planned start). One grouped scan, however many activities there are.
 */
export async function calendarCounts(
  db: Db,
  o: { paths: string[]; first: string; last: string; timeZone: string; kind?: string | undefined; status?: string | undefined },
) {
  if (o.paths.length === 0) return [];
  const day = sql<string>`(case when a.status = 'held' then a.held_on else (a.planned_start at time zone ${o.timeZone})::date end)`;
  const rows = await db
    .selectFrom('activities as a')
    .select([sql<string>`to_char(${day}, 'YYYY-MM-DD')`.as('day'), 'a.kind', 'a.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.or(o.paths.map((p) => eb('a.org_path', 'like', `${p}%`))))
    .where((eb) =>
      eb.or([
        eb.and([eb('a.status', '=', 'held'), eb('a.held_on', '>=', o.first), eb('a.held_on', '<=', o.last)]),
        eb.and([
          eb('a.status', '<>', 'held'),
          eb('a.planned_start', '>=', sql<Date>`(${o.first}::date)::timestamp at time zone ${o.timeZone}`),
          eb('a.planned_start', '<', sql<Date>`(${o.last}::date + 1)::timestamp at time zone ${o.timeZone}`),
        ]),
      ]),
    )
    .$if(o.kind !== undefined, (q) => q.where('a.kind', '=', o.kind!))
    .$if(o.status !== undefined, (q) => q.where('a.status', '=', o.status!))
    .groupBy([sql`1`, 'a.kind', 'a.status'])
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ day: r.day, kind: r.kind, status: r.status, n: Number(r.n) }));
}

export type AttendanceCountRow = { expected: number; present: number; absent: number; leave: number; pending: number };

/** Counts of the expected attendees (guests and auditors are not counted) per activity. */
export async function attendanceCounts(db: Db, activityIds: string[]): Promise<Map<string, AttendanceCountRow>> {
  if (activityIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('activity_attendees')
    .select((eb) => [
      'activity_id',
      eb.fn.countAll<number>().as('expected'),
      eb.fn.count<number>(eb.case().when('status', '=', 'present').then(1).end()).as('present'),
      eb.fn.count<number>(eb.case().when('status', '=', 'absent').then(1).end()).as('absent'),
      eb.fn.count<number>(eb.case().when('status', '=', 'leave').then(1).end()).as('leave'),
      eb.fn.count<number>(eb.case().when('status', '=', 'pending').then(1).end()).as('pending'),
    ])
    .where('activity_id', 'in', activityIds)
    .where('role', '=', 'expected')
    .groupBy('activity_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.activity_id,
      { expected: Number(r.expected), present: Number(r.present), absent: Number(r.absent), leave: Number(r.leave), pending: Number(r.pending) },
    ]),
  );
}

/** Attendee rows with the person's name and organisation: expected first, then guests and auditors, by name. */
export function listAttendees(db: Db, activityId: string) {
  return db
    .selectFrom('activity_attendees as aa')
    .innerJoin('people as p', 'p.id', 'aa.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select([
      'aa.person_id',
      'aa.role',
      'aa.voting',
      'aa.status',
      'aa.leave_reason',
      'aa.signed_in_at',
      'aa.marked_via',
      'p.name',
      'p.org_id',
      'o.name as org_name',
    ])
    .where('aa.activity_id', '=', activityId)
    .orderBy((eb) => eb.case().when('aa.role', '=', 'expected').then(0).when('aa.role', '=', 'guest').then(1).else(2).end())
    .orderBy('p.name_pinyin')
    .orderBy('p.id')
    .execute();
}

export type AttendeeListRow = Awaited<ReturnType<typeof listAttendees>>[number];

/** Expected attendees nobody has marked yet (status 'pending'), by name. */
export const pendingExpected = (db: Db, activityId: string) =>
  db
    .selectFrom('activity_attendees as aa')
    .innerJoin('people as p', 'p.id', 'aa.person_id')
    .select(['aa.person_id', 'p.name'])
    .where('aa.activity_id', '=', activityId)
    .where('aa.role', '=', 'expected')
    .where('aa.status', '=', 'pending')
    .orderBy('p.name_pinyin')
    .orderBy('p.id')
    .execute();

export const attendeeRows = (db: Db, activityId: string) =>
  db.selectFrom('activity_attendees').select(['person_id', 'role', 'voting', 'status']).where('activity_id', '=', activityId).execute();

export const findAttendee = (db: Db, activityId: string, personId: string) =>
  db
    .selectFrom('activity_attendees')
    .select(['person_id', 'role', 'status'])
    .where('activity_id', '=', activityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export async function insertAttendees(
  db: Transaction<DB>,
  activityId: string,
  rows: Array<{ personId: string; role: 'expected' | 'guest' | 'auditor'; voting: boolean }>,
  now: Date,
): Promise<void> {
  // Chunked so that a county-wide assembly stays well inside the parameter limit.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('activity_attendees')
      .values(
        rows
          .slice(i, i + 1000)
          .map((r) => ({ activity_id: activityId, person_id: r.personId, role: r.role, voting: r.voting, status: 'pending', updated_at: now })),
      )
      .execute();
  }
}

export async function deleteAttendees(db: Transaction<DB>, activityId: string, personIds: string[]): Promise<void> {
  for (let i = 0; i < personIds.length; i += 1000) {
    await db
      .deleteFrom('activity_attendees')
      .where('activity_id', '=', activityId)
      .where('person_id', 'in', personIds.slice(i, i + 1000))
      .execute();
  }
}

export async function setVoting(db: Transaction<DB>, activityId: string, personIds: string[], voting: boolean, now: Date): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .updateTable('activity_attendees')
    .set({ voting, updated_at: now })
    .where('activity_id', '=', activityId)
    .where('person_id', 'in', personIds)
    .execute();
}

// --- who should attend -------------------------------------------------------------------------

export type Candidate = { id: string; category: string };

/** Members in good standing anywhere under a path (a branch's party groups included). */
export const subtreeMembers = (db: Db, path: string): Promise<Candidate[]> =>
  db
    .selectFrom('people')
    .select(['id', 'category'])
    .where('org_path', 'like', `${path}%`)
    .where('category', 'in', MEMBER_CATEGORIES)
    .where('status', '=', 'normal')
    .execute();

/** Members in good standing of exactly one organisation (a party group's own members). */
export const orgMembers = (db: Db, orgId: string): Promise<Candidate[]> =>
  db
    .selectFrom('people')
    .select(['id', 'category'])
    .where('org_id', '=', orgId)
    .where('category', 'in', MEMBER_CATEGORIES)
    .where('status', '=', 'normal')
    .execute();

/** The branch committee: the organisation's own secretary and committee members. */
export const committeeMembers = (db: Db, orgId: string): Promise<Candidate[]> =>
  db
    .selectFrom('people')
    .select(['id', 'category'])
    .where('org_id', '=', orgId)
    .where('category', 'in', MEMBER_CATEGORIES)
    .where('status', '=', 'normal')
    .where((eb) => eb.or([eb('is_secretary', '=', true), eb('is_committee_member', '=', true)]))
    .execute();

/** Members of a central group on a local day: joined by then (or no date) and not yet left. */
export const centralGroupMembers = (db: Db, groupId: string, day: string): Promise<Candidate[]> =>
  db
    .selectFrom('central_group_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.category'])
    .where('m.group_id', '=', groupId)
    .where((eb) => eb.or([eb('m.joined_on', 'is', null), eb('m.joined_on', '<=', day)]))
    .where((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>', day)]))
    .execute();

export async function peopleByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('people').select(['id', 'name', 'category', 'org_id', 'org_path']).where('id', 'in', ids).execute();
}

export const findCentralGroup = (db: Db, id: string) =>
  db.selectFrom('central_groups').select(['id', 'org_id', 'name']).where('id', '=', id).executeTakeFirst();

/** The central group an organisation runs, if any (at most one: central_groups.org_id is unique). */
export const centralGroupOfOrg = (db: Db, orgId: string) =>
  db.selectFrom('central_groups').select(['id', 'org_id', 'name']).where('org_id', '=', orgId).executeTakeFirst();

export async function orgsWithKind(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name', 'kind', 'path']).where('id', 'in', ids).execute();
}

export async function orgsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name', 'path']).where('id', 'in', ids).execute();
}

// --- guests and resolutions ----------------------------------------------------------------------

export const listGuests = (db: Db, activityId: string) =>
  db.selectFrom('activity_guests').selectAll().where('activity_id', '=', activityId).orderBy('created_at').orderBy('id').execute();

export const findGuest = (db: Db, activityId: string, id: string) =>
  db.selectFrom('activity_guests').selectAll().where('activity_id', '=', activityId).where('id', '=', id).executeTakeFirst();

export async function insertGuest(
  db: Transaction<DB>,
  v: { id: string; activityId: string; kind: string; name: string; unit: string | null; note: string | null; now: Date },
): Promise<void> {
  await db
    .insertInto('activity_guests')
    .values({ id: v.id, activity_id: v.activityId, kind: v.kind, name: v.name, unit: v.unit, note: v.note, created_at: v.now })
    .execute();
}

export async function deleteGuest(db: Transaction<DB>, activityId: string, id: string): Promise<void> {
  await db.deleteFrom('activity_guests').where('activity_id', '=', activityId).where('id', '=', id).execute();
}

export const listResolutions = (db: Db, activityId: string) =>
  db.selectFrom('activity_resolutions').selectAll().where('activity_id', '=', activityId).orderBy('created_at').orderBy('id').execute();

export async function insertResolution(
  db: Transaction<DB>,
  v: {
    id: string;
    activityId: string;
    title: string;
    votingMembers: number;
    presentVoting: number;
    ayes: number;
    nays: number;
    abstentions: number;
    passed: boolean;
    recordedBy: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('activity_resolutions')
    .values({
      id: v.id,
      activity_id: v.activityId,
      title: v.title,
      voting_members: v.votingMembers,
      present_voting: v.presentVoting,
      ayes: v.ayes,
      nays: v.nays,
      abstentions: v.abstentions,
      passed: v.passed,
      recorded_by: v.recordedBy,
      created_at: v.now,
    })
    .execute();
}
