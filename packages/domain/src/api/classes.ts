/**
 * Training classes contract (培训班, issue 4 item 4).
 *
 * Endpoints (all under /api/v1):
 *   GET    /classes?year&orgId&status              classes organised in, above or below the caller's organisations (managers)
 *   POST   /classes                                create (managers of the organising organisation)
 *   GET    /classes/statistics?orgId&year          classes held (班次) and person-times (人次) by type, over a subtree
 *   GET    /classes/{id}                           the class, its sessions and counts (managers who see it)
 *   PATCH  /classes/{id}                           edit with the version read (organisers); not once completed
 *   POST   /classes/{id}/sessions                  add a session (organisers)
 *   PATCH  /class-sessions/{id}                    edit a session with its version (organisers)
 *   DELETE /class-sessions/{id}                    remove a session nobody was marked at (organisers)
 *   GET    /classes/{id}/enrolments                enrolments (organisers: all; a unit: the people it manages)
 *   POST   /classes/{id}/nominations               a unit nominates people of its subtree: enrolled at once, capacity permitting
 *   POST   /classes/{id}/enrolments/{personId}/approve   approve a self-enrolment (organisers), capacity permitting
 *   POST   /classes/{id}/enrolments/{personId}/reject    reject it with a reason (organisers)
 *   DELETE /classes/{id}/enrolments/{personId}     withdraw a person (organisers, or the unit managing them)
 *   GET    /class-sessions/{id}/roster             the session's roster with attendance (organisers)
 *   PUT    /class-sessions/{id}/roster             mark present / absent / leave in bulk (organisers)
 *   POST   /class-sessions/{id}/signin             open QR sign-in; the token is answered once (organisers)
 *   POST   /class-sessions/{id}/signin/close       close it (organisers)
 *   POST   /classes/{id}/complete                  complete (or re-derive after a correction): outcomes, credits, completions
 *   GET    /classes/{id}/report                    the completion report: per person completed or not, and why
 *   GET    /class-signin/{token}                   what the QR code opens (any account with a person)
 *   POST   /class-signin/{token}                   sign myself in (enrolled people; idempotent)
 *   GET    /me/classes                             my classes and the classes open to me for self-enrolment
 *   GET    /me/classes/{id}                        one class as I see it: sessions and my attendance
 *   POST   /me/classes/{id}/enrol                  ask to join (self-enrolment; approved by the organisers)
 *   DELETE /me/classes/{id}/enrolment              withdraw my enrolment or request
 *   POST   /me/class-sessions/{id}/leave           ask for leave from a session with a reason (before it starts)
 *   DELETE /me/class-sessions/{id}/leave           withdraw my own leave request (before it starts)
 */
import { z } from 'zod';
import { classOutcomeReasons, classTypes, trainingTargetGroups } from '../rules/training/class-rules.ts';

export const classStatuses = ['open', 'completed'] as const;
export type ClassStatus = (typeof classStatuses)[number];
export const enrolmentStatuses = ['requested', 'enrolled', 'rejected', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const enrolmentVia = ['nomination', 'self'] as const;
export const classAttendanceStatuses = ['present', 'absent', 'leave'] as const;
export type ClassAttendanceStatus = (typeof classAttendanceStatuses)[number];
export const classAttendanceVia = ['qr', 'roster', 'leave_request'] as const;
export const classLevels = ['county', 'unit'] as const;

export const enrolmentStatusLabels: Record<EnrolmentStatus, { 'zh-CN': string; en: string }> = {
  requested: { 'zh-CN': '待审核', en: 'Awaiting approval' },
  enrolled: { 'zh-CN': '已报名', en: 'Enrolled' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  withdrawn: { 'zh-CN': '已退出', en: 'Withdrawn' },
};

export const classParams = z.object({ id: z.uuid() });
export const classEnrolmentParams = z.object({ id: z.uuid(), personId: z.uuid() });
export const classSigninParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) });

export const classListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  orgId: z.uuid().optional(),
  status: z.enum(classStatuses).optional(),
  rotationId: z.uuid().optional(),
});

