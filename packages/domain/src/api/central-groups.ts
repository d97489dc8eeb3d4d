/**
 * Central-group study contract (理论学习中心组, issue 3 item 8): the group and its members (who
 * keep their own branch: dual organisational life), the annual study plan approved by the group's
 * leader or the secretary, the one-study-one-report (一学一报) assembled from a held session's
 * record, auditors assigned by the working committee (列席旁听) and their overview, each member's
 * written statements and research reports, and study notes called in for review (调阅).
 */
import { z } from 'zod';
import { studyForms } from '../rules/org-life/kinds.ts';
import { isoDate, uuid } from './common.ts';

export const centralGroupRoles = ['leader', 'deputy_leader', 'member', 'study_secretary'] as const;
export type CentralGroupRole = (typeof centralGroupRoles)[number];

const year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

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
});
export type CentralGroupMember = z.infer<typeof centralGroupMember>;
export const centralGroupDetail = centralGroupSummary.extend({ members: z.array(centralGroupMember) });
export type CentralGroupDetail = z.infer<typeof centralGroupDetail>;

/** The whole membership, replacing the previous one: exactly one leader, each person once. */
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
});
export type StudyPlanItem = z.infer<typeof studyPlanItem>;
/** Saves the year's plan as a draft (replacing a draft or returned one; an approved plan is read-only). */
export const studyPlanInput = z.object({ year, items: z.array(studyPlanItem).min(1).max(100) });
export type StudyPlanInput = z.infer<typeof studyPlanInput>;
export const studyPlanReturnInput = z.object({ comment: text(1000) });
export const studyPlansQuery = z.object({ year: year.optional() });

export const studyPlanView = z.object({
  id: uuid,
  groupId: uuid,
  year: z.number().int(),
  status: z.enum(studyPlanStatuses),
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
  place: z.string().nullable(),
  studyForm: z.string().nullable(),
  speaker: z.string().nullable(),
  expected: z.number().int(),
  present: z.array(z.string()),
  leave: z.array(z.object({ name: z.string(), reason: z.string().nullable() })),
  absent: z.array(z.string()),
  minutes: z.string().nullable(),
  attachments: z.array(z.string()),
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
export const studyReportsQuery = z.object({ orgId: uuid, year });
export const studyReportAcknowledgeInput = z.object({ comment: text(1000).optional() });

// --- auditors ---------------------------------------------------------------------------------

export const auditorAssignInput = z.object({ auditorUserId: uuid });
export const auditCompleteInput = z.object({ notes: text(4000) });
export const auditView = z.object({
  id: uuid,
  activityId: uuid,
  groupId: uuid,
  auditorUserId: uuid,
  auditorName: z.string(),
  status: z.enum(['assigned', 'completed']),
  notes: z.string().nullable(),
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
export const writingInput = z.object({ personId: uuid, year: z.number().int().min(2000).max(2100), kind: z.enum(writingKinds), title: text(200), submittedOn: isoDate });
export type WritingInput = z.infer<typeof writingInput>;
export const writingView = z.object({ id: uuid, personId: uuid, year: z.number().int(), kind: z.enum(writingKinds), title: z.string(), submittedOn: isoDate });
export type WritingView = z.infer<typeof writingView>;
export const writingsQuery = z.object({ year });
export const writingsSummary = z.object({
  groupId: uuid,
  year: z.number().int(),
  researchReportsMin: z.number().int(),
  researchReportsMax: z.number().int(),
  members: z.array(
    z.object({
      personId: uuid,
      name: z.string(),
      role: z.enum(centralGroupRoles),
      statements: z.array(writingView),
      researchReports: z.array(writingView),
      researchReportsShort: z.boolean(),
    }),
  ),
});
export type WritingsSummary = z.infer<typeof writingsSummary>;

// --- study-note review ------------------------------------------------------------------------

export const noteReviewStatuses = ['requested', 'submitted', 'returned'] as const;
export const noteReviewInput = z.object({ personIds: z.array(uuid).min(1).max(200), dueOn: isoDate });
export const noteSubmitInput = z.object({ text: text(20000) });
export const noteReturnInput = z.object({ comments: text(4000) });
export const noteReviewView = z.object({
  id: uuid,
  groupId: uuid,
  groupName: z.string(),
  personId: uuid,
  personName: z.string(),
  dueOn: isoDate,
  status: z.enum(noteReviewStatuses),
  text: z.string().nullable(),
  submittedAt: z.string().nullable(),
  comments: z.string().nullable(),
  returnedAt: z.string().nullable(),
  /** Past its due day (local calendar) and not submitted. */
  overdue: z.boolean(),
});
export type NoteReviewView = z.infer<typeof noteReviewView>;
