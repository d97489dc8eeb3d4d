/** React Query hooks for central-group study; each write refreshes the group's views. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CentralGroupCreateInput, CentralGroupMembersInput, StudyPlanInput, WritingInput } from '@pioneer/domain';
import { activitiesApi } from '../../api/activities.ts';
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
  return useMutation({ mutationFn: ({ activityId, userId }: { activityId: string; userId: string }) => centralGroupsApi.assignAuditor(activityId, userId), onSuccess: invalidate });
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

export function useAddWriting(id: string) {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: (input: WritingInput) => centralGroupsApi.addWriting(id, input), onSuccess: invalidate });
}

export function useNoteReviews(id: string) {
  return useQuery({ queryKey: groupKeys.notes(id), queryFn: () => centralGroupsApi.noteReviews(id) });
}

export function useRequestNotes(id: string) {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ personIds, dueOn }: { personIds: string[]; dueOn: string }) => centralGroupsApi.requestNotes(id, personIds, dueOn), onSuccess: invalidate });
}

export function useReturnNotes() {
  const invalidate = useInvalidateGroups();
  return useMutation({ mutationFn: ({ id, comments }: { id: string; comments: string }) => centralGroupsApi.returnNotes(id, comments), onSuccess: invalidate });
}
