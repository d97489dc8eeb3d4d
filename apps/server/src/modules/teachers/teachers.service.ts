/**
 * The teacher pool (师资库): directions, lecturers (added by the working committee or proposed by a
 * secretary and approved), their course catalogue, requests for a lecturer and the lecturer's
 * answer (both sides notified in the same transaction), private feedback from participants, and a
 * party lesson's speaker chosen from the pool. Every write is audited in its own transaction; a
 * lecturer's phone is stored like people's phones (encrypted, last four in clear) and never written
 * to the audit log.
 */
import {
  checkPhone,
  lastFour,
  toPinyinKeys,
  looksLikePinyinQuery,
  normalizePinyinQuery,
  type ActivityLecturerView,
  type CourseInput,
  type CoursePage,
  type CourseListQuery,
  type CourseUpdateInput,
  type CourseView,
  type FeedbackSessionView,
  type LecturerCreateInput,
  type LecturerDetail,
  type LecturerFeedbackInput,
  type LecturerFeedbackReport,
  type LecturerFeedbackSummary,
  type LecturerListQuery,
  type LecturerPage,
  type LecturerRequestInput,
  type LecturerRequestStatus,
  type LecturerRequestView,
  type LecturerUpdateInput,
  type TrainingDirectionInput,
  type TrainingDirectionView,
} from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { notify } from '../notifications/notifications.service.ts';
import { feedbackSessionSource, feedbackSessionSources } from './feedback-sessions.ts';
import { requestTarget } from './request-targets.ts';
import * as policy from './teachers.policy.ts';
import { emptySummary, presentCourse, presentFeedback, presentLecturerDetail, presentLecturerSummary, presentRequest, presentSummary } from './teachers.presenter.ts';
import * as repo from './teachers.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

const requirePoolReader = (actor: Actor) => {
  if (!policy.readsPool(actor)) throw new AppError('FORBIDDEN');
};
const requireKeeper = (actor: Actor) => {
  if (!policy.keepsPool(actor)) throw new AppError('FORBIDDEN');
};

async function checkDirections(db: Db, codes: readonly string[]) {
  const known = await repo.knownDirections(db, codes);
  const unknown = codes.find((c) => !known.has(c));
  if (unknown) throw new AppError('LECTURER_DIRECTION_UNKNOWN', { code: unknown });
}

/** The encrypted phone columns of an input phone (undefined = unchanged, null/'' = cleared). */
function phoneColumns(ctx: ServerContext, raw: string | null | undefined): { phone_enc: string | null; phone_tail: string | null } | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return { phone_enc: null, phone_tail: null };
  const checked = checkPhone(raw);
  if (!checked.ok) throw new AppError('LECTURER_PHONE_INVALID', { phone: raw });
  return { phone_enc: ctx.pii.encrypt(checked.value), phone_tail: lastFour(checked.value) };
}

// --- directions -------------------------------------------------------------------------------

export async function listDirections(ctx: ServerContext, options: { actor: Actor }): Promise<TrainingDirectionView[]> {
  requirePoolReader(options.actor);
  return (await repo.listDirections(ctx.db)).map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en, builtin: d.builtin }));
}

export async function createDirection(ctx: ServerContext, options: Caller & { input: TrainingDirectionInput }): Promise<TrainingDirectionView> {
  requireKeeper(options.actor);
  const { input } = options;
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.insertDirection(trx, { ...input, createdBy: options.actor.userId }))) throw new AppError('LECTURER_DIRECTION_TAKEN', { code: input.code });
    await recordAudit(trx, { actor: options.actor, ip: options.ip, action: 'teacher_direction.create', entityType: 'training_direction', after: input });
    return { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, builtin: false };
  });
}

// --- lecturers --------------------------------------------------------------------------------

async function loadLecturer(db: Db, actor: Actor, id: string): Promise<repo.LecturerRow> {
  const lecturer = await repo.findLecturer(db, id);
  if (!lecturer || !policy.seesLecturer(actor, lecturer)) throw new AppError('LECTURER_NOT_FOUND');
  return lecturer;
}

