/** /audit: the audit log, read by the audit administrator. */
import type { AuditEntryView, AuditQuery } from '@pioneer/domain';
import { http } from './client.ts';

export type AuditPage = { items: AuditEntryView[]; total: number; page: number; pageSize: number };

export const auditApi = {
  list: (query: Partial<AuditQuery>) => http.get<AuditPage>('/audit', query),
};
