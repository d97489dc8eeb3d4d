/**
 * /central-groups endpoints (and their parts under /activities): central study groups (理论学习中心组)
 * and members, annual study plans with submission and approval, one-study-one-report (一学一报),
 * auditors (列席旁听) and their overview, members' writings, study-note reviews (调阅).
 */
import type {
  AuditOverview,
  AuditView,
  CentralGroupCreateInput,
  CentralGroupDetail,
  CentralGroupMembersInput,
  CentralGroupSummary,
  NoteReviewView,
  StudyPlanInput,
  StudyPlanView,
  StudyReportView,
  WritingInput,
  WritingView,
  WritingsSummary,
} from '@pioneer/domain';
import { http, request } from './client.ts';

export const centralGroupsApi = {
  list: (orgId: string) => http.get<CentralGroupSummary[]>('/central-groups', { orgId }),
  get: (id: string) => http.get<CentralGroupDetail>(`/central-groups/${id}`),
  create: (input: CentralGroupCreateInput) => http.post<CentralGroupDetail>('/central-groups', input),
  setMembers: (id: string, input: CentralGroupMembersInput) => request<CentralGroupDetail>('PUT', `/central-groups/${id}/members`, { body: input }),

  plans: (id: string, year?: number) => http.get<StudyPlanView[]>(`/central-groups/${id}/plans`, { year }),
  savePlan: (id: string, input: StudyPlanInput) => http.post<StudyPlanView>(`/central-groups/${id}/plans`, input),
  submitPlan: (planId: string) => http.post<StudyPlanView>(`/central-groups/plans/${planId}/submit`),
  approvePlan: (planId: string) => http.post<StudyPlanView>(`/central-groups/plans/${planId}/approve`),
  returnPlan: (planId: string, comment: string) => http.post<StudyPlanView>(`/central-groups/plans/${planId}/return`, { comment }),

  studyReports: (orgId: string, year: number) => http.get<StudyReportView[]>('/central-groups/study-reports', { orgId, year }),
  submitStudyReport: (activityId: string) => http.post<StudyReportView>(`/activities/${activityId}/study-report`),
  acknowledgeReport: (id: string, comment?: string) => http.post<StudyReportView>(`/central-groups/study-reports/${id}/acknowledge`, comment ? { comment } : {}),

  assignAuditor: (activityId: string, auditorUserId: string) => http.post<AuditView>(`/activities/${activityId}/auditors`, { auditorUserId }),
  completeAudit: (auditId: string, notes: string) => http.post<AuditView>(`/central-groups/audits/${auditId}/complete`, { notes }),
  auditOverview: (orgId: string, year: number) => http.get<AuditOverview>('/central-groups/audit-overview', { orgId, year }),

  writings: (id: string, year: number) => http.get<WritingsSummary>(`/central-groups/${id}/writings`, { year }),
  addWriting: (id: string, input: WritingInput) => http.post<WritingView>(`/central-groups/${id}/writings`, input),

  noteReviews: (id: string) => http.get<NoteReviewView[]>(`/central-groups/${id}/note-reviews`),
  requestNotes: (id: string, personIds: string[], dueOn: string) => http.post<NoteReviewView[]>(`/central-groups/${id}/note-reviews`, { personIds, dueOn }),
  returnNotes: (reviewId: string, comments: string) => http.post<NoteReviewView>(`/central-groups/note-reviews/${reviewId}/return`, { comments }),
};