const classFields = {
  title: z.string().trim().min(2).max(200),
  type: z.enum(classTypes),
  targetGroup: z.enum(trainingTargetGroups),
  capacity: z.number().int().min(1).max(5000),
  selfEnrolment: z.boolean().default(false),
  rotationId: z.uuid().nullable().optional(),
  venue: z.string().trim().max(200).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
};

export const classCreateInput = z.object({ orgId: z.uuid(), year: z.number().int().min(2000).max(2100), ...classFields });
export type ClassCreateInput = z.infer<typeof classCreateInput>;

export const classUpdateInput = z.object({
  version: z.number().int().min(1),
  title: classFields.title.optional(),
  capacity: classFields.capacity.optional(),
  selfEnrolment: z.boolean().optional(),
  rotationId: classFields.rotationId,
  venue: classFields.venue,
  notes: classFields.notes,
});
export type ClassUpdateInput = z.infer<typeof classUpdateInput>;

/** Hours are counted in half hours at most 8 a session (a full day). */
const sessionFields = {
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  hours: z.number().min(0.5).max(8).multipleOf(0.5),
  topic: z.string().trim().min(2).max(200),
  lecturerId: z.uuid().nullable().optional(),
  lecturerName: z.string().trim().min(1).max(100).nullable().optional(),
  courseId: z.uuid().nullable().optional(),
  venue: z.string().trim().max(200).nullable().optional(),
};

export const classSessionInput = z.object(sessionFields);
export type ClassSessionInput = z.infer<typeof classSessionInput>;
export const classSessionUpdateInput = z.object({ version: z.number().int().min(1), ...sessionFields });
export type ClassSessionUpdateInput = z.infer<typeof classSessionUpdateInput>;

export const classSigninState = z.object({ open: z.boolean(), opensAt: z.string().nullable(), expiresAt: z.string().nullable() });

export const classSessionView = z.object({
  id: z.string(),
  classId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  heldOn: z.string(),
  hours: z.number(),
  topic: z.string(),
  lecturerId: z.string().nullable(),
  lecturerName: z.string().nullable(),
  courseId: z.string().nullable(),
  courseTitle: z.string().nullable(),
  direction: z.string().nullable(),
  venue: z.string().nullable(),
  signin: classSigninState,
  present: z.number().int(),
  version: z.number().int(),
});
export type ClassSessionView = z.infer<typeof classSessionView>;

export const classSummaryView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  title: z.string(),
  type: z.enum(classTypes),
  targetGroup: z.enum(trainingTargetGroups),
  level: z.enum(classLevels),
  capacity: z.number().int(),
  selfEnrolment: z.boolean(),
  rotationId: z.string().nullable(),
  rotationTitle: z.string().nullable(),
  venue: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.enum(classStatuses),
  enrolled: z.number().int(),
  requested: z.number().int(),
  sessionCount: z.number().int(),
  totalHours: z.number(),
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
  /** The caller organises it (manages its organisation): sessions, approvals, roster, completion. */
  canManage: z.boolean(),
});
export type ClassSummaryView = z.infer<typeof classSummaryView>;
export const classList = z.object({ items: z.array(classSummaryView) });
export type ClassList = z.infer<typeof classList>;
export const classView = classSummaryView.extend({ sessions: z.array(classSessionView) });
export type ClassView = z.infer<typeof classView>;

export const enrolmentView = z.object({
  personId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  category: z.string(),
  status: z.enum(enrolmentStatuses),
  via: z.enum(enrolmentVia),
  reason: z.string().nullable(),
  outcome: z.enum(['completed', 'not_completed']).nullable(),
  outcomeReason: z.enum(classOutcomeReasons).nullable(),
  updatedAt: z.string(),
});
export type EnrolmentView = z.infer<typeof enrolmentView>;
export const enrolmentList = z.object({ items: z.array(enrolmentView), enrolled: z.number().int(), capacity: z.number().int() });
export type EnrolmentList = z.infer<typeof enrolmentList>;

export const nominationInput = z.object({ personIds: z.array(z.uuid()).min(1).max(500) });
export type NominationInput = z.infer<typeof nominationInput>;
export const rejectInput = z.object({ reason: z.string().trim().min(2).max(500) });