const detailOf = async (ctx: ServerContext, db: Db, id: string): Promise<LecturerDetail> =>
  presentLecturerDetail(ctx.pii, (await repo.findLecturer(db, id))!, await repo.coursesOfLecturer(db, id));

export async function searchLecturers(ctx: ServerContext, options: { actor: Actor; query: LecturerListQuery }): Promise<LecturerPage> {
  const { actor, query } = options;
  requirePoolReader(actor);
  const q = query.q?.trim() || undefined;
  const pinyin = q && looksLikePinyinQuery(q) ? normalizePinyinQuery(q) : undefined;
  const { rows, total } = await repo.searchLecturers(ctx.db, {
    q: pinyin ? undefined : q,
    pinyin,
    direction: query.direction,
    format: query.format,
    kind: query.kind,
    // By default the pool as it teaches now; a status filter asks for one status.
    statuses: query.status ? [query.status] : ['active'],
    proposalPaths: policy.proposalPaths(actor),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map((r) => presentLecturerSummary(ctx.pii, r)), total, page: query.page, pageSize: query.pageSize };
}

export async function getLecturer(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<LecturerDetail> {
  const lecturer = await loadLecturer(ctx.db, options.actor, options.id);
  return presentLecturerDetail(ctx.pii, lecturer, await repo.coursesOfLecturer(ctx.db, lecturer.id));
}

/**
 * Adds a lecturer. A working-committee officer adds them to the pool directly; anyone else who
 * manages an organisation (a secretary) proposes one from it, and the proposal waits for an
 * officer's approval. An internal lecturer is a person of the deployment (a secretary may propose
 * only people of their own subtree); their name comes from the record and their account, if any,
 * is linked so that they can answer requests.
 */
export async function createLecturer(ctx: ServerContext, options: Caller & { input: LecturerCreateInput }): Promise<LecturerDetail> {
  const { actor, input } = options;
  requirePoolReader(actor);
  const officer = policy.keepsPool(actor);
  let proposedBy: { id: string; path: string } | null = null;
  if (!officer) {
    if (!input.proposedByOrgId) throw new AppError('LECTURER_PROPOSE_NEEDS_ORG');
    const org = await repo.findOrg(ctx.db, input.proposedByOrgId);
    if (!org || !policy.mayProposeFrom(actor, org.path)) throw new AppError('ORG_NOT_FOUND');
    proposedBy = { id: org.id, path: org.path };
  }
  await checkDirections(ctx.db, input.directions);
  const phone = phoneColumns(ctx, input.phone) ?? { phone_enc: null, phone_tail: null };

  let person: Awaited<ReturnType<typeof repo.personForLecturer>> | undefined;
  if (input.kind === 'internal') {
    person = await repo.personForLecturer(ctx.db, input.personId!);
    if (!person || (!officer && !policy.mayProposeFrom(actor, person.org_path))) throw new AppError('PERSON_NOT_FOUND');
  }
  const name = person ? person.name : input.name!;
  const keys = person ? { full: person.name_pinyin, initials: person.name_initials } : toPinyinKeys(name);
  const id = newId();
  const status = officer ? 'active' : 'proposed';
  return ctx.db.transaction().execute(async (trx) => {
    if (person) {
      const existing = await repo.lecturerOfPerson(trx, person.id);
      if (existing) throw new AppError('LECTURER_PERSON_TAKEN', { name: existing.name });
    }
    await repo.insertLecturer(trx, {
      id,
      kind: input.kind,
      personId: person?.id ?? null,
      userId: person?.user_id ?? null,
      name,
      namePinyin: keys.full,
      nameInitials: keys.initials,
      title: input.title,
      unit: input.unit?.trim() || person?.org_name || null,
      directions: [...new Set(input.directions)],
      bio: input.bio,
      phoneEnc: phone.phone_enc,
      phoneTail: phone.phone_tail,
      status,
      proposedByOrgId: proposedBy?.id ?? null,
      createdBy: actor.userId,
    });
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: officer ? 'lecturer.create' : 'lecturer.propose',
      entityType: 'lecturer',
      entityId: id,
      orgId: proposedBy?.id ?? null,
      // The phone stays out of the audit log: only whether one was given.
      after: { kind: input.kind, personId: person?.id ?? null, name, title: input.title, unit: input.unit ?? null, directions: input.directions, status, phone: phone.phone_enc ? 'set' : null },
    });
    return detailOf(ctx, trx, id);
  });
}

