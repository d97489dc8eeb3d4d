/** /imports and /people/export: the Excel template, upload with dry-run report, commit, export. */
import type { ImportMode, ImportReport, PeopleExportQuery } from '@pioneer/domain';
import { download, http, request } from './client.ts';

/** Export filters as sent: everything optional except the organisation. */
export type ExportParams = Pick<PeopleExportQuery, 'orgId'> & Partial<Omit<PeopleExportQuery, 'orgId'>>;

export const importsApi = {
  template: () => download('/imports/people/template'),
  /** Multipart: the organisation the rows belong under, and the file. Nothing is written yet. */
  upload: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('orgId', orgId);
    form.append('file', file, file.name);
    return request<ImportReport>('POST', '/imports/people', { body: form });
  },
  report: (batchId: string) => http.get<ImportReport>(`/imports/${batchId}`),
  commit: (batchId: string, mode: ImportMode) => http.post<ImportReport>(`/imports/${batchId}/commit`, { mode }),
  /** The list with the template's columns; full=true unmasks the numbers and is audited. */
  exportPeople: (query: ExportParams) => download('/people/export', { query }),
};
