/**
 * React Query hooks of the secretary's organisational-life pages. A write answers the activity as
 * it now stands: it replaces the cached record, and lists, calendars, plans and the member views
 * that may show it are refreshed.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  ActivityCalendarQuery,
  ActivityCreateInput,
  ActivityDetail,
  ActivityGuestInput,
  ActivityRecordInput,
  AttendanceMarkInput,
  PlanCreateInput,
  PlanUpdateInput,
  ResolutionInput,
} from '@pioneer/domain';
import { activitiesApi, type ActivityQuery } from '../../api/activities.ts';
import { attachmentsApi } from '../../api/attachments.ts';
import { attendanceApi } from '../../api/attendance.ts';
import { plansApi } from '../../api/plans.ts';

export const activityKeys = {
  all: ['activities'] as const,
  list: (query: ActivityQuery) => ['activities', 'list', query] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  sheet: (id: string) => ['activities', 'sheet', id] as const,
  attachments: (orgId: string, q: string, page: number) => ['attachments', orgId, q, page] as const,
  limits: ['attachments', 'limits'] as const,
  plans: (orgId: string | undefined, year: number, page: number) => ['plans', 'list', orgId ?? 'all', year, page] as const,
  plan: (id: string) => ['plans', 'detail', id] as const,
};

export function useActivities(query: ActivityQuery, enabled = true) {
  return useQuery({ queryKey: activityKeys.list(query), queryFn: () => activitiesApi.list(query), placeholderData: keepPreviousData, enabled });
}

export function useActivityCalendar(query: ActivityCalendarQuery) {
  return useQuery({ queryKey: ['activities', 'list', 'calendar', query], queryFn: () => activitiesApi.calendar(query), placeholderData: keepPreviousData });
}

export function useActivity(id: string) {
  return useQuery({ queryKey: activityKeys.detail(id), queryFn: () => activitiesApi.get(id) });
}

/** The attendance sheet; `pollMs` keeps it fresh while members sign in. */
export function useAttendanceSheet(id: string, pollMs?: number) {
  return useQuery({ queryKey: activityKeys.sheet(id), queryFn: () => attendanceApi.sheet(id), refetchInterval: pollMs ?? false });
}

function refreshAround(queryClient: QueryClient, detail?: ActivityDetail) {
  if (detail) queryClient.setQueryData(activityKeys.detail(detail.id), detail);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['activities', 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['plans'] }),
    queryClient.invalidateQueries({ queryKey: ['me', 'org-life'] }),
    detail ? queryClient.invalidateQueries({ queryKey: activityKeys.sheet(detail.id) }) : undefined,
  ]);
}

export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: ActivityCreateInput) => activitiesApi.create(input), onSuccess: (detail) => refreshAround(queryClient, detail) });
}

export function useCancelActivity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { reason: string; version: number }) => activitiesApi.cancel(id, v),
    onSuccess: (detail) => refreshAround(queryClient, detail),
  });
}

/**
 * The one save of the recording page: the record (as held, or its correction) with the marks that
 * changed, in one request — the server writes both in one transaction or neither.
 */
export type RecordSave = { record: ActivityRecordInput; marks: AttendanceMarkInput['entries'] };

export function useSaveRecord(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, marks }: RecordSave) => activitiesApi.record(id, { ...record, ...(marks.length > 0 ? { attendance: marks } : {}) }),
    onSuccess: (detail) => refreshAround(queryClient, detail),
  });
}

export function useMarkAttendance(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entries: AttendanceMarkInput['entries']) => attendanceApi.mark(id, { entries }),
    onSuccess: (sheet) => {
      queryClient.setQueryData(activityKeys.sheet(id), sheet);
      return queryClient.invalidateQueries({ queryKey: activityKeys.detail(id) });
    },
  });
}

export function useAddGuest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ActivityGuestInput) => activitiesApi.addGuest(id, input),
    onSuccess: (detail) => refreshAround(queryClient, detail),
  });
}

export function useRemoveGuest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (guestId: string) => activitiesApi.removeGuest(id, guestId), onSuccess: (detail) => refreshAround(queryClient, detail) });
}

export function useAddResolution(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ResolutionInput) => activitiesApi.addResolution(id, input),
    onSuccess: (r) => refreshAround(queryClient, r.activity),
  });
}

export function useAttachmentLimits() {
  return useQuery({ queryKey: activityKeys.limits, queryFn: attachmentsApi.limits, staleTime: Infinity });
}

export function useOrgAttachments(orgId: string, q: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: activityKeys.attachments(orgId, q, page),
    queryFn: () => attachmentsApi.list({ orgId, q: q || undefined, page, pageSize: 10 }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Upload a file for the activity's organisation and link it to the activity. */
export function useUploadAttachment(activityId: string, orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const attachment = await attachmentsApi.upload(orgId, file);
      return activitiesApi.linkAttachment(activityId, attachment.id);
    },
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: ['attachments'] });
      return refreshAround(queryClient, detail);
    },
  });
}

export function useLinkAttachment(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => activitiesApi.linkAttachment(activityId, attachmentId),
    onSuccess: (detail) => refreshAround(queryClient, detail),
  });
}

export function useUnlinkAttachment(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => activitiesApi.unlinkAttachment(activityId, attachmentId),
    onSuccess: (detail) => refreshAround(queryClient, detail),
  });
}

export function useOpenSignin(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (minutes: number) => attendanceApi.openSignin(id, minutes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: activityKeys.sheet(id) }),
  });
}

/** The open sign-in code from the server, when this tab did not open it (another device, a new tab). */
export function useCurrentSignin(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['activities', 'signin-code', id], queryFn: () => attendanceApi.currentSignin(id), enabled, retry: false, staleTime: 0 });
}

export function useCloseSignin(id: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => attendanceApi.closeSignin(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: activityKeys.sheet(id) }) });
}

export function usePlans(orgId: string | undefined, year: number, page: number) {
  return useQuery({
    queryKey: activityKeys.plans(orgId, year, page),
    queryFn: () => plansApi.list({ orgId, year, page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string, enabled = true) {
  return useQuery({ queryKey: activityKeys.plan(id), queryFn: () => plansApi.get(id), enabled });
}

function useRefreshPlans() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['plans'] }),
      queryClient.invalidateQueries({ queryKey: ['activities', 'list'] }),
      queryClient.invalidateQueries({ queryKey: ['me', 'org-life'] }),
    ]);
}

export function useCreatePlan() {
  const refresh = useRefreshPlans();
  return useMutation({ mutationFn: (input: PlanCreateInput) => plansApi.create(input), onSuccess: refresh });
}

export function useUpdatePlan() {
  const refresh = useRefreshPlans();
  return useMutation({ mutationFn: (v: { id: string; input: PlanUpdateInput }) => plansApi.update(v.id, v.input), onSuccess: refresh });
}

export function useDeletePlan() {
  const refresh = useRefreshPlans();
  return useMutation({ mutationFn: (id: string) => plansApi.delete(id), onSuccess: refresh });
}
