/**
 * Teacher pool contract (师资库, issue 4 item 5): the county-wide pool of lecturers and their course
 * catalogue, open to every organisation of the deployment; requests for a lecturer from a unit and
 * the lecturer's answer; private feedback after a session; a party lesson's speaker chosen from the
 * pool.
 *
 * Who may do what (teachers.policy.ts on the server):
 * - read the pool and catalogue: every business role (committee officers, secretaries, members);
 *   the three administrators see no business data.
 * - create and edit lecturers, courses and custom directions: working-committee officers.
 * - a secretary may PROPOSE a lecturer for the pool (status 'proposed', with the organisation they
 *   propose from); a working-committee officer approves it ('active') or rejects it with a reason.
 *   A proposal is visible only to officers and to the managers of the proposing organisation, and
 *   cannot be requested until approved.
 * - request a lecturer: managers (officers and secretaries) of the requesting organisation.
 * - answer a request, see own requests, schedule and feedback: the lecturer's own account (the
 *   account linked to the lecturer, or to an internal lecturer's person).
 * - leave feedback: a participant who attended the session (present), once per session.
 * - read feedback: the lecturer (without raters' names) and working-committee officers (also
 *   without names: the feedback is about the lesson, not about who gave it). Never public, no ranking.
 *
 * Endpoints (all under /api/v1):
 *   GET   /teacher-directions                   the directions (built-in and custom)
 *   POST  /teacher-directions                   add a custom direction (officers)
 *   GET   /lecturers?q&direction&format&kind&status&page&pageSize   search the pool (q: name, pinyin or initials)
 *   POST  /lecturers                            add (officers) or propose (secretaries) a lecturer
 *   GET   /lecturers/{id}                       a lecturer with their courses
 *   PATCH /lecturers/{id}                       edit (officers)
 *   GET   /lecturers/{id}/pii                   the full phone number (officers; audited)
 *   POST  /lecturers/{id}/approve               approve a proposal (officers)
 *   POST  /lecturers/{id}/reject                reject a proposal with a reason (officers)
 *   POST  /lecturers/{id}/courses               add a course (officers)
 *   PATCH /lecturer-courses/{id}                edit or retire a course (officers)
 *   GET   /lecturer-courses?q&direction&format&lecturerId&page&pageSize   the catalogue
 *   GET   /lecturers/{id}/feedback              a lecturer's feedback and its summary (officers)
 *   GET   /lecturer-feedback/summary            counts and averages per lecturer (officers)
 *   POST  /lecturer-requests                    request a lecturer (managers of the organisation)
 *   GET   /lecturer-requests?orgId&status       a subtree's requests
 *   POST  /lecturer-requests/{id}/cancel        withdraw a pending or accepted request
 *   GET   /me/lecturer                          my own lecturer profile
 *   GET   /me/lecturer-requests?status          requests addressed to me (my schedule: accepted ones)
 *   POST  /me/lecturer-requests/{id}/accept     accept
 *   POST  /me/lecturer-requests/{id}/decline    decline with a reason
 *   GET   /me/lecturer-feedback                 feedback I received (no raters' names)
 *   GET   /me/feedback-sessions                 sessions I attended with a lecturer of the pool, and whether I rated them
 *   POST  /lecturer-feedback                    rate a session I attended (once)
 *   PUT   /activities/{id}/lecturer             choose (or clear) a party lesson's speaker from the pool
 */
import { z } from 'zod';
import { isoDate, page, pageQuery, uuid } from './common.ts';

export const lecturerKinds = ['internal', 'external'] as const;
export type LecturerKind = (typeof lecturerKinds)[number];
export const lecturerStatuses = ['proposed', 'active', 'rejected', 'retired'] as const;
export type LecturerStatus = (typeof lecturerStatuses)[number];
export const courseFormats = ['lecture', 'seminar', 'on_site', 'online', 'case_study'] as const;
export type CourseFormat = (typeof courseFormats)[number];
export const courseStatuses = ['active', 'retired'] as const;
export const lecturerRequestTargets = ['party_lesson', 'class_session'] as const;
export type LecturerRequestTarget = (typeof lecturerRequestTargets)[number];
export const lecturerRequestStatuses = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type LecturerRequestStatus = (typeof lecturerRequestStatuses)[number];
export const feedbackSessionTypes = lecturerRequestTargets;
export type FeedbackSessionType = LecturerRequestTarget;

