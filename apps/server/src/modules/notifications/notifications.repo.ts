/**
 * SQL for notifications: resolving recipients to accounts, the idempotent insert, the reader's
 * inbox, delivery records of the extra channels, and the activities a reminder is due for.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const CHUNK = 1000;
const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Active accounts linked to these people, plus those of these account ids that exist and are active. */
export async function resolveRecipientUserIds(db: Db, personIds: string[], userIds: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const part of chunks(personIds)) {
    const rows = await db.selectFrom('users').select('id').where('person_id', 'in', part).where('active', '=', true).execute();
    for (const r of rows) found.add(r.id);
  }
  for (const part of chunks(userIds)) {
    const rows = await db.selectFrom('users').select('id').where('id', 'in', part).where('active', '=', true).execute();
    for (const r of rows) found.add(r.id);
  }
  return [...found].sort();
}

export type NewNotification = { id: string; userId: string; kind: string; params: Record<string, string | number>; link: string; dedupeKey: string; createdAt: Date };

/** Inserts the rows a (user, dedupe key) pair does not have yet; returns the ids actually inserted. */
export async function insertNotifications(db: Db, rows: NewNotification[]): Promise<string[]> {
  const inserted: string[] = [];
  for (const part of chunks(rows)) {
    if (part.length === 0) continue;
    const result = await db
      .insertInto('notifications')
      .values(part.map((r) => ({ id: r.id, user_id: r.userId, kind: r.kind, params: JSON.stringify(r.params), link: r.link, dedupe_key: r.dedupeKey, created_at: r.createdAt })))
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    inserted.push(...result.map((r) => r.id));
  }
  return inserted;
}

export async function listForUser(db: Db, options: { userId: string; unreadOnly: boolean; page: number; pageSize: number }) {
  const base = db
    .selectFrom('notifications')
    .where('user_id', '=', options.userId)
    .$if(options.unreadOnly, (q) => q.where('read_at', 'is', null));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findNotification = (db: Db, id: string) => db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();

/** Marks one row read; a row already read keeps the instant it was first read. */
export async function markRead(db: Db, id: string, at: Date) {
  return db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, ${at})` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markAllRead(db: Db, userId: string, at: Date): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Notifications a channel has not delivered yet: created since `since`, of the channel's kinds,
 * with fewer than `maxAttempts` failed attempts, oldest first, with the recipient's account.
 */
export async function pendingDeliveries(db: Db, options: { channel: string; kinds: readonly string[] | null; since: Date; maxAttempts: number; limit: number }) {
  if (options.kinds && options.kinds.length === 0) return [];
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('notification_deliveries as d', (join) => join.onRef('d.notification_id', '=', 'n.id').on('d.channel', '=', options.channel))
    .select(['n.id', 'n.user_id', 'n.kind', 'n.params', 'n.link', 'n.created_at', 'u.person_id', 'u.display_name'])
    .where('n.created_at', '>=', options.since)
    .$if(options.kinds !== null, (q) => q.where('n.kind', 'in', options.kinds!))
    .where('d.delivered_at', 'is', null)
    .where((eb) => eb(eb.fn.coalesce('d.attempts', sql.lit(0)), '<', options.maxAttempts))
    .orderBy('n.created_at')
    .orderBy('n.id')
    .limit(options.limit)
    .execute();
}

export async function recordDelivery(db: Db, options: { notificationId: string; channel: string; at: Date; error: string | null }): Promise<void> {
  await db
    .insertInto('notification_deliveries')
    .values({
      notification_id: options.notificationId,
      channel: options.channel,
      attempts: 1,
      delivered_at: options.error ? null : options.at,
      last_attempt_at: options.at,
      last_error: options.error,
    })
    .onConflict((oc) =>
      oc.columns(['notification_id', 'channel']).doUpdateSet({
        attempts: sql<number>`notification_deliveries.attempts + 1`,
        delivered_at: options.error ? null : options.at,
        last_attempt_at: options.at,
        last_error: options.error,
      }),
    )
    .execute();
}

/**
 * Activities not cancelled that start after `from` and no later than `to`, with the people
 * expected at each who have not asked for leave: what the reminder job notifies.
 */
export async function activitiesStartingWithExpected(db: Db, options: { from: Date; to: Date }) {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .innerJoin('activity_attendees as t', 't.activity_id', 'a.id')
    .select(['a.id', 'a.kind', 'a.topic', 'a.planned_start', 'a.place', 'a.online_link', 'o.name as org_name', 't.person_id'])
    .where('a.status', '=', 'planned')
    .where('a.planned_start', '>', options.from)
    .where('a.planned_start', '<=', options.to)
    .where('t.role', '=', 'expected')
    .where('t.status', '<>', 'leave')
    .orderBy('a.planned_start')
    .orderBy('a.id')
    .execute();
  const byActivity = new Map<string, { id: string; kind: string; topic: string; plannedStart: Date; place: string | null; onlineLink: string | null; orgName: string; personIds: string[] }>();
  for (const r of rows) {
    let entry = byActivity.get(r.id);
    if (!entry) {
      entry = { id: r.id, kind: r.kind, topic: r.topic, plannedStart: new Date(r.planned_start), place: r.place, onlineLink: r.online_link, orgName: r.org_name, personIds: [] };
      byActivity.set(r.id, entry);
    }
    entry.personIds.push(r.person_id);
  }
  return [...byActivity.values()];
}
