/** React Query hooks for central-group study; each write refreshes the group's views. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AuditCompleteInput,
  AuditorAssignInput,
  CentralGroupCreateInput,
  CentralGroupMembersInput,
  MyWritingInput,
  NoteReviewInput,
  NoteSubmitInput,
  StudyPlanInput,
  StudyPlanItem,
  WritingInput,
} from '@pioneer/domain';
import { activitiesApi } from '../../api/activities.ts';
import { attachmentsApi } from '../../api/attachments.ts';
import { centralGroupsApi } from '../../api/central-groups.ts';

export const groupKeys = {
  all: ['central-groups'] as const,
  list: (orgId: string) => ['central-groups', 'list', orgId] as const,
  detail: (id: string) => ['central-groups', 'detail', id] as const,
  plans: (id: string, year: number) => ['central-groups', 'plans', id, year] as const,
  reports: (orgId: string, year: number) => ['central-groups', 'reports', orgId, year] as const,
  overview: (orgId: string, year: number) => ['central-groups', 'audit-overview', orgId, year] as const,
  writings: (id: string, year: number) => ['central-groups', 'writings', id, year] as const,
  notes: (id: string) => ['central-groups', 'notes', id] as const,
  sessions: (orgId: string, year: number) => ['central-groups', 'sessions', orgId, year] as const,
  auditors: (activityId: string) => ['central-groups', 'auditors', activityId] as const,
  myAudits: ['central-groups', 'me', 'audits'] as const,
  myGroups: ['central-groups', 'me', 'groups'] as const,
  myNotes: ['central-groups', 'me', 'notes'] as const,
  myWritings: (year: number) => ['central-groups', 'me', 'writings', year] as const,
};

function useInvalidateGroups() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: groupKeys.all });
}

export function useCentralGroups(orgId: string | null) {
  return useQuery({ queryKey: groupKeys.list(orgId ?? ''), queryFn: () => centralGroupsApi.list(orgId!), enabled: Boolean(orgId) });
}

export function useCentralGroup(id: string) {
  return useQuery({ queryKey: groupKeys.detail(id), queryFn: () => centralGroupsApi.get(id) });
}

export function useCreateGroup() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: (input: CentralGroupCreateInput) => centralGroupsApi.create(input), onSuccess: invalidate });
}

export function useSetMembers(id: string) {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: (input: CentralGroupMembersInput) => centralGroupsApi.setMembers(id, input), onSuccess: invalidate });
}

export function usePlans(id: string, year: number) {
  return useQuery({ queryKey: groupKeys.plans(id, year), queryFn: () => centralGroupsApi.plans(id, year) });
}

export function useSavePlan(id: string) {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: (input: StudyPlanInput) => centralGroupsApi.savePlan(id, input), onSuccess: invalidate });
}

/** Changes the items of a draft or returned version (PATCH); it stays the same version. */
export function useUpdatePlan() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ planId, items }: { planId: string; items: StudyPlanItem[] }) => centralGroupsApi.updatePlan(planId, items), onSuccess: invalidate });
}

export type PlanDecision = { kind: 'submit' | 'approve'; planId: string } | { kind: 'return'; planId: string; comment: string };

export function useDecidePlan() {
  const invalidate = useInvalidateGroups();
  return useMutation({
    mutationFn: (d: PlanDecision) => {
      if (d.kind === 'return') return centralGroupsApi.returnPlan(d.planId, d.comment);
      return d.kind === 'submit' ? centralGroupsApi.submitPlan(d.planId) : centralGroupsApi.approvePlan(d.planId);
    },
    onSuccess: invalidate,
  });
}

export function useStudyReports(orgId: string | null, year: number) {
  return useQuery({ queryKey: groupKeys.reports(orgId ?? '', year), queryFn: () => centralGroupsApi.studyReports(orgId!, year), enabled: Boolean(orgId) });
}

export function useAcknowledgeReport() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ id, comment }: { id: string; comment?: string }) => centralGroupsApi.acknowledgeReport(id, comment), onSuccess: invalidate });
}

export function useSubmitStudyReport() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: (activityId: string) => centralGroupsApi.submitStudyReport(activityId), onSuccess: invalidate });
}

export function useAuditOverview(orgId: string | null, year: number) {
  return useQuery({ queryKey: groupKeys.overview(orgId ?? '', year), queryFn: () => centralGroupsApi.auditOverview(orgId!, year), enabled: Boolean(orgId) });
}