export const courseFormatLabels: Record<CourseFormat, { 'zh-CN': string; en: string }> = {
  lecture: { 'zh-CN': '专题讲座', en: 'Lecture' },
  seminar: { 'zh-CN': '研讨交流', en: 'Seminar' },
  on_site: { 'zh-CN': '现场教学', en: 'On-site teaching' },
  online: { 'zh-CN': '线上课程', en: 'Online course' },
  case_study: { 'zh-CN': '案例教学', en: 'Case study' },
};

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));
/** In an edit: absent = unchanged, null or '' = cleared (the server stores '' as null). */
const editableText = (max: number) => z.string().trim().max(max).nullable().optional();
const directionCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'TEACHER_DIRECTION_CODE_FORMAT');
// Mobile or landline, digits with optional separators; normalised and checked by the server.
const phone = z.string().trim().max(30).nullish();

/** Texts of the codes these schemas raise themselves (spread into apiMessages). */
export const teacherApiMessages = {
  TEACHER_DIRECTION_CODE_FORMAT: {
    'zh-CN': '方向编码须以小写字母开头，只含小写字母、数字和下划线，2–40 个字符（如 rural_revitalization）。',
    en: 'A direction code starts with a lower-case letter and has 2–40 lower-case letters, digits or underscores (e.g. rural_revitalization).',
  },
  LECTURER_INTERNAL_NEEDS_PERSON: { 'zh-CN': '内部讲师须从本系统人员中选择。', en: 'An internal lecturer is chosen from the people of this deployment.' },
  LECTURER_EXTERNAL_NEEDS_NAME_UNIT: { 'zh-CN': '外聘讲师须填写姓名和工作单位。', en: 'An external lecturer needs a name and a unit.' },
  LECTURER_DIRECTIONS_REQUIRED: { 'zh-CN': '请至少选择一个授课方向。', en: 'Choose at least one teaching direction.' },
  LECTURER_REQUEST_LINK_TARGET: {
    'zh-CN': '党课只能关联组织生活活动，培训班课程只能关联培训班课次：请按邀请用途选择关联。',
    en: 'A party lesson links an activity and a class session links a class session: choose the link that fits the request.',
  },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

// --- directions -----------------------------------------------------------------------------

export const trainingDirectionView = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), builtin: z.boolean() });
export type TrainingDirectionView = z.infer<typeof trainingDirectionView>;
export const trainingDirectionInput = z.object({ code: directionCode, nameZh: text(30), nameEn: text(60) });
export type TrainingDirectionInput = z.infer<typeof trainingDirectionInput>;

// --- lecturers ------------------------------------------------------------------------------

export const lecturerCreateInput = z
  .object({
    kind: z.enum(lecturerKinds),
    /** Internal lecturers: the person of the deployment (name and unit come from their record). */
    personId: uuid.optional(),
    /** External lecturers: name and unit are required. */
    name: z.string().trim().max(50).optional(),
    unit: z.string().trim().max(100).optional(),
    title: optionalText(60),
    directions: z.array(directionCode).max(10),
    bio: optionalText(2000),
    phone,
    /** A secretary's proposal names the organisation proposing it (one they manage). */
    proposedByOrgId: uuid.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'internal' && !v.personId) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'LECTURER_INTERNAL_NEEDS_PERSON' });
    if (v.kind === 'external' && (!v.name || !v.unit)) ctx.addIssue({ code: 'custom', path: [v.name ? 'unit' : 'name'], message: 'LECTURER_EXTERNAL_NEEDS_NAME_UNIT' });
    if (v.directions.length === 0) ctx.addIssue({ code: 'custom', path: ['directions'], message: 'LECTURER_DIRECTIONS_REQUIRED' });
  });
export type LecturerCreateInput = z.infer<typeof lecturerCreateInput>;

