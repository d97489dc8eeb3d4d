/**
 * SQL for attendance: the activity as attendance sees it, its attendee rows, the QR sign-in
 * token (only its SHA-256 is stored, looked up through a unique partial index), and the member's
 * own activities. Attendee rows are created by the activities module; this module only changes
 * their status.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** What attendance needs to know about an activity: state, times, place, sign-in window, organisation. */
function selectActivity(db: Db) {
  return db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.org_id',
      'a.org_path',
      'a.kind',
      'a.status',
      'a.topic',
      'a.planned_start',
      'a.planned_end',
      'a.held_on',
      'a.place',
      'a.online_link',
      'a.signin_opens_at',
      'a.signin_expires_at',
      'o.name as org_name',
    ]);
}

export type AttendanceActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export const findActivity = (db: Db, id: string) => selectActivity(db).where('a.id', '=', id).executeTakeFirst();

/**
 * Locks the activity row until the transaction ends. Marking takes it exclusively; sign-in and
 * leave take it shared, so members sign in concurrently while a recording of the activity (an
 * UPDATE of the row) waits for them, and they for it: what the derived figures read is settled.
 */
export async function lockActivity(db: Transaction<DB>, id: string, mode: 'share' | 'update') {
  const q = db.selectFrom('activities').select(['id', 'status', 'held_on', 'kind', 'org_id']).where('id', '=', id);
  return (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
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
      'aa.leave_requested_at',
      'aa.signed_in_at',
      'aa.marked_via',
      'aa.updated_at',
      'p.name',
      'p.name_pinyin',
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

export async function findAttendees(db: Db, activityId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('activity_attendees')
    .select(['person_id', 'role', 'status', 'leave_reason', 'marked_via'])
    .where('activity_id', '=', activityId)
    .where('person_id', 'in', personIds)
    .execute();
}

export async function personNames(db: Db, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'name']).where('id', 'in', personIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Sets one status for several attendees. A mark other than leave clears the leave reason; the time
 * of a QR sign-in is kept only while the person stays present, so a correction to absent leaves no
 * trace of a sign-in that no longer counts.
 */
export async function markAttendees(
  db: Transaction<DB>,
  values: { activityId: string; personIds: string[]; status: 'present' | 'absent' | 'leave'; leaveReason: string | null; markedBy: string; now: Date },
): Promise<void> {
  if (values.personIds.length === 0) return;
  await db
    .updateTable('activity_attendees')
    .set((eb) => ({
      status: values.status,
      leave_reason: values.status === 'leave' ? values.leaveReason : null,
      signed_in_at: values.status === 'present' ? eb.ref('signed_in_at') : null,
      marked_via: 'secretary',
      marked_by: values.markedBy,
      updated_at: values.now,
    }))
    .where('activity_id', '=', values.activityId)
    .where('person_id', 'in', values.personIds)
    .execute();
}

export async function setSignin(db: Db, id: string, values: { tokenHash: string; tokenSealed?: string | null; opensAt: Date; expiresAt: Date }): Promise<void> {
  await db
    .updateTable('activities')
    .set({
      signin_token_hash: values.tokenHash,
      signin_token_sealed: values.tokenSealed ?? null,
      signin_opens_at: values.opensAt,
      signin_expires_at: values.expiresAt,
    })
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/**
 * Ends the window now; the hash stays, so the old QR code still says "closed" rather than "unknown".
 * The sealed code goes: a closed code is never shown again.
 */
export async function closeSignin(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('activities')
    .set((eb) => ({
      signin_expires_at: eb.case().when('signin_expires_at', '>', now).then(now).else(eb.ref('signin_expires_at')).end(),
      signin_token_sealed: null,
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * The sign-in hot path's one read: the activity behind a token hash (unique partial index) with the
 * caller's own attendee row (primary key), optionally holding the activity row shared.
 */
/** The sealed code and its window, for showing the open code again to a manager. */
export const findSealedSignin = (db: Db, id: string) =>
  db.selectFrom('activities').select(['signin_token_sealed', 'signin_opens_at', 'signin_expires_at']).where('id', '=', id).executeTakeFirst();

export function findBySigninHash(db: Db, tokenHash: string, personId: string, lock: boolean) {
  const q = db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .leftJoin('activity_attendees as aa', (join) => join.onRef('aa.activity_id', '=', 'a.id').on('aa.person_id', '=', personId))
    .select([
      'a.id',
      'a.org_id',
      'a.kind',
      'a.status',
      'a.topic',
      'a.planned_start',
      'a.planned_end',
      'a.held_on',
      'a.place',
      'a.online_link',
      'a.signin_opens_at',
      'a.signin_expires_at',
      'o.name as org_name',
      'aa.role as my_role',
      'aa.status as my_status',
      'aa.signed_in_at as my_signed_in_at',
    ])
    .where('a.signin_token_hash', '=', tokenHash);
  return (lock ? q.forShare('a') : q).executeTakeFirst();
}

export type SigninLookupRow = NonNullable<Awaited<ReturnType<typeof findBySigninHash>>>;

/** Marks the caller present by QR; answers the sign-in time, or nothing when they were present already. */
export async function markSignedIn(db: Transaction<DB>, values: { activityId: string; personId: string; userId: string; now: Date }) {
  return db
    .updateTable('activity_attendees')
    .set({ status: 'present', marked_via: 'qr', marked_by: values.userId, signed_in_at: values.now, leave_reason: null, updated_at: values.now })
    .where('activity_id', '=', values.activityId)
    .where('person_id', '=', values.personId)
    .where('status', '<>', 'present')
    .returning(['signed_in_at'])
    .executeTakeFirst();
}

export async function recordLeaveRequest(db: Transaction<DB>, values: { activityId: string; personId: string; userId: string; reason: string; now: Date }): Promise<void> {
  await db
    .updateTable('activity_attendees')
    .set({ status: 'leave', leave_reason: values.reason, leave_requested_at: values.now, marked_via: 'leave_request', marked_by: values.userId, signed_in_at: null, updated_at: values.now })
    .where('activity_id', '=', values.activityId)
    .where('person_id', '=', values.personId)
    .executeTakeFirstOrThrow();
}

/** Back to "not signed in": the member's own leave request is withdrawn. */
export async function withdrawLeaveRequest(db: Transaction<DB>, values: { activityId: string; personId: string; now: Date }): Promise<void> {
  await db
    .updateTable('activity_attendees')
    .set({ status: 'pending', leave_reason: null, leave_requested_at: null, marked_via: null, marked_by: null, updated_at: values.now })
    .where('activity_id', '=', values.activityId)
    .where('person_id', '=', values.personId)
    .executeTakeFirstOrThrow();
}

/** One person's attendee rows with their activities, for "my obligations" and "my activities". */
function selectMyActivities(db: Db, personId: string) {
  return db
    .selectFrom('activity_attendees as aa')
    .innerJoin('activities as a', 'a.id', 'aa.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.org_id',
      'a.kind',
      'a.status',
      'a.topic',
      'a.planned_start',
      'a.planned_end',
      'a.held_on',
      'a.place',
      'a.online_link',
      'a.signin_opens_at',
      'a.signin_expires_at',
      'o.name as org_name',
      'aa.role as my_role',
      'aa.status as my_status',
      'aa.leave_reason',
      'aa.signed_in_at as my_signed_in_at',
    ])
    .where('aa.person_id', '=', personId);
}

export type MyActivityRow = NonNullable<Awaited<ReturnType<typeof findMyActivity>>>;

export const findMyActivity = (db: Db, personId: string, activityId: string) => selectMyActivities(db, personId).where('a.id', '=', activityId).executeTakeFirst();

/**
 * Planned activities the person is expected at that start between `from` and `until`, plus any
 * whose sign-in is open now (a meeting running late still shows), soonest first.
 */
export function listUpcomingForPerson(db: Db, options: { personId: string; from: Date; until: Date; now: Date }) {
  return selectMyActivities(db, options.personId)
    .where('aa.role', '=', 'expected')
    .where('a.status', '=', 'planned')
    .where('a.planned_start', '<', options.until)
    .where((eb) => eb.or([eb('a.planned_start', '>=', options.from), eb('a.signin_expires_at', '>', options.now)]))
    .orderBy('a.planned_start')
    .orderBy('a.id')
    .execute();
}

/** Held activities of a year (local days) the person was expected at, newest first. */
export function listHeldForPerson(db: Db, options: { personId: string; firstDay: string; lastDay: string }) {
  return selectMyActivities(db, options.personId)
    .where('aa.role', '=', 'expected')
    .where('a.status', '=', 'held')
    .where('a.held_on', '>=', options.firstDay)
    .where('a.held_on', '<=', options.lastDay)
    .orderBy('a.held_on', 'desc')
    .orderBy('a.planned_start', 'desc')
    .execute();
}
