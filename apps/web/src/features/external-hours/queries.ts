/** React Query hooks for external hours: upload (dry run), a report, the history, commit and reversal. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExternalHoursReport, ImportMode } from '@pioneer/domain';
import { externalHoursApi } from '../../api/external-hours.ts';

export const externalHoursKeys = {
  all: ['external-hours'] as const,
  report: (batchId: string) => ['external-hours', 'report', batchId] as const,
  list: (orgId: string) => ['external-hours', 'list', orgId] as const,
};

export function useExternalHoursReport(batchId: string | null) {
  return useQuery({ queryKey: externalHoursKeys.report(batchId ?? ''), queryFn: () => externalHoursApi.report(batchId!), enabled: Boolean(batchId) });
}

export function useExternalHoursBatches(orgId: string | null) {
  return useQuery({ queryKey: externalHoursKeys.list(orgId ?? ''), queryFn: () => externalHoursApi.list(orgId!), enabled: Boolean(orgId) });
}

export function useUploadExternalHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, file }: { orgId: string; file: File }) => externalHoursApi.upload(orgId, file),
    onSuccess: (report) => queryClient.setQueryData<ExternalHoursReport>(externalHoursKeys.report(report.batchId), report),
  });
}

/** After a commit or a reversal the history and everyone's study hours change. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async (report: ExternalHoursReport) => {
    queryClient.setQueryData<ExternalHoursReport>(externalHoursKeys.report(report.batchId), report);
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['external-hours', 'list'] }), queryClient.invalidateQueries({ queryKey: ['study-hours'] })]);
  };
}

export function useCommitExternalHours() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ batchId, mode }: { batchId: string; mode: ImportMode }) => externalHoursApi.commit(batchId, mode), onSuccess: refresh });
}

export function useReverseExternalHours() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ batchId, reason }: { batchId: string; reason: string }) => externalHoursApi.reverse(batchId, reason), onSuccess: refresh });
}