export function useAssignAuditor() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ activityId, input }: { activityId: string; input: AuditorAssignInput }) => centralGroupsApi.assignAuditor(activityId, input), onSuccess: invalidate });
}

export function useSessionAuditors(activityId: string) {
  return useQuery({ queryKey: groupKeys.auditors(activityId), queryFn: () => centralGroupsApi.auditors(activityId) });
}

export function useRemoveAuditor() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: (auditId: string) => centralGroupsApi.removeAuditor(auditId), onSuccess: invalidate });
}

export function useMyAudits() {
  return useQuery({ queryKey: groupKeys.myAudits, queryFn: () => centralGroupsApi.myAudits() });
}

export function useCompleteAudit() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ auditId, input }: { auditId: string; input: AuditCompleteInput }) => centralGroupsApi.completeAudit(auditId, input), onSuccess: invalidate });
}

/** The group's study sessions of a year: central-group study activities of its organisation. */
export function useGroupSessions(orgId: string, year: number) {
  return useQuery({
    queryKey: groupKeys.sessions(orgId, year),
    queryFn: () => activitiesApi.list({ orgId, kind: 'central_group_study', from: `${year}-01-01`, to: `${year}-12-31`, pageSize: 200 }),
  });
}

export function useWritings(id: string, year: number) {
  return useQuery({ queryKey: groupKeys.writings(id, year), queryFn: () => centralGroupsApi.writings(id, year) });
}

/** Records a member's writing; a chosen file is uploaded for the group's organisation first and linked by its id. */
export function useAddWriting(group: { id: string; orgId: string }) {
  const invalidate = useInvalidateGroups();
  return useMutation({
    mutationFn: async ({ input, file }: { input: WritingInput; file?: File }) => {
      const attachmentId = file ? (await attachmentsApi.upload(group.orgId, file)).id : undefined;
      return centralGroupsApi.addWriting(group.id, { ...input, attachmentId });
    },
    onSuccess: invalidate,
  });
}

export function useNoteReviews(id: string) {
  return useQuery({ queryKey: groupKeys.notes(id), queryFn: () => centralGroupsApi.noteReviews(id) });
}

export function useRequestNotes(id: string) {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: (input: NoteReviewInput) => centralGroupsApi.requestNotes(id, input), onSuccess: invalidate });
}

export function useReturnNotes() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ id, comments }: { id: string; comments: string }) => centralGroupsApi.returnNotes(id, comments), onSuccess: invalidate });
}

// --- the member's own side -------------------------------------------------------------------

export function useMyGroups() {
  return useQuery({ queryKey: groupKeys.myGroups, queryFn: () => centralGroupsApi.myGroups() });
}

export function useMyNoteReviews() {
  return useQuery({ queryKey: groupKeys.myNotes, queryFn: () => centralGroupsApi.myNoteReviews() });
}

/** Hands in my notes: the file (if any) is uploaded to the review first, then the notes are submitted naming it. */
export function useSubmitMyNotes() {
  const invalidate = useInvalidateGroups();
  return useMutation({
    mutationFn: async ({ reviewId, text, file }: { reviewId: string; text?: string; file?: File }) => {
      const input: NoteSubmitInput = { text, attachmentId: file ? (await centralGroupsApi.uploadNotesFile(reviewId, file)).id : undefined };
      return centralGroupsApi.submitNotes(reviewId, input);
    },
    onSuccess: invalidate,
  });
}

export function useMyWritings(year: number) {
  return useQuery({ queryKey: groupKeys.myWritings(year), queryFn: () => centralGroupsApi.myWritings(year) });
}

/** Records my writing, then uploads its file to it when one was chosen. */
export function useAddMyWriting() {
  const invalidate = useInvalidateGroups();
  return useMutation({
    mutationFn: async ({ input, file }: { input: MyWritingInput; file?: File }) => {
      const writing = await centralGroupsApi.addMyWriting(input);
      return file ? centralGroupsApi.uploadWritingFile(writing.id, file) : writing;
    },
    onSuccess: invalidate,
  });
}

export function useUploadMyWritingFile() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ writingId, file }: { writingId: string; file: File }) => centralGroupsApi.uploadWritingFile(writingId, file), onSuccess: invalidate });
}
