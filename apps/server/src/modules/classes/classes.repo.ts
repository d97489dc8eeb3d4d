/**
 * SQL for training classes: classes with their counts, sessions (with the QR token's hash looked
 * up through a unique partial index), enrolments, attendance per session, the credits and
 * completions a completion derives, the statistics per type, and the member's own classes.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

function selectClass(db: Db) {
  return db
    .selectFrom('training_classes as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('training_rotations as r', 'r.id', 'c.rotation_id')
    .select([
      'c.id',
      'c.org_id',
      'c.org_path',
      'o.name as org_name',
      'c.rotation_id',
      'r.title as rotation_title',
      'c.year',
      'c.title',
      'c.type',
      'c.target_group',
      'c.level',
      'c.capacity',
      'c.self_enrolment',
      'c.venue',
      'c.notes',
      'c.status',
      'c.completed_at',
      'c.version',
    ])
    .select((eb) => [
      eb.selectFrom('class_enrolments as e').whereRef('e.class_id', '=', 'c.id').where('e.status', '=', 'enrolled').select((e) => e.fn.countAll<number>().as('n')).as('enrolled'),
      eb.selectFrom('class_enrolments as e').whereRef('e.class_id', '=', 'c.id').where('e.status', '=', 'requested').select((e) => e.fn.countAll<number>().as('n')).as('requested'),
      eb.selectFrom('class_sessions as s').whereRef('s.class_id', '=', 'c.id').select((e) => e.fn.countAll<number>().as('n')).as('session_count'),
      eb.selectFrom('class_sessions as s').whereRef('s.class_id', '=', 'c.id').select(sql<number>`coalesce(sum(s.hours), 0)`.as('h')).as('total_hours'),
      eb.selectFrom('class_sessions as s').whereRef('s.class_id', '=', 'c.id').select(sql<string>`min(s.held_on)::text`.as('d')).as('first_day'),
      eb.selectFrom('class_sessions as s').whereRef('s.class_id', '=', 'c.id').select(sql<string>`max(s.held_on)::text`.as('d')).as('last_day'),
    ]);
}

export type ClassRow = NonNullable<Awaited<ReturnType<typeof findClass>>>;

export const findClass = (db: Db, id: string) => selectClass(db).where('c.id', '=', id).executeTakeFirst();

/** Classes organised on, above or below one of the paths. */
export function listClasses(db: Db, options: { paths: string[]; year?: number | undefined; underPath?: string | undefined; status?: string | undefined; rotationId?: string | undefined }) {
  if (options.paths.length === 0) return Promise.resolve([]);
  return selectClass(db)
    .where((eb) => eb.or(options.paths.flatMap((p) => [sql<boolean>`c.org_path like ${`${p}%`}`, sql<boolean>`${p} like c.org_path || '%'`])))
    .$if(options.year !== undefined, (q) => q.where('c.year', '=', options.year!))
    .$if(options.underPath !== undefined, (q) => q.where('c.org_path', 'like', `${options.underPath}%`))
    .$if(options.status !== undefined, (q) => q.where('c.status', '=', options.status!))
    .$if(options.rotationId !== undefined, (q) => q.where('c.rotation_id', '=', options.rotationId!))
    .orderBy('c.year', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}

/** Locks the class row: FOR UPDATE for enrolment, roster and completion; FOR SHARE for a member's sign-in or leave. */
export function lockClass(trx: Transaction<DB>, id: string, mode: 'update' | 'share') {
  const q = trx.selectFrom('training_classes').select(['id', 'status', 'capacity', 'version', 'org_id', 'org_path']).where('id', '=', id);
  return (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst();
}

export const findOrg = (db: Db, id: string) => db.selectFrom('organizations').select(['id', 'name', 'path', 'kind']).where('id', '=', id).executeTakeFirst();
export const findOrgByPath = (db: Db, path: string) => db.selectFrom('organizations').select(['id', 'name', 'path', 'kind']).where('path', '=', path).executeTakeFirst();
export const findRotation = (db: Db, id: string) => db.selectFrom('training_rotations').select(['id', 'org_path', 'year', 'status']).where('id', '=', id).executeTakeFirst();

export type NewClass = {
  id: string;
  org_id: string;
  org_path: string;
  rotation_id: string | null;
  year: number;
  title: string;
  type: string;
  target_group: string;
  level: string;
  capacity: number;
  self_enrolment: boolean;
  venue: string | null;
  notes: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};
export const insertClass = (trx: Transaction<DB>, row: NewClass) => trx.insertInto('training_classes').values(row).execute();

export const updateClass = (
  trx: Transaction<DB>,
  id: string,
  set: { title?: string; capacity?: number; self_enrolment?: boolean; rotation_id?: string | null; venue?: string | null; notes?: string | null; status?: string; completed_at?: Date; completed_by?: string },
  now: Date,
) =>
  trx
    .updateTable('training_classes')
    .set({ ...set, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();

// ---- sessions

function selectSession(db: Db) {
  return db
    .selectFrom('class_sessions as s')
    .leftJoin('lecturer_courses as lc', 'lc.id', 's.course_id')
    .select([
      's.id',
      's.class_id',
      's.starts_at',
      's.ends_at',
      sql<string>`s.held_on::text`.as('held_on'),
      's.hours',
      's.topic',
      's.lecturer_id',
      's.lecturer_name',
      's.course_id',
      'lc.title as course_title',
      's.direction',
      's.venue',
      's.signin_opens_at',
      's.signin_expires_at',
      's.version',
    ])
    .select((eb) =>
      eb.selectFrom('class_attendance as a').whereRef('a.session_id', '=', 's.id').where('a.status', '=', 'present').select((e) => e.fn.countAll<number>().as('n')).as('present'),
    );
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export const listSessions = (db: Db, classId: string) => selectSession(db).where('s.class_id', '=', classId).orderBy('s.starts_at').orderBy('s.id').execute();
export const findSession = (db: Db, id: string) => selectSession(db).where('s.id', '=', id).executeTakeFirst();

export const findLecturer = (db: Db, id: string) => db.selectFrom('lecturers').select(['id', 'name', 'status']).where('id', '=', id).executeTakeFirst();
export const findCourse = (db: Db, id: string) => db.selectFrom('lecturer_courses').select(['id', 'lecturer_id', 'direction', 'status', 'title']).where('id', '=', id).executeTakeFirst();

export type SessionValues = {
  starts_at: Date;
  ends_at: Date;
  held_on: string;
  hours: number;
  topic: string;
  lecturer_id: string | null;
  lecturer_name: string | null;
  course_id: string | null;
  direction: string | null;
  venue: string | null;
};
export const insertSession = (trx: Transaction<DB>, row: SessionValues & { id: string; class_id: string; created_at: Date; updated_at: Date }) => trx.insertInto('class_sessions').values(row).execute();
export const lockSession = (trx: Transaction<DB>, id: string) => trx.selectFrom('class_sessions').select(['id', 'version', 'class_id']).where('id', '=', id).forUpdate().executeTakeFirst();
export const updateSession = (trx: Transaction<DB>, id: string, values: SessionValues, now: Date) =>
  trx
    .updateTable('class_sessions')
    .set({ ...values, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
export const deleteSession = (trx: Transaction<DB>, id: string) => trx.deleteFrom('class_sessions').where('id', '=', id).execute();
export const sessionHasAttendance = async (db: Db, id: string) => Boolean(await db.selectFrom('class_attendance').select('person_id').where('session_id', '=', id).limit(1).executeTakeFirst());

export const setSignin = (db: Db, sessionId: string, v: { tokenHash: string | null; opensAt: Date | null; expiresAt: Date | null; now: Date }) =>
  db.updateTable('class_sessions').set({ signin_token_hash: v.tokenHash, signin_opens_at: v.opensAt, signin_expires_at: v.expiresAt, updated_at: v.now }).where('id', '=', sessionId).execute();

// ---- people and enrolments

export const findPeople = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('people').select(['id', 'name', 'org_id', 'org_path', 'category', 'is_secretary', 'is_party_affairs_worker']).where('id', 'in', ids).execute();

export const findEnrolments = (db: Db, classId: string, personIds: readonly string[]) =>
  personIds.length === 0 ? Promise.resolve([]) : db.selectFrom('class_enrolments').selectAll().where('class_id', '=', classId).where('person_id', 'in', personIds).execute();

export async function countEnrolled(db: Db, classId: string): Promise<number> {
  const row = await db.selectFrom('class_enrolments').select((eb) => eb.fn.countAll<number>().as('n')).where('class_id', '=', classId).where('status', '=', 'enrolled').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function upsertEnrolments(
  trx: Transaction<DB>,
  rows: Array<{ class_id: string; person_id: string; status: string; via: string; nominated_by_org_id: string | null; requested_by: string | null; decided_by: string | null; decided_at: Date | null; reason: string | null; now: Date }>,
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('class_enrolments')
    .values(rows.map(({ now, ...r }) => ({ ...r, created_at: now, updated_at: now, outcome: null, outcome_reason: null })))
    .onConflict((oc) =>
      oc.columns(['class_id', 'person_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        via: eb.ref('excluded.via'),
        nominated_by_org_id: eb.ref('excluded.nominated_by_org_id'),
        requested_by: eb.ref('excluded.requested_by'),
        decided_by: eb.ref('excluded.decided_by'),
        decided_at: eb.ref('excluded.decided_at'),
        reason: eb.ref('excluded.reason'),
        outcome: null,
        outcome_reason: null,
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export const setEnrolmentStatus = (trx: Transaction<DB>, v: { classId: string; personId: string; status: string; decidedBy: string | null; reason: string | null; now: Date }) =>
  trx
    .updateTable('class_enrolments')
    .set({ status: v.status, decided_by: v.decidedBy, decided_at: v.now, reason: v.reason, updated_at: v.now })
    .where('class_id', '=', v.classId)
    .where('person_id', '=', v.personId)
    .execute();

/** Enrolments of a class with the person and organisation, optionally only people under some paths. */
export function listEnrolments(db: Db, classId: string, underPaths: string[] | null) {
  return db
    .selectFrom('class_enrolments as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['e.person_id', 'p.name', 'p.org_id', 'o.name as org_name', 'p.category', 'e.status', 'e.via', 'e.reason', 'e.outcome', 'e.outcome_reason', 'e.updated_at'])
    .where('e.class_id', '=', classId)
    .$if(underPaths !== null, (q) => (underPaths!.length === 0 ? q.where(sql<boolean>`false`) : q.where((eb) => eb.or(underPaths!.map((p) => eb('p.org_path', 'like', `${p}%`))))))
    .orderBy('p.org_path')
    .orderBy('p.name_pinyin')
    .orderBy('p.id')
    .execute();
}

// ---- attendance

/** The enrolled people of a class with their attendance row at one session, by organisation and name. */
export const rosterOf = (db: Db, classId: string, sessionId: string) =>
  db
    .selectFrom('class_enrolments as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .leftJoin('class_attendance as a', (join) => join.onRef('a.person_id', '=', 'e.person_id').on('a.session_id', '=', sessionId))
    .select(['e.person_id', 'p.name', 'o.name as org_name', 'a.status', 'a.via', 'a.leave_reason', 'a.signed_in_at'])
    .where('e.class_id', '=', classId)
    .where('e.status', '=', 'enrolled')
    .orderBy('p.org_path')
    .orderBy('p.name_pinyin')
    .orderBy('p.id')
    .execute();

export const findAttendance = (db: Db, sessionId: string, personIds: readonly string[]) =>
  personIds.length === 0 ? Promise.resolve([]) : db.selectFrom('class_attendance').selectAll().where('session_id', '=', sessionId).where('person_id', 'in', personIds).execute();

export async function upsertAttendance(
  trx: Transaction<DB>,
  rows: Array<{ session_id: string; person_id: string; status: string; via: string; leave_reason: string | null; signed_in_at: Date | null; marked_by: string | null; updated_at: Date }>,
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('class_attendance')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['session_id', 'person_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        via: eb.ref('excluded.via'),
        leave_reason: eb.ref('excluded.leave_reason'),
        signed_in_at: eb.ref('excluded.signed_in_at'),
        marked_by: eb.ref('excluded.marked_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export const deleteAttendance = (trx: Transaction<DB>, sessionId: string, personId: string) => trx.deleteFrom('class_attendance').where('session_id', '=', sessionId).where('person_id', '=', personId).execute();

/**
 * The QR sign-in hot path: the session by its token's hash, with its class, the caller's
 * enrolment and attendance row, in one indexed read (the class row held FOR SHARE when signing).
 */
export function findBySigninHash(db: Db, tokenHash: string, personId: string, lock: boolean) {
  const q = db
    .selectFrom('class_sessions as s')
    .innerJoin('training_classes as c', 'c.id', 's.class_id')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('class_enrolments as e', (join) => join.onRef('e.class_id', '=', 'c.id').on('e.person_id', '=', personId))
    .leftJoin('class_attendance as a', (join) => join.onRef('a.session_id', '=', 's.id').on('a.person_id', '=', personId))
    .select([
      's.id',
      's.class_id',
      'c.title as class_title',
      'c.status as class_status',
      's.topic',
      'o.name as org_name',
      's.starts_at',
      's.ends_at',
      's.venue',
      's.signin_opens_at',
      's.signin_expires_at',
      'e.status as enrolment',
      'a.status as my_status',
      'a.signed_in_at as my_signed_in_at',
    ])
    .where('s.signin_token_hash', '=', tokenHash);
  return (lock ? q.forShare('c') : q).executeTakeFirst();
}
export type SigninRow = NonNullable<Awaited<ReturnType<typeof findBySigninHash>>>;

/** Marks the caller present by QR; nothing when they were present already. */
export const markSignedIn = (trx: Transaction<DB>, v: { sessionId: string; personId: string; userId: string; now: Date }) =>
  trx
    .insertInto('class_attendance')
    .values({ session_id: v.sessionId, person_id: v.personId, status: 'present', via: 'qr', leave_reason: null, signed_in_at: v.now, marked_by: v.userId, updated_at: v.now })
    .onConflict((oc) =>
      oc
        .columns(['session_id', 'person_id'])
        .doUpdateSet({ status: 'present', via: 'qr', leave_reason: null, signed_in_at: v.now, marked_by: v.userId, updated_at: v.now })
        .where('class_attendance.status', '<>', 'present'),
    )
    .returning(['signed_in_at'])
    .executeTakeFirst();

// ---- completion

/** Enrolled people of a class with their organisation now, and every attendance row of its sessions. */
export async function completionInputs(trx: Transaction<DB>, classId: string) {
  const [people, attendance] = await Promise.all([
    trx
      .selectFrom('class_enrolments as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .select(['e.person_id', 'e.status', 'e.outcome', 'e.outcome_reason', 'p.name', 'p.org_id', 'p.org_path', 'o.name as org_name'])
      .where('e.class_id', '=', classId)
      .orderBy('p.org_path')
      .orderBy('p.name_pinyin')
      .orderBy('p.id')
      .execute(),
    trx
      .selectFrom('class_attendance as a')
      .innerJoin('class_sessions as s', 's.id', 'a.session_id')
      .select(['a.session_id', 'a.person_id', 'a.status'])
      .where('s.class_id', '=', classId)
      .execute(),
  ]);
  return { people, attendance };
}

export const setOutcome = (trx: Transaction<DB>, v: { classId: string; personIds: string[]; outcome: string | null; reason: string | null; now: Date }) =>
  v.personIds.length === 0
    ? Promise.resolve()
    : trx
        .updateTable('class_enrolments')
        .set({ outcome: v.outcome, outcome_reason: v.reason, updated_at: v.now })
        .where('class_id', '=', v.classId)
        .where('person_id', 'in', v.personIds)
        .execute()
        .then(() => undefined);

export const completionsOfClass = (db: Db, classId: string) =>
  db.selectFrom('training_completions').select(['id', 'person_id', 'revoked_at', 'completed_on', 'hours', 'rotation_id', 'level', 'title']).where('source_type', '=', 'class').where('source_id', '=', classId).execute();

export const insertCompletions = (trx: Transaction<DB>, rows: Array<{ id: string; person_id: string; year: number; completed_on: string; kind: string; level: string; rotation_id: string | null; source_type: string; source_id: string; title: string; hours: number; created_by: string; created_at: Date }>) =>
  rows.length === 0 ? Promise.resolve() : trx.insertInto('training_completions').values(rows).execute().then(() => undefined);

export const restoreCompletion = (trx: Transaction<DB>, id: string, v: { year: number; completed_on: string; level: string; rotation_id: string | null; title: string; hours: number }) =>
  trx.updateTable('training_completions').set({ ...v, revoked_at: null }).where('id', '=', id).execute();

export const revokeCompletions = (trx: Transaction<DB>, ids: string[], at: Date) =>
  ids.length === 0 ? Promise.resolve() : trx.updateTable('training_completions').set({ revoked_at: at }).where('id', 'in', ids).where('revoked_at', 'is', null).execute().then(() => undefined);

/** Every ledger row the sessions of a class produced. */
export const creditsOfSessions = (db: Db, sessionIds: readonly string[]) =>
  sessionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('study_credits')
        .select(['id', 'person_id', 'org_id', 'org_path', 'year', 'credited_on', 'hours', 'description', 'reverses_id', 'source_id', 'direction'])
        .where('source_type', '=', 'class_session')
        .where('source_id', 'in', sessionIds)
        .execute();

// ---- statistics and the member's own

export async function statistics(db: Db, path: string, year: number) {
  const { rows } = await sql<{ type: string; classes: number; person_times: number; completed_persons: number }>`
    select c.type, count(distinct c.id)::int as classes, count(e.person_id)::int as person_times,
           count(e.person_id) filter (where e.outcome = 'completed')::int as completed_persons
      from training_classes c
      left join class_enrolments e on e.class_id = c.id and e.status = 'enrolled'
     where c.org_path like ${`${path}%`} and c.year = ${year} and c.status = 'completed'
     group by c.type
  `.execute(db);
  return rows;
}

export const findPerson = (db: Db, id: string) =>
  db.selectFrom('people').select(['id', 'name', 'org_id', 'org_path', 'category', 'is_secretary', 'is_party_affairs_worker']).where('id', '=', id).executeTakeFirst();

/** Classes a person has an enrolment row in. */
export const classesOfPerson = (db: Db, personId: string) =>
  selectClass(db)
    .innerJoin('class_enrolments as me', (join) => join.onRef('me.class_id', '=', 'c.id').on('me.person_id', '=', personId))
    .select(['me.status as my_status', 'me.outcome as my_outcome', 'me.outcome_reason as my_outcome_reason'])
    .orderBy('c.year', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();

/** Open self-enrolment classes organised on the person's organisation or above it, without a live enrolment of theirs. */
export const openClassesFor = (db: Db, person: { id: string; org_path: string }) =>
  selectClass(db)
    .where('c.status', '=', 'open')
    .where('c.self_enrolment', '=', true)
    .where(sql<boolean>`${person.org_path} like c.org_path || '%'`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('class_enrolments as x')
            .select('x.person_id')
            .whereRef('x.class_id', '=', 'c.id')
            .where('x.person_id', '=', person.id)
            .where('x.status', 'in', ['requested', 'enrolled', 'rejected']),
        ),
      ),
    )
    .orderBy('c.created_at', 'desc')
    .execute();

export const myAttendance = (db: Db, classId: string, personId: string) =>
  db
    .selectFrom('class_attendance as a')
    .innerJoin('class_sessions as s', 's.id', 'a.session_id')
    .select(['a.session_id', 'a.status', 'a.via', 'a.leave_reason'])
    .where('s.class_id', '=', classId)
    .where('a.person_id', '=', personId)
    .execute();

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

// ---- the teacher pool's view of class sessions (feedback and linked requests)

/** A session as feedback sees it: its class, lecturer of the pool, end, and the person's enrolment and attendance. */
export const sessionForFeedback = (db: Db, sessionId: string, personId: string) =>
  db
    .selectFrom('class_sessions as s')
    .innerJoin('training_classes as c', 'c.id', 's.class_id')
    .leftJoin('class_enrolments as e', (j) => j.onRef('e.class_id', '=', 'c.id').on('e.person_id', '=', personId))
    .leftJoin('class_attendance as a', (j) => j.onRef('a.session_id', '=', 's.id').on('a.person_id', '=', personId))
    .select(['s.id', 's.topic', 'c.title as class_title', sql<string>`s.held_on::text`.as('held_on'), 's.ends_at', 's.lecturer_id', 'e.status as enrolment', 'a.status as attendance'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();

export async function sessionTitles(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('class_sessions as s')
    .innerJoin('training_classes as c', 'c.id', 's.class_id')
    .select(['s.id', 's.topic', 'c.title as class_title', sql<string>`s.held_on::text`.as('held_on')])
    .where('s.id', 'in', [...new Set(ids)])
    .execute();
}

/** Ended sessions taught by a lecturer of the pool that the person attended while enrolled, newest first. */
export const sessionsAttended = (db: Db, personId: string, now: Date) =>
  db
    .selectFrom('class_attendance as a')
    .innerJoin('class_sessions as s', 's.id', 'a.session_id')
    .innerJoin('training_classes as c', 'c.id', 's.class_id')
    .innerJoin('class_enrolments as e', (j) => j.onRef('e.class_id', '=', 'c.id').onRef('e.person_id', '=', 'a.person_id'))
    .innerJoin('lecturers as l', 'l.id', 's.lecturer_id')
    .select(['s.id', 's.topic', 'c.title as class_title', sql<string>`s.held_on::text`.as('held_on'), 'l.id as lecturer_id', 'l.name as lecturer_name'])
    .where('a.person_id', '=', personId)
    .where('a.status', '=', 'present')
    .where('e.status', '=', 'enrolled')
    .where('s.ends_at', '<=', now)
    .orderBy('s.starts_at', 'desc')
    .limit(100)
    .execute();

/** The class a session belongs to, for a request that links the session. */
export const sessionClass = (db: Db, sessionId: string) =>
  db.selectFrom('class_sessions as s').innerJoin('training_classes as c', 'c.id', 's.class_id').select(['s.id', 's.class_id', 'c.org_id', 'c.status']).where('s.id', '=', sessionId).executeTakeFirst();

/** Sets a session's lecturer of the pool (with the course and its direction) and bumps its version. */
export const setSessionLecturer = (trx: Transaction<DB>, id: string, v: { lecturer_id: string; lecturer_name: string; course_id: string | null; direction: string | null }, now: Date) =>
  trx
    .updateTable('class_sessions')
    .set({ ...v, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
