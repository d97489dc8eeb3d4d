/** /orgs endpoints: the organisation tree. */
import type { OrgCounts, OrgCreateInput, OrgUpdateInput, OrgView } from '@pioneer/domain';
import { http } from './client.ts';

/** GET /orgs/:id adds the visible ancestors (for breadcrumbs and expanding the tree). */
export type OrgDetail = OrgView & { ancestors: Array<{ id: string; name: string }> };

export const orgsApi = {
  roots: () => http.get<OrgView[]>('/orgs/roots'),
  get: (id: string) => http.get<OrgDetail>(`/orgs/${id}`),
  children: (id: string) => http.get<OrgView[]>(`/orgs/${id}/children`),
  counts: (id: string) => http.get<OrgCounts>(`/orgs/${id}/counts`),
  search: (q: string, limit = 20) => http.get<OrgView[]>('/orgs/search', { q, limit }),
  create: (input: OrgCreateInput) => http.post<OrgView>('/orgs', input),
  update: (id: string, input: OrgUpdateInput) => http.patch<OrgView>(`/orgs/${id}`, input),
  move: (id: string, parentId: string) => http.post<OrgView>(`/orgs/${id}/move`, { parentId }),
  deactivate: (id: string) => http.post<OrgView>(`/orgs/${id}/deactivate`),
};
