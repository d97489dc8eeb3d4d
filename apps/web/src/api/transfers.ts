/** /transfers endpoints: letters of transfer of organisational relation (组织关系转接). */
import type { TransferCreateInput, TransferListQuery, TransferView } from '@pioneer/domain';
import { http } from './client.ts';

export type TransferPage = { items: TransferView[]; total: number; page: number; pageSize: number };
export type TransferBox = 'inbox' | 'outbox';

export const transfersApi = {
  list: (box: TransferBox, query: Partial<TransferListQuery>) => http.get<TransferPage>(`/transfers/${box}`, query),
  get: (id: string) => http.get<TransferView>(`/transfers/${id}`),
  issue: (input: TransferCreateInput) => http.post<TransferView>('/transfers', input),
  accept: (id: string) => http.post<TransferView>(`/transfers/${id}/accept`),
  return: (id: string, reason: string) => http.post<TransferView>(`/transfers/${id}/return`, { reason }),
  cancel: (id: string) => http.post<TransferView>(`/transfers/${id}/cancel`),
};