export const classRosterEntry = z.object({
  personId: z.string(),
  name: z.string(),
  orgName: z.string(),
  status: z.enum(classAttendanceStatuses).nullable(),
  via: z.enum(classAttendanceVia).nullable(),
  leaveReason: z.string().nullable(),
  signedInAt: z.string().nullable(),
});
export const classRoster = z.object({
  sessionId: z.string(),
  classId: z.string(),
  signin: classSigninState,
  counts: z.object({ enrolled: z.number().int(), present: z.number().int(), absent: z.number().int(), leave: z.number().int(), unmarked: z.number().int() }),
  entries: z.array(classRosterEntry),
});
export type ClassRoster = z.infer<typeof classRoster>;

export const classRosterInput = z.object({
  entries: z
    .array(z.object({ personId: z.uuid(), status: z.enum(classAttendanceStatuses), leaveReason: z.string().trim().min(1).max(500).optional() }))
    .min(1)
    .max(5000),
});
export type ClassRosterInput = z.infer<typeof classRosterInput>;

export const classSigninOpenInput = z.object({ minutes: z.number().int().min(5).max(480).default(30) });
/** The token is answered once; `path` is the web route of the QR code ('/cs/<token>'). */
export const classSigninOpened = z.object({ token: z.string(), path: z.string(), opensAt: z.string(), expiresAt: z.string() });
export type ClassSigninOpened = z.infer<typeof classSigninOpened>;

export const classSigninView = z.object({
  sessionId: z.string(),
  classId: z.string(),
  classTitle: z.string(),
  topic: z.string(),
  orgName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  signin: classSigninState,
  /** Whether the caller is enrolled in the class (only they may sign in). */
  enrolled: z.boolean(),
  myStatus: z.enum(classAttendanceStatuses).nullable(),
  signedInAt: z.string().nullable(),
});
export type ClassSigninView = z.infer<typeof classSigninView>;

export const classReportRow = z.object({
  personId: z.string(),
  name: z.string(),
  orgName: z.string(),
  completed: z.boolean(),
  reason: z.enum(classOutcomeReasons),
  attendedHours: z.number(),
  leaveHours: z.number(),
  absentHours: z.number(),
});
export const classReport = z.object({
  classId: z.string(),
  status: z.enum(classStatuses),
  completedAt: z.string().nullable(),
  totalHours: z.number(),
  allowedMissHours: z.number(),
  completed: z.number().int(),
  notCompleted: z.number().int(),
  creditedHours: z.number(),
  rows: z.array(classReportRow),
});
export type ClassReport = z.infer<typeof classReport>;

export const classStatisticsQuery = z.object({ orgId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const classStatistics = z.object({
  orgId: z.string(),
  year: z.number().int(),
  /** Completed classes organised in the subtree that year (班次) and their enrolled people (人次), by type. */
  byType: z.array(z.object({ type: z.enum(classTypes), classes: z.number().int(), personTimes: z.number().int(), completedPersons: z.number().int() })),
  total: z.object({ classes: z.number().int(), personTimes: z.number().int(), completedPersons: z.number().int() }),
});
export type ClassStatistics = z.infer<typeof classStatistics>;

export const myClassSession = classSessionView.pick({ id: true, startsAt: true, endsAt: true, heldOn: true, hours: true, topic: true, lecturerName: true, venue: true }).extend({
  myStatus: z.enum(classAttendanceStatuses).nullable(),
  leaveReason: z.string().nullable(),
  signinOpen: z.boolean(),
});
export const myClassView = classSummaryView.omit({ canManage: true }).extend({
  myStatus: z.enum(enrolmentStatuses).nullable(),
  myOutcome: z.enum(['completed', 'not_completed']).nullable(),
  myOutcomeReason: z.enum(classOutcomeReasons).nullable(),
  /** Whether the caller may ask to join now (self-enrolment open, in the target group, not enrolled). */
  canEnrol: z.boolean(),
  sessions: z.array(myClassSession),
});
export type MyClassView = z.infer<typeof myClassView>;
export const myClasses = z.object({ mine: z.array(myClassView.omit({ sessions: true })), open: z.array(myClassView.omit({ sessions: true })) });
export type MyClasses = z.infer<typeof myClasses>;

export const classLeaveInput = z.object({ reason: z.string().trim().min(2).max(500) });
