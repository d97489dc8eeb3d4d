/** Make-up study (补学) endpoints: the member's own assignments and, for managers, a subtree's. */
import type { MakeupCompleteInput, MakeupDetail, MakeupListQuery, MakeupPage, MyMakeupList } from '@pioneer/domain';
import { attachmentsApi } from './attachments.ts';
import { http } from './client.ts';

export const makeupApi = {
  list: (query: Partial<MakeupListQuery>) => http.get<MakeupPage>('/makeup', query),
  /** All of mine, open ones first. */
  mine: () => http.get<MyMakeupList>('/me/makeup'),
  get: (id: string) => http.get<MakeupDetail>(`/me/makeup/${id}`),
  markRead: (id: string) => http.post<MakeupDetail>(`/me/makeup/${id}/read`),
  complete: (id: string, input: MakeupCompleteInput) => http.post<MakeupDetail>(`/me/makeup/${id}/complete`, input),
  /** `downloadUrl` of an attachment is an API path; the client adds the base itself. */
  downloadAttachment: attachmentsApi.download,
};
