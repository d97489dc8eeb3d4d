/** /circulars endpoints: quarterly circulars (通报) of a subtree, their stored figures and documents. */
import type { CircularCreateInput, CircularListQuery, CircularPublishResult, CircularSummary, CircularView } from '@pioneer/domain';
import { download, http } from './client.ts';

export type CircularFormat = 'docx' | 'pdf';

export const circularsApi = {
  list: (query: Partial<CircularListQuery>) => http.get<CircularSummary[]>('/circulars', query),
  get: (id: string) => http.get<CircularView>(`/circulars/${id}`),
  generate: (input: CircularCreateInput) => http.post<CircularView>('/circulars', input),
  publish: (id: string) => http.post<CircularPublishResult>(`/circulars/${id}/publish`),
  download: (id: string, format: CircularFormat) => download(`/circulars/${id}/${format}`),
};