export async function updateLecturer(ctx: ServerContext, options: Caller & { id: string; input: LecturerUpdateInput }): Promise<LecturerDetail> {
  const { actor, input } = options;
  requireKeeper(actor);
  const lecturer = await loadLecturer(ctx.db, actor, options.id);
  if (input.name !== undefined && input.name !== lecturer.name && lecturer.kind === 'internal') throw new AppError('LECTURER_NAME_FROM_RECORD');
  if (input.directions) await checkDirections(ctx.db, input.directions);
  const phone = phoneColumns(ctx, input.phone);
  const set = {
    ...(input.name !== undefined && lecturer.kind === 'external' ? { name: input.name, name_pinyin: toPinyinKeys(input.name).full, name_initials: toPinyinKeys(input.name).initials } : {}),
    ...(input.unit !== undefined ? { unit: input.unit } : {}),
    ...(input.title !== undefined ? { title: input.title || null } : {}),
    ...(input.directions !== undefined ? { directions: [...new Set(input.directions)] } : {}),
    ...(input.bio !== undefined ? { bio: input.bio || null } : {}),
    ...(phone ?? {}),
    // Retiring or reactivating applies to lecturers of the pool, not to pending proposals.
    ...(input.status !== undefined && (lecturer.status === 'active' || lecturer.status === 'retired') ? { status: input.status } : {}),
  };
  if (input.status !== undefined && lecturer.status !== 'active' && lecturer.status !== 'retired') throw new AppError('LECTURER_NOT_ACTIVE', { name: lecturer.name });
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateLecturer(trx, lecturer.id, input.version, set))) throw new AppError('CONFLICT_VERSION');
    const { phone_enc: _enc, phone_tail: _tail, ...audited } = set as typeof set & { phone_enc?: unknown; phone_tail?: unknown };
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'lecturer.update',
      entityType: 'lecturer',
      entityId: lecturer.id,
      before: { name: lecturer.name, title: lecturer.title, unit: lecturer.unit, directions: lecturer.directions, status: lecturer.status },
      after: { ...audited, ...(phone ? { phone: phone.phone_enc ? 'changed' : 'cleared' } : {}) },
    });
    return detailOf(ctx, trx, lecturer.id);
  });
}

/** The full phone number, for an officer arranging a lesson; every view is audited. */
export async function lecturerPii(ctx: ServerContext, options: Caller & { id: string }): Promise<{ phone: string | null }> {
  requireKeeper(options.actor);
  const lecturer = await loadLecturer(ctx.db, options.actor, options.id);
  const phone = lecturer.phone_enc ? ctx.pii.decrypt(lecturer.phone_enc) : null;
  await recordAudit(ctx.db, { actor: options.actor, ip: options.ip, action: 'lecturer.pii.view', entityType: 'lecturer', entityId: lecturer.id, detail: { fields: ['phone'] } });
  return { phone };
}

/** An officer decides a secretary's proposal: approved into the pool, or rejected with the reason. */
export async function decideProposal(ctx: ServerContext, options: Caller & { id: string; decision: 'approve' | 'reject'; reason?: string }): Promise<LecturerDetail> {
  const { actor } = options;
  requireKeeper(actor);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockLecturer(trx, options.id);
    const lecturer = await loadLecturer(trx, actor, options.id);
    if (lecturer.status !== 'proposed') throw new AppError('LECTURER_NOT_PROPOSED');
    const status = options.decision === 'approve' ? 'active' : 'rejected';
    await repo.updateLecturer(trx, lecturer.id, lecturer.version, { status, reject_reason: options.decision === 'reject' ? options.reason! : null });
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: `lecturer.${options.decision}`,
      entityType: 'lecturer',
      entityId: lecturer.id,
      orgId: lecturer.proposed_by_org_id,
      after: { status, reason: options.reason ?? null },
    });
    return detailOf(ctx, trx, lecturer.id);
  });
}

