/** React Query hooks for the people import: upload (dry run), the report, the commit. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportMode, ImportReport } from '@pioneer/domain';
import { importsApi } from '../../api/imports.ts';

export const importKeys = { report: (batchId: string) => ['imports', batchId] as const };

export function useImportReport(batchId: string | null) {
  return useQuery({ queryKey: importKeys.report(batchId ?? ''), queryFn: () => importsApi.report(batchId!), enabled: Boolean(batchId), staleTime: Infinity });
}

export function useUploadRoster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, file }: { orgId: string; file: File }) => importsApi.upload(orgId, file),
    onSuccess: (report) => queryClient.setQueryData<ImportReport>(importKeys.report(report.batchId), report),
  });
}

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ batchId, mode }: { batchId: string; mode: ImportMode }) => importsApi.commit(batchId, mode),
    onSuccess: async (report) => {
      queryClient.setQueryData<ImportReport>(importKeys.report(report.batchId), report);
      // New and changed people show up in lists and counts.
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['people'] }), queryClient.invalidateQueries({ queryKey: ['orgs', 'counts'] })]);
    },
  });
}
