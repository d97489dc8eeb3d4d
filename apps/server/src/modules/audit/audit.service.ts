/** Browsing the audit log: filters, newest first, one page at a time. */
import type { AuditEntryView, AuditQuery } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import type { AuditRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import * as policy from './audit.policy.ts';
import { queryAudit } from './audit.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function presentAuditEntry(row: AuditRow & { org_name: string | null }): AuditEntryView {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    orgId: row.org_id,
    orgName: row.org_name,
    ip: row.ip,
    before: row.before ?? null,
    after: row.after ?? null,
    detail: row.detail ?? null,
  };
}

export async function browseAudit(
  ctx: ServerContext,
  options: { actor: Actor; query: AuditQuery },
): Promise<{ items: AuditEntryView[]; total: number; page: number; pageSize: number }> {
  if (!policy.canBrowseAudit(options.actor)) throw new AppError('FORBIDDEN');
  const { query } = options;
  // An account id selects one actor exactly; anything else is part of a name.
  const byId = query.actor !== undefined && UUID.test(query.actor);
  const { rows, total } = await queryAudit(ctx.db, {
    from: query.from,
    to: query.to,
    timeZone: ctx.config.timeZone,
    actorId: byId ? query.actor : undefined,
    actorName: byId ? undefined : query.actor,
    action: query.action,
    entityType: query.entityType,
    entityId: query.entityId,
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(presentAuditEntry), total, page: query.page, pageSize: query.pageSize };
}
