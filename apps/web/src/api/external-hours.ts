/** /external-hours: the template, upload with dry-run report, batch history, commit, reversal. */
import type { ExternalHoursBatchSummary, ExternalHoursReport, ImportMode } from '@pioneer/domain';
import { download, http, request } from './client.ts';

export const externalHoursApi = {
  template: () => download('/external-hours/template'),
  /** Multipart: the organisation whose people the rows name, and the file. Nothing is credited yet. */
  upload: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('orgId', orgId);
    form.append('file', file, file.name);
    return request<ExternalHoursReport>('POST', '/external-hours/imports', { body: form });
  },
  list: (orgId: string) => http.get<ExternalHoursBatchSummary[]>('/external-hours/imports', { orgId }),
  report: (batchId: string) => http.get<ExternalHoursReport>(`/external-hours/imports/${batchId}`),
  commit: (batchId: string, mode: ImportMode) => http.post<ExternalHoursReport>(`/external-hours/imports/${batchId}/commit`, { mode }),
  reverse: (batchId: string, reason: string) => http.post<ExternalHoursReport>(`/external-hours/imports/${batchId}/reverse`, { reason }),
};