export const lecturerUpdateInput = z.object({
  version: z.number().int().min(1),
  /** External lecturers only: an internal lecturer's name is their person record's. */
  name: z.string().trim().min(1).max(50).optional(),
  unit: z.string().trim().min(1).max(100).optional(),
  title: editableText(60),
  directions: z.array(directionCode).min(1, 'LECTURER_DIRECTIONS_REQUIRED').max(10).optional(),
  bio: editableText(2000),
  /** null clears the phone number. */
  phone: phone.optional(),
  /** Retire a lecturer who no longer teaches, or bring them back. */
  status: z.enum(['active', 'retired']).optional(),
});
export type LecturerUpdateInput = z.infer<typeof lecturerUpdateInput>;

export const lecturerRejectInput = z.object({ reason: text(500) });

export const lecturerListQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  direction: directionCode.optional(),
  format: z.enum(courseFormats).optional(),
  kind: z.enum(lecturerKinds).optional(),
  status: z.enum(lecturerStatuses).optional(),
});
export type LecturerListQuery = z.infer<typeof lecturerListQuery>;

export const lecturerSummary = z.object({
  id: uuid,
  kind: z.enum(lecturerKinds),
  name: z.string(),
  title: z.string().nullable(),
  unit: z.string().nullable(),
  directions: z.array(z.string()),
  status: z.enum(lecturerStatuses),
  /** Active courses in the catalogue. */
  courseCount: z.number().int(),
  /** Masked (138****5678); the full number through /lecturers/{id}/pii. */
  phone: z.string().nullable(),
  /** Whether the lecturer can log in to answer requests (an account is linked). */
  hasAccount: z.boolean(),
});
export type LecturerSummary = z.infer<typeof lecturerSummary>;
export const lecturerPage = page(lecturerSummary);
export type LecturerPage = z.infer<typeof lecturerPage>;

export const courseView = z.object({
  id: uuid,
  lecturerId: uuid,
  lecturerName: z.string(),
  title: z.string(),
  direction: z.string(),
  minutes: z.number().int(),
  format: z.enum(courseFormats),
  summary: z.string().nullable(),
  status: z.enum(courseStatuses),
  version: z.number().int(),
});
export type CourseView = z.infer<typeof courseView>;
export const coursePage = page(courseView);
export type CoursePage = z.infer<typeof coursePage>;

export const lecturerDetail = lecturerSummary.extend({
  personId: uuid.nullable(),
  bio: z.string().nullable(),
  proposedByOrgId: uuid.nullable(),
  proposedByOrgName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  courses: z.array(courseView),
  version: z.number().int(),
});
export type LecturerDetail = z.infer<typeof lecturerDetail>;
export const lecturerPiiView = z.object({ phone: z.string().nullable() });

// --- courses --------------------------------------------------------------------------------

export const courseInput = z.object({
  title: text(100),
  direction: directionCode,
  minutes: z.number().int().min(10).max(6000),
  format: z.enum(courseFormats),
  summary: optionalText(2000),
});
export type CourseInput = z.infer<typeof courseInput>;
export const courseUpdateInput = z.object({
  version: z.number().int().min(1),
  title: text(100).optional(),
  direction: directionCode.optional(),
  minutes: z.number().int().min(10).max(6000).optional(),
  format: z.enum(courseFormats).optional(),
  summary: editableText(2000),
  status: z.enum(courseStatuses).optional(),
});
export type CourseUpdateInput = z.infer<typeof courseUpdateInput>;
export const courseListQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  direction: directionCode.optional(),
  format: z.enum(courseFormats).optional(),
  lecturerId: uuid.optional(),
});
export type CourseListQuery = z.infer<typeof courseListQuery>;

// --- requests -------------------------------------------------------------------------------

