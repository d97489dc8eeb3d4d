/**
 * Central-group study contract (理论学习中心组, issue 3 item 8): the group and its members (who
 * keep their own branch: dual organisational life), the annual study plan approved by the group's
 * leader or the secretary, the one-study-one-report (一学一报) assembled from a held session's
 * record, auditors assigned by the working committee (列席旁听) and their overview, each member's
 * written statements and research reports, and study notes called in for review (调阅).
 *
 * Endpoints (all under /api/v1):
 *   POST  /central-groups                          set up the group of a party committee or leading party group (one each)
 *   GET   /central-groups?orgId                    a subtree's groups
 *   GET   /central-groups/{id}                     the group with its members (managers; its members)
 *   PUT   /central-groups/{id}/members             replace the membership (exactly one leader)
 *   POST  /central-groups/{id}/plans               save the year's plan as a draft (see studyPlanInput)
 *   GET   /central-groups/{id}/plans?year          every version, newest first
 *   PATCH /central-groups/plans/{planId}           change a draft or returned plan's items
 *   POST  /central-groups/plans/{planId}/submit    draft/returned → submitted (managers)
 *   POST  /central-groups/plans/{planId}/approve   submitted → approved (the group's leader or the org's secretary)
 *   POST  /central-groups/plans/{planId}/return    submitted → returned with a comment (same people)
 *   POST  /activities/{id}/study-report            assemble and submit the report of a held session (one action)
 *   GET   /central-groups/study-reports?orgId&year  a subtree's reports
 *   POST  /central-groups/study-reports/{id}/acknowledge  the working committee acknowledges
 *   POST  /activities/{id}/auditors                the working committee assigns an auditor (who joins the session's record as an auditor)
 *   DELETE /central-groups/audits/{auditId}        the working committee withdraws an assignment not yet completed (answers the remaining ones)
 *   GET   /activities/{id}/auditors                a session's auditors (ratings only for the working committee)
 *   GET   /me/audits                               sessions I am assigned to audit
 *   POST  /central-groups/audits/{auditId}/complete  the auditor's notes (and private rating)
 *   GET   /central-groups/audit-overview?orgId&year  per group: held, audited, last audited; groups never audited
 *   POST  /central-groups/{id}/writings            record a statement or research report
 *   GET   /central-groups/{id}/writings?year       per member, with the research-report practice
 *   POST  /central-groups/{id}/note-reviews        call in members' study notes (one review per person)
 *   GET   /central-groups/{id}/note-reviews        the group's reviews
 *   GET   /me/note-reviews                         my notes called in
 *   POST  /me/note-reviews/{id}/attachment         upload the file of my notes (multipart: file), then submit with its id
 *   POST  /me/note-reviews/{id}/submit             hand in my notes (text and/or a file)
 *   GET   /me/central-groups                       the groups I am a member of, with my role
 *   GET   /me/writings?year                        my statements and research reports per group, with the practice
 *   POST  /me/writings                             record my own statement or research report
 *   POST  /me/writings/{id}/attachment             upload the file of my writing (multipart: file), replacing an earlier one
 *   POST  /central-groups/note-reviews/{id}/return  return them with comments
 */
import { z } from 'zod';
import { studyForms } from '../rules/org-life/kinds.ts';
import { linkedAttachmentView } from './activities.ts';
import { isoDate, uuid } from './common.ts';

export const centralGroupRoles = ['leader', 'deputy_leader', 'member', 'study_secretary'] as const;
export type CentralGroupRole = (typeof centralGroupRoles)[number];

const year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