// --- courses ----------------------------------------------------------------------------------

export async function addCourse(ctx: ServerContext, options: Caller & { lecturerId: string; input: CourseInput }): Promise<CourseView> {
  const { actor, input } = options;
  requireKeeper(actor);
  const lecturer = await loadLecturer(ctx.db, actor, options.lecturerId);
  await checkDirections(ctx.db, [input.direction]);
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.insertCourse(trx, { id, lecturerId: lecturer.id, ...input });
    await recordAudit(trx, { actor, ip: options.ip, action: 'lecturer_course.create', entityType: 'lecturer_course', entityId: id, after: { lecturerId: lecturer.id, ...input } });
    return presentCourse((await repo.findCourse(trx, id))!);
  });
}

export async function updateCourse(ctx: ServerContext, options: Caller & { id: string; input: CourseUpdateInput }): Promise<CourseView> {
  const { actor, input } = options;
  requireKeeper(actor);
  const course = await repo.findCourse(ctx.db, options.id);
  if (!course) throw new AppError('LECTURER_COURSE_NOT_FOUND');
  if (input.direction) await checkDirections(ctx.db, [input.direction]);
  const { version, summary, ...rest } = input;
  const set = { ...rest, ...(summary !== undefined ? { summary: summary || null } : {}) };
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateCourse(trx, course.id, version, set))) throw new AppError('CONFLICT_VERSION');
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'lecturer_course.update',
      entityType: 'lecturer_course',
      entityId: course.id,
      before: { title: course.title, direction: course.direction, minutes: course.minutes, format: course.format, status: course.status },
      after: set,
    });
    return presentCourse((await repo.findCourse(trx, course.id))!);
  });
}

export async function searchCourses(ctx: ServerContext, options: { actor: Actor; query: CourseListQuery }): Promise<CoursePage> {
  const { actor, query } = options;
  requirePoolReader(actor);
  const { rows, total } = await repo.searchCourses(ctx.db, {
    q: query.q?.trim() || undefined,
    direction: query.direction,
    format: query.format,
    lecturerId: query.lecturerId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(presentCourse), total, page: query.page, pageSize: query.pageSize };
}

// --- requests ---------------------------------------------------------------------------------

const lecturerRecipients = (r: { lecturer_user_id: string | null; lecturer_person_id: string | null }) => ({
  userIds: r.lecturer_user_id ? [r.lecturer_user_id] : [],
  personIds: r.lecturer_person_id ? [r.lecturer_person_id] : [],
});

/**
 * A unit's request for a lecturer: from an organisation the caller manages, to an active lecturer,
 * optionally for one of their active courses, for a party lesson of that organisation (optionally
 * linked) or a session of a class it runs (optionally linked; checked by the classes module's
 * registered target), on a day not yet past. The lecturer is told in the same transaction.
 */
export async function createRequest(ctx: ServerContext, options: Caller & { input: LecturerRequestInput }): Promise<LecturerRequestView> {
  const { actor, input } = options;
  const org = await repo.findOrg(ctx.db, input.orgId);
  if (!org || !policy.managesRequestsOf(actor, org.path)) throw new AppError('ORG_NOT_FOUND');
  const lecturer = await loadLecturer(ctx.db, actor, input.lecturerId);
  if (lecturer.status !== 'active') throw new AppError('LECTURER_NOT_ACTIVE', { name: lecturer.name });
  if (input.courseId) {
    const course = await repo.findCourse(ctx.db, input.courseId);
    if (!course) throw new AppError('LECTURER_COURSE_NOT_FOUND');
    if (course.lecturer_id !== lecturer.id) throw new AppError('LECTURER_COURSE_OTHER_LECTURER', { title: course.title });
    if (course.status !== 'active') throw new AppError('LECTURER_COURSE_RETIRED', { title: course.title });
  }
  if (input.activityId) {
    const activity = await repo.findActivity(ctx.db, input.activityId);
    if (!activity || activity.org_id !== org.id || activity.kind !== 'party_lesson' || activity.status === 'cancelled') throw new AppError('LECTURER_REQUEST_ACTIVITY');
  }
  if (input.classSessionId) {
    // Accepting sets the session's lecturer, so only the organisation running the class may name it.
    const target = requestTarget('class_session');
    if (!target || !(await target.linkable(ctx.db, input.classSessionId, org))) throw new AppError('LECTURER_REQUEST_CLASS_SESSION');
  }
  if (input.preferredDate < todayIn(ctx)) throw new AppError('LECTURER_REQUEST_DATE_PAST', { date: input.preferredDate });
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.insertRequest(trx, {
      id,
      lecturerId: lecturer.id,
      courseId: input.courseId ?? null,
      orgId: org.id,
      orgPath: org.path,
      targetType: input.targetType,
      activityId: input.activityId ?? null,
      classSessionId: input.classSessionId ?? null,
      purpose: input.purpose,
      preferredDate: input.preferredDate,
      requestedBy: actor.userId,
    });
    await recordAudit(trx, { actor, ip: options.ip, action: 'lecturer_request.create', entityType: 'lecturer_request', entityId: id, orgId: org.id, after: input });
    const request = (await repo.findRequest(trx, id))!;
    await notify(trx, ctx, {
      recipients: lecturerRecipients(request),
      kind: 'lecturer_request_received',
      params: { orgName: org.name, purpose: input.purpose, preferredDate: input.preferredDate },
      link: '/my-teaching',
      dedupeKey: `lecturer_request_received:${id}`,
    });
    return presentRequest(request);
  });
}

