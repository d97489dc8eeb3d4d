/** The audit log is append-only (a trigger refuses updates and deletes); this is its only writer. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';

export type AuditEntry = {
  actor: Pick<Actor, 'userId' | 'displayName'> | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  orgId?: string | null;
  ip?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
};

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function recordAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actor?.userId ?? null,
      actor_name: entry.actor?.displayName ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      org_id: entry.orgId ?? null,
      ip: entry.ip ?? null,
      before: json(entry.before),
      after: json(entry.after),
      detail: json(entry.detail),
    })
    .execute();
}
