/** SQL of the teacher pool: directions, lecturers, courses, requests, feedback, a party lesson's lecturer. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { escapeLike } from '../people/people.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

// --- directions -------------------------------------------------------------------------------

export const listDirections = (db: Db) => db.selectFrom('training_directions').select(['code', 'name_zh', 'name_en', 'builtin']).orderBy('sort').orderBy('code').execute();

export async function knownDirections(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('training_directions').select('code').where('code', 'in', [...new Set(codes)]).execute();
  return new Set(rows.map((r) => r.code));
}

export async function insertDirection(db: Db, v: { code: string; nameZh: string; nameEn: string; createdBy: string }) {
  const inserted = await db
    .insertInto('training_directions')
    .values({ code: v.code, name_zh: v.nameZh, name_en: v.nameEn, builtin: false, sort: 100, created_by: v.createdBy })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return inserted !== undefined;
}

// --- lecturers --------------------------------------------------------------------------------

const lecturerQuery = (db: Db) =>
  db
    .selectFrom('lecturers as l')
    .leftJoin('organizations as po', 'po.id', 'l.proposed_by_org_id')
    .selectAll('l')
    .select(['po.name as proposed_by_org_name', 'po.path as proposed_by_org_path'])
    .select((eb) => [
      eb.selectFrom('lecturer_courses as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.lecturer_id', '=', 'l.id').where('c.status', '=', 'active').as('course_count'),
      // An internal lecturer logs in with their person's account even when it was created later.
      sql<boolean>`(l.user_id is not null or exists (select 1 from users u where u.person_id = l.person_id and u.active))`.as('has_account'),
    ]);

export const findLecturer = (db: Db, id: string) => lecturerQuery(db).where('l.id', '=', id).executeTakeFirst();
export type LecturerRow = NonNullable<Awaited<ReturnType<typeof findLecturer>>>;

export async function lockLecturer(db: Transaction<DB>, id: string) {
  await db.selectFrom('lecturers').select('id').where('id', '=', id).forUpdate().execute();
}

export type LecturerFilter = {
  q?: string | undefined;
  pinyin?: string | undefined;
  direction?: string | undefined;
  format?: string | undefined;
  kind?: string | undefined;
  /** Statuses anyone may see; proposals are added for the organisations in `proposalPaths`. */
  statuses: string[];
  /** null = every proposal (officers); otherwise proposals of organisations under these paths. */
  proposalPaths: string[] | null;
  limit: number;
  offset: number;
};

function filteredLecturers(db: Db, f: LecturerFilter) {
  return lecturerQuery(db)
    .$if(f.pinyin !== undefined, (q) => q.where((eb) => eb.or([eb('l.name_pinyin', 'like', `${escapeLike(f.pinyin!)}%`), eb('l.name_initials', 'like', `${escapeLike(f.pinyin!)}%`)])))
    .$if(f.q !== undefined, (q) => q.where((eb) => eb.or([eb('l.name', 'like', `%${escapeLike(f.q!)}%`), eb('l.unit', 'like', `%${escapeLike(f.q!)}%`)])))
    .$if(f.direction !== undefined, (q) =>
      // A lecturer teaches a direction when it is one of theirs or one of their active courses'.
      q.where((eb) =>
        eb.or([
          sql<boolean>`${f.direction!} = any(l.directions)`,
          eb.exists(eb.selectFrom('lecturer_courses as c').select('c.id').whereRef('c.lecturer_id', '=', 'l.id').where('c.direction', '=', f.direction!).where('c.status', '=', 'active')),
        ]),
      ),
    )
    .$if(f.format !== undefined, (q) =>
      q.where((eb) => eb.exists(eb.selectFrom('lecturer_courses as c').select('c.id').whereRef('c.lecturer_id', '=', 'l.id').where('c.format', '=', f.format!).where('c.status', '=', 'active'))),
    )
    .$if(f.kind !== undefined, (q) => q.where('l.kind', '=', f.kind!))
    .where((eb) => {
      const visible = [eb('l.status', 'in', f.statuses.filter((s) => s === 'active' || s === 'retired').length ? f.statuses.filter((s) => s === 'active' || s === 'retired') : ['__none__'])];
      const proposalStatuses = f.statuses.filter((s) => s === 'proposed' || s === 'rejected');
      if (proposalStatuses.length > 0) {
        if (f.proposalPaths === null) visible.push(eb('l.status', 'in', proposalStatuses));
        else if (f.proposalPaths.length > 0)
          visible.push(eb.and([eb('l.status', 'in', proposalStatuses), eb.or(f.proposalPaths.map((p) => eb('po.path', 'like', `${escapeLike(p)}%`)))]));
      }
      return eb.or(visible);
    });
}