export async function listRequests(ctx: ServerContext, options: { actor: Actor; orgId: string; status?: LecturerRequestStatus | undefined }): Promise<LecturerRequestView[]> {
  const org = await repo.findOrg(ctx.db, options.orgId);
  if (!org || !policy.managesRequestsOf(options.actor, org.path)) throw new AppError('ORG_NOT_FOUND');
  return (await repo.requestsUnder(ctx.db, org.path, options.status)).map(presentRequest);
}

/** The requesting unit withdraws a request not yet declined; the lecturer is told. */
export async function cancelRequest(ctx: ServerContext, options: Caller & { id: string }): Promise<LecturerRequestView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockRequest(trx, options.id);
    const request = await repo.findRequest(trx, options.id);
    if (!request || !policy.managesRequestsOf(actor, request.org_path)) throw new AppError('LECTURER_REQUEST_NOT_FOUND');
    if (request.status !== 'pending' && request.status !== 'accepted') throw new AppError('LECTURER_REQUEST_CLOSED');
    await repo.setRequestStatus(trx, request.id, { status: 'cancelled', reason: null, at: ctx.now() });
    await recordAudit(trx, { actor, ip: options.ip, action: 'lecturer_request.cancel', entityType: 'lecturer_request', entityId: request.id, orgId: request.org_id, before: { status: request.status } });
    await notify(trx, ctx, {
      recipients: lecturerRecipients(request),
      kind: 'lecturer_request_cancelled',
      params: { orgName: request.org_name, purpose: request.purpose, preferredDate: request.preferred_date },
      link: '/my-teaching',
      dedupeKey: `lecturer_request_cancelled:${request.id}`,
    });
    return presentRequest((await repo.findRequest(trx, request.id))!);
  });
}

async function myLecturerRow(db: Db, actor: Actor): Promise<repo.LecturerRow> {
  const lecturer = await repo.lecturerOfAccount(db, actor.userId, actor.personId);
  if (!lecturer) throw new AppError('LECTURER_PROFILE_NOT_LINKED');
  return lecturer;
}