export const lecturerRequestInput = z
  .object({
    orgId: uuid,
    lecturerId: uuid,
    courseId: uuid.optional(),
    targetType: z.enum(lecturerRequestTargets),
    /** A party lesson of the requesting organisation (optional: the lesson may not be planned yet). */
    activityId: uuid.optional(),
    /** A session of a training class (its module's id; optional). */
    classSessionId: uuid.optional(),
    purpose: text(500),
    preferredDate: isoDate,
  })
  .superRefine((v, ctx) => {
    if (v.targetType === 'party_lesson' && v.classSessionId) ctx.addIssue({ code: 'custom', path: ['classSessionId'], message: 'LECTURER_REQUEST_LINK_TARGET' });
    if (v.targetType === 'class_session' && v.activityId) ctx.addIssue({ code: 'custom', path: ['activityId'], message: 'LECTURER_REQUEST_LINK_TARGET' });
  });
export type LecturerRequestInput = z.infer<typeof lecturerRequestInput>;

export const lecturerRequestView = z.object({
  id: uuid,
  lecturerId: uuid,
  lecturerName: z.string(),
  courseId: uuid.nullable(),
  courseTitle: z.string().nullable(),
  orgId: uuid,
  orgName: z.string(),
  targetType: z.enum(lecturerRequestTargets),
  activityId: uuid.nullable(),
  activityTopic: z.string().nullable(),
  classSessionId: uuid.nullable(),
  purpose: z.string(),
  preferredDate: isoDate,
  status: z.enum(lecturerRequestStatuses),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  requestedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type LecturerRequestView = z.infer<typeof lecturerRequestView>;
export const lecturerRequestListQuery = z.object({ orgId: uuid, status: z.enum(lecturerRequestStatuses).optional() });
export const myLecturerRequestsQuery = z.object({ status: z.enum(lecturerRequestStatuses).optional() });
export const lecturerDeclineInput = z.object({ reason: text(500) });

// --- feedback -------------------------------------------------------------------------------

export const lecturerFeedbackInput = z.object({
  sessionType: z.enum(feedbackSessionTypes),
  sessionId: uuid,
  rating: z.number().int().min(1).max(5),
  comment: optionalText(1000),
});
export type LecturerFeedbackInput = z.infer<typeof lecturerFeedbackInput>;

/** One participant's feedback as the lecturer and the working committee see it: never who gave it. */
export const lecturerFeedbackView = z.object({
  id: uuid,
  sessionType: z.enum(feedbackSessionTypes),
  sessionId: uuid,
  sessionTitle: z.string(),
  heldOn: isoDate.nullable(),
  rating: z.number().int(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type LecturerFeedbackView = z.infer<typeof lecturerFeedbackView>;

export const lecturerFeedbackSummary = z.object({
  lecturerId: uuid,
  lecturerName: z.string(),
  count: z.number().int(),
  /** Mean rating, one decimal; null without feedback. */
  average: z.number().nullable(),
  /** How many gave 1, 2, 3, 4 and 5 (index 0 = rating 1). */
  ratings: z.array(z.number().int()).length(5),
  sessions: z.number().int(),
});
export type LecturerFeedbackSummary = z.infer<typeof lecturerFeedbackSummary>;
export const lecturerFeedbackReport = z.object({ summary: lecturerFeedbackSummary, items: z.array(lecturerFeedbackView) });
export type LecturerFeedbackReport = z.infer<typeof lecturerFeedbackReport>;

/** A session the caller attended, taught by a lecturer of the pool. */
export const feedbackSessionView = z.object({
  sessionType: z.enum(feedbackSessionTypes),
  sessionId: uuid,
  title: z.string(),
  heldOn: isoDate.nullable(),
  lecturerId: uuid,
  lecturerName: z.string(),
  rated: z.boolean(),
});
export type FeedbackSessionView = z.infer<typeof feedbackSessionView>;

// --- the party lesson's speaker -------------------------------------------------------------

export const activityLecturerInput = z.object({ lecturerId: uuid.nullable() });
export const activityLecturerView = z.object({
  activityId: uuid,
  lecturerId: uuid.nullable(),
  lecturerName: z.string().nullable(),
  /** The activity's speaker as the activities module shows it. */
  speakerName: z.string().nullable(),
  version: z.number().int(),
});
export type ActivityLecturerView = z.infer<typeof activityLecturerView>;
