/** /attachments endpoints: upload once for an organisation, list for reuse, download. */
import type { AttachmentLimits, AttachmentListQuery, AttachmentPage, AttachmentView } from '@pioneer/domain';
import { API_BASE, download, http, request } from './client.ts';

export const attachmentsApi = {
  limits: () => http.get<AttachmentLimits>('/attachments/limits'),
  list: (query: Partial<AttachmentListQuery>) => http.get<AttachmentPage>('/attachments', query),
  upload: (orgId: string, file: File) => {
    const form = new FormData();
    // Fields before the file: the server reads the organisation before it stores the bytes.
    form.append('orgId', orgId);
    form.append('file', file, file.name);
    return request<AttachmentView>('POST', '/attachments', { body: form });
  },
  /** A `downloadUrl` from the API is a full API path; the client adds the base itself. */
  download: (downloadUrl: string) => download(downloadUrl.startsWith(API_BASE) ? downloadUrl.slice(API_BASE.length) : downloadUrl),
};