export async function myLecturer(ctx: ServerContext, options: { actor: Actor }): Promise<LecturerDetail> {
  const lecturer = await myLecturerRow(ctx.db, options.actor);
  return presentLecturerDetail(ctx.pii, lecturer, await repo.coursesOfLecturer(ctx.db, lecturer.id));
}

/** Requests addressed to me, by day; the accepted ones are my schedule. */
export async function myRequests(ctx: ServerContext, options: { actor: Actor; status?: LecturerRequestStatus | undefined }): Promise<LecturerRequestView[]> {
  const lecturer = await myLecturerRow(ctx.db, options.actor);
  return (await repo.requestsOfLecturer(ctx.db, lecturer.id, options.status)).map(presentRequest);
}

/**
 * The lecturer accepts, or declines with a reason; the requester is told either way. Accepting a
 * request linked to a party lesson makes the lecturer its speaker (as PUT /activities/{id}/lecturer
 * does), and one linked to a class session makes them the session's lecturer (the classes module's
 * registered target), in the same transaction; a lesson cancelled or a class completed meanwhile
 * is left as it is.
 */
export async function answerRequest(ctx: ServerContext, options: Caller & { id: string; answer: 'accept' | 'decline'; reason?: string }): Promise<LecturerRequestView> {
  const { actor } = options;
  const lecturer = await myLecturerRow(ctx.db, actor);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockRequest(trx, options.id);
    const request = await repo.findRequest(trx, options.id);
    if (!request || request.lecturer_id !== lecturer.id) throw new AppError('LECTURER_REQUEST_NOT_FOUND');
    if (request.status !== 'pending') throw new AppError('LECTURER_REQUEST_NOT_PENDING');
    const accepted = options.answer === 'accept';
    await repo.setRequestStatus(trx, request.id, { status: accepted ? 'accepted' : 'declined', reason: accepted ? null : options.reason!, at: ctx.now() });
    if (accepted && lecturer.status === 'active') {
      if (request.activity_id) {
        await repo.lockActivity(trx, request.activity_id);
        const activity = await repo.findActivity(trx, request.activity_id);
        if (activity && activity.kind === 'party_lesson' && activity.status !== 'cancelled') await applyActivityLecturer(trx, { actor, ip: options.ip, activity, lecturer });
      }
      const target = requestTarget('class_session');
      if (request.class_session_id && target) {
        await target.accepted(trx, { requestId: request.id, sessionId: request.class_session_id, lecturer: { id: lecturer.id, name: lecturer.name }, courseId: request.course_id, actor, ip: options.ip, now: ctx.now() });
      }
    }
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: `lecturer_request.${options.answer}`,
      entityType: 'lecturer_request',
      entityId: request.id,
      orgId: request.org_id,
      after: { status: accepted ? 'accepted' : 'declined', reason: options.reason ?? null },
    });
    if (request.requested_by) {
      const base = { lecturerName: request.lecturer_name, purpose: request.purpose, preferredDate: request.preferred_date };
      const recipients = { userIds: [request.requested_by] };
      const link = `/teachers/requests?orgId=${request.org_id}`;
      if (accepted) await notify(trx, ctx, { recipients, kind: 'lecturer_request_accepted', params: base, link, dedupeKey: `lecturer_request_answered:${request.id}` });
      else await notify(trx, ctx, { recipients, kind: 'lecturer_request_declined', params: { ...base, reason: options.reason! }, link, dedupeKey: `lecturer_request_answered:${request.id}` });
    }
    return presentRequest((await repo.findRequest(trx, request.id))!);
  });
}

// --- feedback ---------------------------------------------------------------------------------

/**
 * A participant's private rating of a session: the session must be held and taught by a lecturer
 * of the pool, the caller present at it, not its lecturer, and not have rated it before.
 */
