/** Audit log browsing contract: for the audit administrator only, newest first, server-paginated. */
import { z } from 'zod';
import { isoDate, page, pageQuery } from './common.ts';

export const auditQuery = pageQuery.extend({
  /** First and last calendar day (deployment time zone), both included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** An account id, or part of the actor's name. */
  actor: z.string().trim().min(1).max(64).optional(),
  /** An exact action ('transfer.accept') or its family ('transfer'). */
  action: z.string().trim().min(1).max(64).optional(),
  entityType: z.string().trim().min(1).max(64).optional(),
  entityId: z.string().trim().min(1).max(64).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditPage = page(auditEntryView);
