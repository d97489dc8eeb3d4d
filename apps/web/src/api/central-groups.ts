/**
 * /central-groups endpoints (and their parts under /activities): central study groups (理论学习中心组)
 * and members, annual study plans with submission and approval, one-study-one-report (一学一报),
 * auditors (列席旁听) and their overview, members' writings, study-note reviews (调阅), and a
 * member's own side (/me): groups, writings and notes with their files.
 */
import type {
  AuditCompleteInput,
  AuditorAssignInput,
  AuditOverview,
  AuditView,
  CentralGroupCreateInput,
  CentralGroupDetail,
  CentralGroupMembersInput,
  CentralGroupSummary,
  LinkedAttachmentView,
  MyCentralGroup,
  MyWritingInput,
  MyWritings,
  NoteReviewInput,
  NoteReviewView,
  NoteSubmitInput,
  StudyPlanInput,
  StudyPlanItem,
  StudyPlanView,
  StudyReportView,
  WritingInput,
  WritingView,
  WritingsSummary,
} from '@pioneer/domain';
import { http, request } from './client.ts';

/** A multipart body with just the file (the record is in the address). */
const fileForm = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

export const centralGroupsApi = {
  list: (orgId: string) => http.get<CentralGroupSummary[]>('/central-groups', { orgId }),
  get: (id: string) => http.get<CentralGroupDetail>(`/central-groups/${id}`),
  create: (input: CentralGroupCreateInput) => http.post<CentralGroupDetail>('/central-groups', input),
  setMembers: (id: string, input: CentralGroupMembersInput) => request<CentralGroupDetail>('PUT', `/central-groups/${id}/members`, { body: input }),

  plans: (id: string, year?: number) => http.get<StudyPlanView[]>(`/central-groups/${id}/plans`, { year }),
  savePlan: (id: string, input: StudyPlanInput) => http.post<StudyPlanView>(`/central-groups/${id}/plans`, input),
  updatePlan: (planId: string, items: StudyPlanItem[]) => http.patch<StudyPlanView>(`/central-groups/plans/${planId}`, { items }),
  submitPlan: (planId: string) => http.post<StudyPlanView>(`/central-groups/plans/${planId}/submit`),
  approvePlan: (planId: string) => http.post<StudyPlanView>(`/central-groups/plans/${planId}/approve`),
  returnPlan: (planId: string, comment: string) => http.post<StudyPlanView>(`/central-groups/plans/${planId}/return`, { comment }),

  studyReports: (orgId: string, year: number) => http.get<StudyReportView[]>('/central-groups/study-reports', { orgId, year }),
  submitStudyReport: (activityId: string) => http.post<StudyReportView>(`/activities/${activityId}/study-report`),
  acknowledgeReport: (id: string, comment?: string) => http.post<StudyReportView>(`/central-groups/study-reports/${id}/acknowledge`, comment ? { comment } : {}),

  assignAuditor: (activityId: string, input: AuditorAssignInput) => http.post<AuditView>(`/activities/${activityId}/auditors`, input),
  auditors: (activityId: string) => http.get<AuditView[]>(`/activities/${activityId}/auditors`),
  removeAuditor: (auditId: string) => http.delete<AuditView[]>(`/central-groups/audits/${auditId}`),
  myAudits: () => http.get<AuditView[]>('/me/audits'),
  completeAudit: (auditId: string, input: AuditCompleteInput) => http.post<AuditView>(`/central-groups/audits/${auditId}/complete`, input),
  auditOverview: (orgId: string, year: number) => http.get<AuditOverview>('/central-groups/audit-overview', { orgId, year }),

  writings: (id: string, year: number) => http.get<WritingsSummary>(`/central-groups/${id}/writings`, { year }),
  addWriting: (id: string, input: WritingInput) => http.post<WritingView>(`/central-groups/${id}/writings`, input),

  noteReviews: (id: string) => http.get<NoteReviewView[]>(`/central-groups/${id}/note-reviews`),
  requestNotes: (id: string, input: NoteReviewInput) => http.post<NoteReviewView[]>(`/central-groups/${id}/note-reviews`, input),
  returnNotes: (reviewId: string, comments: string) => http.post<NoteReviewView>(`/central-groups/note-reviews/${reviewId}/return`, { comments }),

  myGroups: () => http.get<MyCentralGroup[]>('/me/central-groups'),
  myNoteReviews: () => http.get<NoteReviewView[]>('/me/note-reviews'),
  uploadNotesFile: (reviewId: string, file: File) => request<LinkedAttachmentView>('POST', `/me/note-reviews/${reviewId}/attachment`, { body: fileForm(file) }),
  submitNotes: (reviewId: string, input: NoteSubmitInput) => http.post<NoteReviewView>(`/me/note-reviews/${reviewId}/submit`, input),
  myWritings: (year: number) => http.get<MyWritings>('/me/writings', { year }),
  addMyWriting: (input: MyWritingInput) => http.post<WritingView>('/me/writings', input),
  uploadWritingFile: (writingId: string, file: File) => request<WritingView>('POST', `/me/writings/${writingId}/attachment`, { body: fileForm(file) }),
};