export async function giveFeedback(ctx: ServerContext, options: Caller & { input: LecturerFeedbackInput }): Promise<{ ok: true }> {
  const { actor, input } = options;
  if (!actor.personId) throw new AppError('PROFILE_NOT_LINKED');
  const source = feedbackSessionSource(input.sessionType);
  const session = source ? await source.find(ctx.db, input.sessionId, actor.personId, ctx.now()) : null;
  if (!session) throw new AppError('LECTURER_FEEDBACK_SESSION_NOT_FOUND');
  if (!session.lecturerId) throw new AppError('LECTURER_FEEDBACK_NO_LECTURER');
  if (!session.held) throw new AppError('LECTURER_FEEDBACK_NOT_HELD');
  if (!session.attended) throw new AppError('LECTURER_FEEDBACK_NOT_ATTENDED');
  const mine = await repo.lecturerOfAccount(ctx.db, actor.userId, actor.personId);
  if (mine?.id === session.lecturerId) throw new AppError('LECTURER_FEEDBACK_OWN');
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertFeedback(trx, { id, lecturerId: session.lecturerId!, sessionType: input.sessionType, sessionId: input.sessionId, personId: actor.personId!, rating: input.rating, comment: input.comment });
    if (!inserted) throw new AppError('LECTURER_FEEDBACK_TWICE');
    // The rating and comment stay out of the audit log: feedback is private to the lecturer and the committee.
    await recordAudit(trx, { actor, ip: options.ip, action: 'lecturer_feedback.create', entityType: 'lecturer_feedback', entityId: id, detail: { sessionType: input.sessionType, sessionId: input.sessionId } });
  });
  return { ok: true };
}

/** Sessions I attended that a lecturer of the pool taught, newest first, with whether I rated them. */
export async function myFeedbackSessions(ctx: ServerContext, options: { actor: Actor }): Promise<FeedbackSessionView[]> {
  const personId = options.actor.personId;
  if (!personId) throw new AppError('PROFILE_NOT_LINKED');
  const rated = await repo.ratedSessions(ctx.db, personId);
  const out: FeedbackSessionView[] = [];
  for (const [type, source] of feedbackSessionSources()) {
    for (const s of await source.attended(ctx.db, personId, ctx.now())) {
      out.push({ sessionType: type, sessionId: s.sessionId, title: s.title, heldOn: s.heldOn, lecturerId: s.lecturerId, lecturerName: s.lecturerName, rated: rated.has(`${type}:${s.sessionId}`) });
    }
  }
  return out.sort((a, b) => (b.heldOn ?? '').localeCompare(a.heldOn ?? ''));
}

async function reportOf(db: Db, lecturer: { id: string; name: string }): Promise<LecturerFeedbackReport> {
  const rows = await repo.feedbackOfLecturer(db, lecturer.id);
  const titles = new Map<string, { title: string; heldOn: string | null }>();
  for (const [type, source] of feedbackSessionSources()) {
    const ids = rows.filter((r) => r.session_type === type).map((r) => r.session_id);
    for (const [id, t] of await source.titles(db, ids)) titles.set(`${type}:${id}`, t);
  }
  const [summary] = await repo.feedbackSummaries(db, lecturer.id);
  return {
    summary: summary ? presentSummary(summary) : emptySummary(lecturer.id, lecturer.name),
    items: rows.map((r) => presentFeedback(r, titles.get(`${r.session_type}:${r.session_id}`))),
  };
}

/** Feedback the caller received as a lecturer: ratings and comments, never who gave them. */
export async function myFeedback(ctx: ServerContext, options: { actor: Actor }): Promise<LecturerFeedbackReport> {
  return reportOf(ctx.db, await myLecturerRow(ctx.db, options.actor));
}