/** Texts of the codes these schemas raise themselves (spread into apiMessages). */
export const centralGroupApiMessages = {
  CENTRAL_GROUP_ONE_LEADER: { 'zh-CN': '中心组须有且只有一名组长，请指定一名组长。', en: 'A central study group has exactly one leader: choose one.' },
  CENTRAL_GROUP_MEMBER_TWICE: { 'zh-CN': '同一人在成员名单中出现了多次，请只保留一次。', en: 'The same person is listed more than once: keep one entry.' },
  CENTRAL_GROUP_NOTES_EMPTY: { 'zh-CN': '请填写学习笔记内容或选择笔记附件。', en: 'Write your notes or attach a file of them.' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

// --- groups and members -----------------------------------------------------------------------

export const centralGroupCreateInput = z.object({ orgId: uuid, name: text(100) });
export type CentralGroupCreateInput = z.infer<typeof centralGroupCreateInput>;
export const centralGroupListQuery = z.object({ orgId: uuid });

export const centralGroupSummary = z.object({ id: uuid, orgId: uuid, orgName: z.string(), name: z.string(), memberCount: z.number().int() });
export type CentralGroupSummary = z.infer<typeof centralGroupSummary>;

export const centralGroupMember = z.object({
  personId: uuid,
  name: z.string(),
  role: z.enum(centralGroupRoles),
  /** The member's own branch, where they also take part in organisational life. */
  branchId: uuid,
  branchName: z.string(),
  /**
   * The member record's leading-cadre flag (领导干部). Members are expected to be leading cadres but
   * the flag is not required: member records are often imported without it, and the group's
   * membership is the authority on who studies in it. The web may point out members without it.
   */
  leadingCadre: z.boolean(),
});
export type CentralGroupMember = z.infer<typeof centralGroupMember>;
export const centralGroupDetail = centralGroupSummary.extend({ members: z.array(centralGroupMember) });
export type CentralGroupDetail = z.infer<typeof centralGroupDetail>;

/**
 * The whole membership, replacing the previous one: exactly one leader, each person once. Members
 * are party members (full or probationary) of any organisation of the deployment (they are the
 * unit's leading cadres, whose own branch may be anywhere under the working committee).
 */
export const centralGroupMembersInput = z.object({
  members: z
    .array(z.object({ personId: uuid, role: z.enum(centralGroupRoles) }))
    .min(1)
    .max(200)
    .superRefine((members, ctx) => {
      if (members.filter((m) => m.role === 'leader').length !== 1) ctx.addIssue({ code: 'custom', message: 'CENTRAL_GROUP_ONE_LEADER' });
      if (new Set(members.map((m) => m.personId)).size !== members.length) ctx.addIssue({ code: 'custom', message: 'CENTRAL_GROUP_MEMBER_TWICE' });
    }),
});
export type CentralGroupMembersInput = z.infer<typeof centralGroupMembersInput>;

// --- annual study plan ------------------------------------------------------------------------

export const studyPlanStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;
export const studyPlanItem = z.object({
  month: z.number().int().min(1).max(12),
  topic: text(200),
  studyForm: z.enum(studyForms),
  speaker: text(50).optional(),
  /** Reading list or materials for the month (free text). */
  materials: text(2000).optional(),
});
export type StudyPlanItem = z.infer<typeof studyPlanItem>;
/**
 * Saves the year's working plan as a draft: the year's draft or returned version is replaced
 * (200); with none, or when the latest version is approved, a new version is created (201) — an
 * approved plan is never changed, a new approved version supersedes it. While a version is
 * submitted for approval nothing is saved (409 CENTRAL_GROUP_PLAN_STATE).
 */
export const studyPlanInput = z.object({ year, items: z.array(studyPlanItem).min(1).max(100) });
export type StudyPlanInput = z.infer<typeof studyPlanInput>;
/** PATCH of one version: only a draft or returned one. */
export const studyPlanUpdateInput = z.object({ items: z.array(studyPlanItem).min(1).max(100) });
export type StudyPlanUpdateInput = z.infer<typeof studyPlanUpdateInput>;
export const studyPlanReturnInput = z.object({ comment: text(1000) });
export const studyPlansQuery = z.object({ year: year.optional() });

export const studyPlanView = z.object({
  id: uuid,
  groupId: uuid,
  year: z.number().int(),
  /** 1, 2, … within the group and year. */
  version: z.number().int(),
  status: z.enum(studyPlanStatuses),
  /** An approved version that a later approved version replaced. */
  superseded: z.boolean(),
  items: z.array(studyPlanItem),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  comment: z.string().nullable(),
});
export type StudyPlanView = z.infer<typeof studyPlanView>;

// --- one study, one report --------------------------------------------------------------------

/** What the report froze from the record when it was submitted. */
export const studyReportSnapshot = z.object({
  activityId: uuid,
  groupName: z.string(),
  orgName: z.string(),
  topic: z.string(),
  heldOn: isoDate,
  /** Actual start and end (ISO instants); the end may be unrecorded. */
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  place: z.string().nullable(),
  studyForm: z.string().nullable(),
  speaker: z.string().nullable(),
  /** Number of members who should have attended. */
  expected: z.number().int(),
  present: z.array(z.string()),
  leave: z.array(z.object({ name: z.string(), reason: z.string().nullable() })),
  /** Absent, and those left unmarked at a held session. */
  absent: z.array(z.string()),
  materials: z.string().nullable(),
  minutes: z.string().nullable(),
  /** File names of the record's attachments. */
  attachments: z.array(z.string()),
  resolutions: z.array(z.object({ title: z.string(), ayes: z.number().int(), nays: z.number().int(), abstentions: z.number().int(), passed: z.boolean() })),
});
export type StudyReportSnapshot = z.infer<typeof studyReportSnapshot>;

export const studyReportView = z.object({
  id: uuid,
  activityId: uuid,
  groupId: uuid,
  groupName: z.string(),
  version: z.number().int(),
  status: z.enum(['submitted', 'acknowledged']),
  snapshot: studyReportSnapshot,
  submittedAt: z.string(),
  submittedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgeComment: z.string().nullable(),
});
export type StudyReportView = z.infer<typeof studyReportView>;
/** Reports of sessions held in the year (by local day), every version, oldest first. */
export const studyReportsQuery = z.object({ orgId: uuid, year });
export const studyReportAcknowledgeInput = z.object({ comment: text(1000).optional() });

// --- auditors ---------------------------------------------------------------------------------

export const auditRatings = ['good', 'fair', 'poor'] as const;
export type AuditRating = (typeof auditRatings)[number];

/** An auditor is a committee officer's account (who then records their own notes), or a person named with their unit. */
export const auditorAssignInput = z.union([z.object({ auditorUserId: uuid }), z.object({ name: text(50), unit: text(100) })]);
export type AuditorAssignInput = z.infer<typeof auditorAssignInput>;
/**
 * Completing an audit: the assigned account itself, or — for an auditor named with their unit,
 * who has no account — a committee officer over the group on their behalf. Only after the session
 * is held. The rating is private to the working committee.
 */
export const auditCompleteInput = z.object({ notes: text(4000), rating: z.enum(auditRatings).optional() });
export type AuditCompleteInput = z.infer<typeof auditCompleteInput>;
export const auditView = z.object({
  id: uuid,
  activityId: uuid,
  groupId: uuid,
  groupName: z.string(),
  topic: z.string(),
  /** The local day held, or planned while not yet held. */
  sessionOn: isoDate,
  sessionStatus: z.enum(['planned', 'held', 'cancelled']),
  /** Null for an auditor named with their unit. */
  auditorUserId: uuid.nullable(),
  auditorName: z.string(),
  auditorUnit: z.string().nullable(),
  status: z.enum(['assigned', 'completed']),
  notes: z.string().nullable(),
  /** Only committee officers over the group and the auditor see it; null for everyone else. */
  rating: z.enum(auditRatings).nullable(),
  assignedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type AuditView = z.infer<typeof auditView>;

export const auditOverviewQuery = z.object({ orgId: uuid, year });
export const auditOverview = z.object({
  orgId: uuid,
  year: z.number().int(),
  groups: z.array(
    z.object({
      groupId: uuid,
      name: z.string(),
      orgName: z.string(),
      sessionsHeld: z.number().int(),
      /** Held sessions with at least one completed audit. */
      sessionsAudited: z.number().int(),
      lastAuditedOn: isoDate.nullable(),
    }),
  ),
  /** Groups with no audited session in the year (the committee aims to audit every group every year). */
  neverAudited: z.array(z.object({ groupId: uuid, name: z.string() })),
});
export type AuditOverview = z.infer<typeof auditOverview>;

/** What the quarterly circular takes from central-group audits (auditFigures in the server). */
export type CentralGroupAuditFigures = {
  groups: number;
  sessionsHeld: number;
  sessionsAudited: number;
  groupsAudited: number;
  /** Names of the groups with no audited session in the period. */
  groupsNotAudited: string[];
};

// --- writings ---------------------------------------------------------------------------------

export const writingKinds = ['statement', 'research_report'] as const;
export const writingInput = z.object({
  personId: uuid,
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(writingKinds),
  title: text(200),
  submittedOn: isoDate,
  /** The group's session it was written for or delivered at (a statement at a discussion, say). */
  activityId: uuid.optional(),
  /** The text itself, uploaded once (POST /attachments) and linked here. */
  attachmentId: uuid.optional(),
});
export type WritingInput = z.infer<typeof writingInput>;
export const writingView = z.object({
  id: uuid,
  personId: uuid,
  year: z.number().int(),
  kind: z.enum(writingKinds),
  title: z.string(),
  submittedOn: isoDate,
  activityId: uuid.nullable(),
  attachment: linkedAttachmentView.nullable(),
});
export type WritingView = z.infer<typeof writingView>;
export const writingsQuery = z.object({ year });
export const writingsSummary = z.object({
  groupId: uuid,
  year: z.number().int(),
  researchReportsMin: z.number().int(),
  researchReportsMax: z.number().int(),
  /** The year is over (local calendar): a member still short has fallen short, not merely not yet. */
  yearEnded: z.boolean(),
  members: z.array(
    z.object({
      personId: uuid,
      name: z.string(),
      role: z.enum(centralGroupRoles),
      statementCount: z.number().int(),
      researchReportCount: z.number().int(),
      statements: z.array(writingView),
      researchReports: z.array(writingView),
      /** Fewer research reports than the yearly minimum so far (rules: researchReportsShort). */
      researchReportsShort: z.boolean(),
    }),
  ),
});
export type WritingsSummary = z.infer<typeof writingsSummary>;

/** A member records their own writing in one of their groups (its file is uploaded afterwards, to the writing). */
export const myWritingInput = writingInput.omit({ personId: true, attachmentId: true }).extend({ groupId: uuid });
export type MyWritingInput = z.infer<typeof myWritingInput>;
/** My writings of a year per group I am a member of, against the research-report practice. */
export const myWritings = z.object({
  year: z.number().int(),
  researchReportsMin: z.number().int(),
  researchReportsMax: z.number().int(),
  yearEnded: z.boolean(),
  groups: z.array(
    z.object({
      groupId: uuid,
      groupName: z.string(),
      statements: z.array(writingView),
      researchReports: z.array(writingView),
      researchReportsShort: z.boolean(),
    }),
  ),
});
export type MyWritings = z.infer<typeof myWritings>;
/** A group I am a current member of. */
export const myCentralGroup = centralGroupSummary.extend({ role: z.enum(centralGroupRoles) });
export type MyCentralGroup = z.infer<typeof myCentralGroup>;

// --- study-note review ------------------------------------------------------------------------

export const noteReviewStatuses = ['requested', 'submitted', 'returned'] as const;
export const noteReviewInput = z.object({ personIds: z.array(uuid).min(1).max(200), dueOn: isoDate, note: text(1000).optional() });
export type NoteReviewInput = z.infer<typeof noteReviewInput>;
/** Notes as text, as a file (an attachment the member may read), or both. */
export const noteSubmitInput = z
  .object({ text: text(20000).optional(), attachmentId: uuid.optional() })
  .refine((v) => v.text !== undefined || v.attachmentId !== undefined, { message: 'CENTRAL_GROUP_NOTES_EMPTY' });
export type NoteSubmitInput = z.infer<typeof noteSubmitInput>;
export const noteReturnInput = z.object({ comments: text(4000) });
export const noteReviewView = z.object({
  id: uuid,
  groupId: uuid,
  groupName: z.string(),
  personId: uuid,
  personName: z.string(),
  dueOn: isoDate,
  /** What the reviewer asked for when calling the notes in. */
  note: z.string().nullable(),
  status: z.enum(noteReviewStatuses),
  text: z.string().nullable(),
  attachment: linkedAttachmentView.nullable(),
  submittedAt: z.string().nullable(),
  comments: z.string().nullable(),
  returnedAt: z.string().nullable(),
  /** Past its due day (local calendar) and not submitted. */
  overdue: z.boolean(),
});
export type NoteReviewView = z.infer<typeof noteReviewView>;
