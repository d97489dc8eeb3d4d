/**
 * The audit log is append-only (a trigger refuses updates and deletes); this is its only writer,
 * and the reader behind the audit administrator's browsing.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
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

export type AuditFilter = {
  /** Calendar days in `timeZone`, both included. */
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
  actorId?: string | undefined;
  actorName?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  page: number;
  pageSize: number;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** One page of entries, newest first, with the organisation's name; filters use the at, actor and entity indexes. */
export async function queryAudit(db: Kysely<DB> | Transaction<DB>, filter: AuditFilter) {
  const filtered = db
    .selectFrom('audit_log as a')
    .$if(filter.from !== undefined, (q) => q.where('a.at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone ${filter.timeZone}`))
    .$if(filter.to !== undefined, (q) => q.where('a.at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone ${filter.timeZone}`))
    .$if(filter.actorId !== undefined, (q) => q.where('a.actor_id', '=', filter.actorId!))
    .$if(filter.actorName !== undefined, (q) => q.where((eb) => eb(eb.fn('lower', ['a.actor_name']), 'like', `%${escapeLike(filter.actorName!.toLowerCase())}%`)))
    .$if(filter.action !== undefined, (q) => q.where((eb) => eb.or([eb('a.action', '=', filter.action!), eb('a.action', 'like', `${escapeLike(filter.action!)}.%`)])))
    .$if(filter.entityType !== undefined, (q) => q.where('a.entity_type', '=', filter.entityType!))
    .$if(filter.entityId !== undefined, (q) => q.where('a.entity_id', '=', filter.entityId!));
  const [rows, count] = await Promise.all([
    filtered
      .leftJoin('organizations as o', 'o.id', 'a.org_id')
      .selectAll('a')
      .select('o.name as org_name')
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