/** A lecturer's feedback for the working committee (also without raters' names). */
export async function lecturerFeedback(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<LecturerFeedbackReport> {
  requireKeeper(options.actor);
  return reportOf(ctx.db, await loadLecturer(ctx.db, options.actor, options.id));
}

/** Counts and averages per lecturer with feedback, by name (no ranking: the order is alphabetical). */
export async function feedbackSummary(ctx: ServerContext, options: { actor: Actor }): Promise<LecturerFeedbackSummary[]> {
  requireKeeper(options.actor);
  return (await repo.feedbackSummaries(ctx.db)).map(presentSummary);
}

// --- the party lesson's speaker ---------------------------------------------------------------

async function loadLesson(db: Db, actor: Actor, activityId: string) {
  const activity = await repo.findActivity(db, activityId);
  if (!activity || !policy.choosesSpeakerOf(actor, activity)) throw new AppError('ACTIVITY_NOT_FOUND');
  return activity;
}

const lecturerViewOf = async (db: Db, a: { id: string; lecturer_id: string | null; speaker_name: string | null; version: number }): Promise<ActivityLecturerView> => ({
  activityId: a.id,
  lecturerId: a.lecturer_id,
  lecturerName: a.lecturer_id ? ((await repo.lecturerNames(db, [a.lecturer_id])).get(a.lecturer_id) ?? null) : null,
  speakerName: a.speaker_name,
  version: a.version,
});

export async function getActivityLecturer(ctx: ServerContext, options: { actor: Actor; activityId: string }): Promise<ActivityLecturerView> {
  return lecturerViewOf(ctx.db, await loadLesson(ctx.db, options.actor, options.activityId));
}

/**
 * Chooses a party lesson's speaker from the pool (or clears the choice): the activity's speaker
 * becomes the lecturer — their person for an internal lecturer, their name for an external one —
 * so every page of organisational life shows them, and feedback on the lesson goes to them.
 */
export async function setActivityLecturer(ctx: ServerContext, options: Caller & { activityId: string; lecturerId: string | null }): Promise<ActivityLecturerView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockActivity(trx, options.activityId);
    const activity = await loadLesson(trx, actor, options.activityId);
    if (activity.kind !== 'party_lesson') throw new AppError('ACTIVITY_LECTURER_NOT_LESSON');
    if (activity.status === 'cancelled') throw new AppError('ACTIVITY_LECTURER_CANCELLED');
    let lecturer: repo.LecturerRow | null = null;
    if (options.lecturerId) {
      lecturer = await loadLecturer(trx, actor, options.lecturerId);
      if (lecturer.status !== 'active') throw new AppError('LECTURER_NOT_ACTIVE', { name: lecturer.name });
    } else if (!activity.lecturer_id) {
      // Nothing chosen from the pool: clearing leaves the speaker the activities module recorded.
      return lecturerViewOf(trx, activity);
    }
    return lecturerViewOf(trx, await applyActivityLecturer(trx, { actor, ip: options.ip, activity, lecturer }));
  });
}

/**
 * Writes a party lesson's speaker from the pool (or clears it) with its audit entry: the checked
 * part of PUT /activities/{id}/lecturer, shared with a lecturer's acceptance of a linked request.
 * Call with the activity row locked.
 */
async function applyActivityLecturer(
  trx: Transaction<DB>,
  options: Caller & { activity: NonNullable<Awaited<ReturnType<typeof repo.findActivity>>>; lecturer: { id: string; name: string; person_id: string | null } | null },
) {
  const { activity, lecturer } = options;
  const speaker = lecturer
    ? { lecturerId: lecturer.id, speakerName: lecturer.person_id ? null : lecturer.name, speakerPersonId: lecturer.person_id }
    : { lecturerId: null, speakerName: null, speakerPersonId: null };
  // Re-choosing the same lecturer with other speaker fields: drop the link first, so the
  // trigger that clears a stale lecturer sees the lecturer being set, not kept.
  if (speaker.lecturerId !== null && speaker.lecturerId === activity.lecturer_id) await repo.setActivityLecturer(trx, activity.id, { lecturerId: null, speakerName: activity.speaker_name, speakerPersonId: activity.speaker_person_id });
  const updated = await repo.setActivityLecturer(trx, activity.id, speaker);
  await recordAudit(trx, {
    actor: options.actor,
    ip: options.ip,
    action: 'activity.lecturer.set',
    entityType: 'activity',
    entityId: activity.id,
    orgId: activity.org_id,
    before: { lecturerId: activity.lecturer_id, speakerName: activity.speaker_name, speakerPersonId: activity.speaker_person_id },
    after: speaker,
  });
  return updated;
}