export async function searchLecturers(db: Db, f: LecturerFilter) {
  const [rows, total] = await Promise.all([
    filteredLecturers(db, f).orderBy('l.name_pinyin').orderBy('l.id').limit(f.limit).offset(f.offset).execute(),
    filteredLecturers(db, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertLecturer(
  db: Db,
  v: {
    id: string;
    kind: string;
    personId: string | null;
    userId: string | null;
    name: string;
    namePinyin: string;
    nameInitials: string;
    title: string | null;
    unit: string | null;
    directions: string[];
    bio: string | null;
    phoneEnc: string | null;
    phoneTail: string | null;
    status: string;
    proposedByOrgId: string | null;
    createdBy: string;
  },
) {
  await db
    .insertInto('lecturers')
    .values({
      id: v.id,
      kind: v.kind,
      person_id: v.personId,
      user_id: v.userId,
      name: v.name,
      name_pinyin: v.namePinyin,
      name_initials: v.nameInitials,
      title: v.title,
      unit: v.unit,
      directions: v.directions,
      bio: v.bio,
      phone_enc: v.phoneEnc,
      phone_tail: v.phoneTail,
      status: v.status,
      proposed_by_org_id: v.proposedByOrgId,
      created_by: v.createdBy,
    })
    .execute();
}

export const lecturerOfPerson = (db: Db, personId: string) => db.selectFrom('lecturers').select(['id', 'name']).where('person_id', '=', personId).executeTakeFirst();

/** Fields of a lecturer an edit may change; the version is checked and bumped. Returns whether a row changed. */
export async function updateLecturer(
  db: Db,
  id: string,
  version: number,
  set: Partial<{ name: string; name_pinyin: string; name_initials: string; title: string | null; unit: string | null; directions: string[]; bio: string | null; phone_enc: string | null; phone_tail: string | null; status: string; reject_reason: string | null }>,
) {
  const result = await db
    .updateTable('lecturers')
    .set({ ...set, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The person an internal lecturer is, with their organisation and account. */
export const personForLecturer = (db: Db, personId: string) =>
  db
    .selectFrom('people as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .leftJoin('users as u', (j) => j.onRef('u.person_id', '=', 'p.id').on('u.active', '=', true))
    .select(['p.id', 'p.name', 'p.name_pinyin', 'p.name_initials', 'p.org_path', 'o.name as org_name', 'u.id as user_id'])
    .where('p.id', '=', personId)
    .executeTakeFirst();

/** The lecturer the caller is: linked by account, or an internal lecturer who is the caller's person. */
export const lecturerOfAccount = (db: Db, userId: string, personId: string | null) =>
  lecturerQuery(db)
    .where((eb) => eb.or([eb('l.user_id', '=', userId), ...(personId ? [eb('l.person_id', '=', personId)] : [])]))
    .orderBy(sql`case when l.user_id is not null then 0 else 1 end`)
    .limit(1)
    .executeTakeFirst();

// --- courses ----------------------------------------------------------------------------------

const courseQuery = (db: Db) =>
  db
    .selectFrom('lecturer_courses as c')
    .innerJoin('lecturers as l', 'l.id', 'c.lecturer_id')
    .select(['c.id', 'c.lecturer_id', 'l.name as lecturer_name', 'c.title', 'c.direction', 'c.minutes', 'c.format', 'c.summary', 'c.status', 'c.version']);

export const findCourse = (db: Db, id: string) => courseQuery(db).where('c.id', '=', id).executeTakeFirst();
export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

export const coursesOfLecturer = (db: Db, lecturerId: string) => courseQuery(db).where('c.lecturer_id', '=', lecturerId).orderBy('c.status').orderBy('c.title').execute();

export type CourseFilter = { q?: string | undefined; direction?: string | undefined; format?: string | undefined; lecturerId?: string | undefined; limit: number; offset: number };

function filteredCourses(db: Db, f: CourseFilter) {
  return courseQuery(db)
    .where('c.status', '=', 'active')
    .where('l.status', '=', 'active')
    .$if(f.q !== undefined, (q) => q.where((eb) => eb.or([eb('c.title', 'like', `%${escapeLike(f.q!)}%`), eb('l.name', 'like', `%${escapeLike(f.q!)}%`)])))
    .$if(f.direction !== undefined, (q) => q.where('c.direction', '=', f.direction!))
    .$if(f.format !== undefined, (q) => q.where('c.format', '=', f.format!))
    .$if(f.lecturerId !== undefined, (q) => q.where('c.lecturer_id', '=', f.lecturerId!));
}

export async function searchCourses(db: Db, f: CourseFilter) {
  const [rows, total] = await Promise.all([
    filteredCourses(db, f).orderBy('c.direction').orderBy('c.title').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
    filteredCourses(db, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertCourse(db: Db, v: { id: string; lecturerId: string; title: string; direction: string; minutes: number; format: string; summary: string | null }) {
  await db.insertInto('lecturer_courses').values({ id: v.id, lecturer_id: v.lecturerId, title: v.title, direction: v.direction, minutes: v.minutes, format: v.format, summary: v.summary }).execute();
}

export async function updateCourse(db: Db, id: string, version: number, set: Partial<{ title: string; direction: string; minutes: number; format: string; summary: string | null; status: string }>) {
  const result = await db
    .updateTable('lecturer_courses')
    .set({ ...set, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active courses of active lecturers among these ids (a plan may link only those). */
export async function activeCoursesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return courseQuery(db).where('c.id', 'in', [...new Set(ids)]).where('c.status', '=', 'active').where('l.status', '=', 'active').execute();
}

/** Courses by id whatever their status (a stored plan shows what it linked). */
export async function coursesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return courseQuery(db).where('c.id', 'in', [...new Set(ids)]).execute();
}

// --- requests ---------------------------------------------------------------------------------

const requestQuery = (db: Db) =>
  db
    .selectFrom('lecturer_requests as r')
    .innerJoin('lecturers as l', 'l.id', 'r.lecturer_id')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .leftJoin('lecturer_courses as c', 'c.id', 'r.course_id')
    .leftJoin('activities as a', 'a.id', 'r.activity_id')
    .leftJoin('users as u', 'u.id', 'r.requested_by')
    .selectAll('r')
    .select(['l.name as lecturer_name', 'l.user_id as lecturer_user_id', 'l.person_id as lecturer_person_id', 'o.name as org_name', 'c.title as course_title', 'a.topic as activity_topic', 'u.display_name as requested_by_name']);

export const findRequest = (db: Db, id: string) => requestQuery(db).where('r.id', '=', id).executeTakeFirst();
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export async function lockRequest(db: Transaction<DB>, id: string) {
  await db.selectFrom('lecturer_requests').select('id').where('id', '=', id).forUpdate().execute();
}

export const requestsUnder = (db: Db, path: string, status: string | undefined) =>
  requestQuery(db)
    .where('r.org_path', 'like', `${escapeLike(path)}%`)
    .$if(status !== undefined, (q) => q.where('r.status', '=', status!))
    .orderBy('r.preferred_date', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(500)
    .execute();

export const requestsOfLecturer = (db: Db, lecturerId: string, status: string | undefined) =>
  requestQuery(db)
    .where('r.lecturer_id', '=', lecturerId)
    .$if(status !== undefined, (q) => q.where('r.status', '=', status!))
    .orderBy('r.preferred_date', 'asc')
    .orderBy('r.created_at', 'asc')
    .limit(500)
    .execute();

export async function insertRequest(
  db: Db,
  v: { id: string; lecturerId: string; courseId: string | null; orgId: string; orgPath: string; targetType: string; activityId: string | null; classSessionId: string | null; purpose: string; preferredDate: string; requestedBy: string },
) {
  await db
    .insertInto('lecturer_requests')
    .values({
      id: v.id,
      lecturer_id: v.lecturerId,
      course_id: v.courseId,
      org_id: v.orgId,
      org_path: v.orgPath,
      target_type: v.targetType,
      activity_id: v.activityId,
      class_session_id: v.classSessionId,
      purpose: v.purpose,
      preferred_date: v.preferredDate,
      requested_by: v.requestedBy,
    })
    .execute();
}

export async function setRequestStatus(db: Db, id: string, v: { status: string; reason: string | null; at: Date }) {
  await db
    .updateTable('lecturer_requests')
    .set({ status: v.status, decision_reason: v.reason, decided_at: v.at, updated_at: v.at, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The activity a request links, or a party lesson's speaker is chosen for. */
export const findActivity = (db: Db, id: string) =>
  db.selectFrom('activities').select(['id', 'org_id', 'org_path', 'kind', 'status', 'topic', 'lecturer_id', 'speaker_name', 'speaker_person_id', 'version']).where('id', '=', id).executeTakeFirst();

export const findOrg = (db: Db, id: string) => db.selectFrom('organizations').select(['id', 'name', 'path', 'active']).where('id', '=', id).executeTakeFirst();

// --- the party lesson's lecturer --------------------------------------------------------------

/**
 * Sets (or clears) the lecturer of a party lesson together with the speaker fields the activities
 * module shows, and bumps the activity's version so a form holding the old one reloads. The
 * migration's trigger clears lecturer_id when the activities module later changes the speaker.
 */
export async function setActivityLecturer(db: Db, activityId: string, v: { lecturerId: string | null; speakerName: string | null; speakerPersonId: string | null }) {
  return db
    .updateTable('activities')
    .set({ lecturer_id: v.lecturerId, speaker_name: v.speakerName, speaker_person_id: v.speakerPersonId, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', activityId)
    .returning(['id', 'lecturer_id', 'speaker_name', 'speaker_person_id', 'version'])
    .executeTakeFirstOrThrow();
}

export async function lockActivity(db: Transaction<DB>, id: string) {
  await db.selectFrom('activities').select('id').where('id', '=', id).forUpdate().execute();
}

export const lecturerNames = async (db: Db, ids: readonly string[]) => {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('lecturers').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
};

// --- feedback ---------------------------------------------------------------------------------

/** A held party lesson as feedback sees it, with whether the person was present. */
export const partyLessonForFeedback = (db: Db, activityId: string, personId: string) =>
  db
    .selectFrom('activities as a')
    .leftJoin('activity_attendees as at', (j) => j.onRef('at.activity_id', '=', 'a.id').on('at.person_id', '=', personId))
    .select(['a.id', 'a.kind', 'a.status', 'a.topic', 'a.held_on', 'a.lecturer_id', 'at.status as attendance'])
    .where('a.id', '=', activityId)
    .executeTakeFirst();

export const partyLessonTitles = async (db: Db, ids: readonly string[]) => {
  if (ids.length === 0) return new Map<string, { title: string; heldOn: string | null }>();
  const rows = await db.selectFrom('activities').select(['id', 'topic', 'held_on']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { title: r.topic, heldOn: r.held_on }]));
};

/** Held party lessons taught by a lecturer of the pool that the person attended (present). */
export const partyLessonsAttended = (db: Db, personId: string) =>
  db
    .selectFrom('activity_attendees as at')
    .innerJoin('activities as a', 'a.id', 'at.activity_id')
    .innerJoin('lecturers as l', (j) => j.onRef('l.id', '=', 'a.lecturer_id'))
    .select(['a.id', 'a.topic', 'a.held_on', 'l.id as lecturer_id', 'l.name as lecturer_name'])
    .where('at.person_id', '=', personId)
    .where('at.status', '=', 'present')
    .where('a.status', '=', 'held')
    .where('a.kind', '=', 'party_lesson')
    .orderBy('a.held_on', 'desc')
    .limit(100)
    .execute();

/** Inserts once per session and person; false when the person already gave feedback. */
export async function insertFeedback(db: Db, v: { id: string; lecturerId: string; sessionType: string; sessionId: string; personId: string; rating: number; comment: string | null }) {
  const row = await db
    .insertInto('lecturer_feedback')
    .values({ id: v.id, lecturer_id: v.lecturerId, session_type: v.sessionType, session_id: v.sessionId, person_id: v.personId, rating: v.rating, comment: v.comment })
    .onConflict((oc) => oc.columns(['session_type', 'session_id', 'person_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function ratedSessions(db: Db, personId: string) {
  const rows = await db.selectFrom('lecturer_feedback').select(['session_type', 'session_id']).where('person_id', '=', personId).execute();
  return new Set(rows.map((r) => `${r.session_type}:${r.session_id}`));
}

/** A lecturer's feedback, newest first: never the rater. */
export const feedbackOfLecturer = (db: Db, lecturerId: string) =>
  db
    .selectFrom('lecturer_feedback')
    .select(['id', 'session_type', 'session_id', 'rating', 'comment', 'created_at'])
    .where('lecturer_id', '=', lecturerId)
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();

/** Count, mean and per-rating counts per lecturer (all lecturers with feedback, or one). */
export const feedbackSummaries = (db: Db, lecturerId?: string) =>
  db
    .selectFrom('lecturer_feedback as f')
    .innerJoin('lecturers as l', 'l.id', 'f.lecturer_id')
    .select((eb) => [
      'f.lecturer_id',
      'l.name as lecturer_name',
      eb.fn.countAll<string>().as('n'),
      sql<string>`round(avg(f.rating)::numeric, 1)`.as('average'),
      sql<string>`count(distinct (f.session_type, f.session_id))`.as('sessions'),
      sql<string>`count(*) filter (where f.rating = 1)`.as('r1'),
      sql<string>`count(*) filter (where f.rating = 2)`.as('r2'),
      sql<string>`count(*) filter (where f.rating = 3)`.as('r3'),
      sql<string>`count(*) filter (where f.rating = 4)`.as('r4'),
      sql<string>`count(*) filter (where f.rating = 5)`.as('r5'),
    ])
    .$if(lecturerId !== undefined, (q) => q.where('f.lecturer_id', '=', lecturerId!))
    .groupBy(['f.lecturer_id', 'l.name', 'l.name_pinyin'])
    .orderBy('l.name_pinyin')
    .execute();
export type FeedbackSummaryRow = Awaited<ReturnType<typeof feedbackSummaries>>[number];
