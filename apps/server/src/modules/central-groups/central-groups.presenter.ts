/** Rows of central-group study as the API shows them (contract: packages/domain/src/api/central-groups.ts). */
import {
  attachmentDownloadPath,
  type AuditView,
  type CentralGroupDetail,
  type CentralGroupRole,
  type LinkedAttachmentView,
  type NoteReviewView,
  type StudyPlanItem,
  type StudyPlanView,
  type StudyReportSnapshot,
  type StudyReportView,
  type WritingView,
} from '@pioneer/domain';
import { isoDateIn } from '../../lib/time.ts';
import type * as repo from './central-groups.repo.ts';

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const presentDetail = (group: repo.GroupRow, members: repo.MemberRow[]): CentralGroupDetail => ({
  id: group.id,
  orgId: group.org_id,
  orgName: group.org_name,
  name: group.name,
  memberCount: members.length,
  members: members.map((m) => ({
    personId: m.person_id,
    name: m.name,
    role: m.role as CentralGroupRole,
    branchId: m.branch_id,
    branchName: m.branch_name,
    leadingCadre: m.is_leading_cadre,
  })),
});

export const presentPlan = (p: repo.PlanRow): StudyPlanView => ({
  id: p.id,
  groupId: p.group_id,
  year: p.year,
  version: p.version,
  status: p.status as StudyPlanView['status'],
  superseded: p.status === 'approved' && Boolean(p.superseded),
  items: p.items as StudyPlanItem[],
  submittedAt: iso(p.submitted_at),
  decidedAt: iso(p.decided_at),
  decidedBy: p.decided_by_name,
  comment: p.comment,
});

export const presentReport = (r: repo.ReportRow): StudyReportView => ({
  id: r.id,
  activityId: r.activity_id,
  groupId: r.group_id,
  groupName: r.group_name,
  version: r.version,
  status: r.status as StudyReportView['status'],
  snapshot: r.snapshot as StudyReportSnapshot,
  submittedAt: iso(r.submitted_at)!,
  submittedBy: r.submitted_by_name,
  acknowledgedAt: iso(r.acknowledged_at),
  acknowledgeComment: r.acknowledge_comment,
});

/** The rating is the working committee's private judgement: shown only when `showRating`. */
export const presentAudit = (a: repo.AuditRow, options: { timeZone: string; showRating: boolean }): AuditView => ({
  id: a.id,
  activityId: a.activity_id,
  groupId: a.group_id,
  groupName: a.group_name,
  topic: a.topic,
  sessionOn: a.held_on ?? isoDateIn(new Date(a.planned_start), options.timeZone),
  sessionStatus: a.session_status as AuditView['sessionStatus'],
  auditorUserId: a.auditor_user_id,
  auditorName: a.auditor_name,
  auditorUnit: a.auditor_unit,
  status: a.status as AuditView['status'],
  notes: a.notes,
  rating: options.showRating ? (a.rating as AuditView['rating']) : null,
  assignedAt: iso(a.assigned_at)!,
  completedAt: iso(a.completed_at),
});

export type AttachmentRef = Awaited<ReturnType<typeof repo.attachmentsByIds>>[number];
export const presentAttachment = (a: AttachmentRef): LinkedAttachmentView => ({
  id: a.id,
  fileName: a.file_name,
  mediaType: a.media_type,
  sizeBytes: a.size_bytes,
  createdAt: iso(a.created_at)!,
  downloadUrl: attachmentDownloadPath(a.id),
});

const attachmentIn = (files: Map<string, AttachmentRef>, id: string | null) => {
  const file = id === null ? undefined : files.get(id);
  return file ? presentAttachment(file) : null;
};

export const presentWriting = (w: repo.WritingRow, files: Map<string, AttachmentRef>): WritingView => ({
  id: w.id,
  personId: w.person_id,
  year: w.year,
  kind: w.kind as WritingView['kind'],
  title: w.title,
  submittedOn: w.submitted_on,
  activityId: w.activity_id,
  attachment: attachmentIn(files, w.attachment_id),
});

/** Overdue: still requested after its due day, by the local calendar day `today`. */
export const presentReview = (r: repo.ReviewRow, today: string, files: Map<string, AttachmentRef>): NoteReviewView => ({
  id: r.id,
  groupId: r.group_id,
  groupName: r.group_name,
  personId: r.person_id,
  personName: r.person_name,
  dueOn: r.due_on,
  note: r.note,
  status: r.status as NoteReviewView['status'],
  text: r.text,
  attachment: attachmentIn(files, r.attachment_id),
  submittedAt: iso(r.submitted_at),
  comments: r.comments,
  returnedAt: iso(r.returned_at),
  overdue: r.status === 'requested' && today > r.due_on,
});
