/**
 * Notifications: `notify` is what other modules and jobs call to tell people something; the rest
 * is a reader's own inbox (list, unread count, mark read) and the delivery of stored notifications
 * to the extra channels (see channels.ts).
 */
import { notificationCatalog, renderNotification, type ActivityKind, type NotificationKind, type NotificationListQuery, type NotificationPage, type NotificationParams, type NotificationView } from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { NotificationRow } from '../../db/schema-circulars.ts';
import { AppError, type Lang } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { notificationChannels, type ChannelRegistry, type DeliverableNotification } from './channels.ts';
import * as policy from './notifications.policy.ts';
import * as repo from './notifications.repo.ts';

export type NotifyOptions<K extends NotificationKind = NotificationKind> = {
  /** People resolve to their linked active accounts; account ids are taken as they are. */
  recipients: { personIds?: string[]; userIds?: string[] };
  kind: K;
  params: NotificationParams<K>;
  /** Client route the notification opens, e.g. `/activities/<id>`. */
  link: string;
  /**
   * Same key, same account → one notification, however often notify is called: a retried job or
   * request is harmless. Make it name the event, e.g. `makeup_assigned:<assignmentId>`.
   */
  dedupeKey: string;
};

export type NotifyResult = { recipients: number; created: number; notificationIds: string[] };

/**
 * Stores one in-app notification per recipient account (idempotent by dedupe key). Pass the
 * transaction handle when called from inside one, so the notification lands or fails with the
 * write it announces. Other channels pick the rows up after commit (notification-delivery job).
 * Throws a plain Error on parameters that do not fit the kind: a programming mistake, not a user's.
 */
export async function notify<K extends NotificationKind>(db: Kysely<DB> | Transaction<DB>, ctx: Pick<ServerContext, 'now'>, options: NotifyOptions<K>): Promise<NotifyResult> {
  const entry = notificationCatalog[options.kind];
  if (!entry) throw new Error(`notify: unknown notification kind "${options.kind}"`);
  const parsed = entry.params.safeParse(options.params);
  if (!parsed.success) throw new Error(`notify: params do not fit kind "${options.kind}": ${parsed.error.message}`);
  if (!options.dedupeKey) throw new Error('notify: a dedupe key is required');
  const userIds = await repo.resolveRecipientUserIds(db, [...new Set(options.recipients.personIds ?? [])], [...new Set(options.recipients.userIds ?? [])]);
  const createdAt = ctx.now();
  const params = parsed.data as Record<string, string | number>;
  const ids = await repo.insertNotifications(
    db,
    userIds.map((userId) => ({ id: newId(), userId, kind: options.kind, params, link: options.link, dedupeKey: options.dedupeKey, createdAt })),
  );
  return { recipients: userIds.length, created: ids.length, notificationIds: ids };
}

const paramsOf = (row: Pick<NotificationRow, 'params'>) => (row.params ?? {}) as Record<string, string | number>;

export function presentNotification(row: NotificationRow, lang: Lang): NotificationView {
  const params = paramsOf(row);
  const text = renderNotification(row.kind, params, lang);
  return {
    id: row.id,
    kind: row.kind,
    title: text.title,
    body: text.body,
    link: row.link,
    params,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

export async function listMine(ctx: ServerContext, options: { actor: Actor; lang: Lang; query: NotificationListQuery }): Promise<NotificationPage> {
  const { page, pageSize } = options.query;
  const { rows, total } = await repo.listForUser(ctx.db, { userId: options.actor.userId, unreadOnly: options.query.unreadOnly ?? false, page, pageSize });
  return { items: rows.map((r) => presentNotification(r, options.lang)), total, page, pageSize };
}

export async function unreadCount(ctx: ServerContext, options: { actor: Actor }): Promise<{ count: number }> {
  return { count: await repo.countUnread(ctx.db, options.actor.userId) };
}

export async function markRead(ctx: ServerContext, options: { actor: Actor; lang: Lang; id: string }): Promise<NotificationView> {
  const row = await repo.findNotification(ctx.db, options.id);
  // Someone else's notification is answered exactly like a missing one.
  if (!row || !policy.canReadNotification(options.actor, row)) throw new AppError('NOTIFICATION_NOT_FOUND');
  return presentNotification(await repo.markRead(ctx.db, row.id, ctx.now()), options.lang);
}

export async function markAllRead(ctx: ServerContext, options: { actor: Actor }): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(ctx.db, options.actor.userId, ctx.now()) };
}

/** A channel gives up on a notification after this many failed attempts. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Notifications older than this are not sent on other channels any more (stale news). */
const DELIVERY_WINDOW_MS = 3 * 24 * 3600 * 1000;

/**
 * Feeds every external channel the notifications it has not delivered yet; each attempt is
 * recorded, so a delivered notification is never sent again and a failed one is retried next run.
 */
export async function deliverPending(ctx: ServerContext, options: { registry?: ChannelRegistry; limit?: number } = {}): Promise<{ delivered: number; failed: number }> {
  const registry = options.registry ?? notificationChannels;
  let delivered = 0;
  let failed = 0;
  for (const channel of registry.external()) {
    const pending = await repo.pendingDeliveries(ctx.db, {
      channel: channel.name,
      kinds: channel.kinds ?? null,
      since: new Date(ctx.now().getTime() - DELIVERY_WINDOW_MS),
      maxAttempts: MAX_DELIVERY_ATTEMPTS,
      limit: options.limit ?? 500,
    });
    for (const row of pending) {
      const params = paramsOf(row);
      const notification: DeliverableNotification = {
        id: row.id,
        userId: row.user_id,
        kind: row.kind,
        params,
        link: row.link,
        createdAt: new Date(row.created_at),
        text: { 'zh-CN': renderNotification(row.kind, params, 'zh-CN'), en: renderNotification(row.kind, params, 'en') },
      };
      let error: string | null = null;
      try {
        await channel.deliver(notification, { userId: row.user_id, personId: row.person_id, displayName: row.display_name });
        delivered += 1;
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
        failed += 1;
        ctx.log.warn({ channel: channel.name, notificationId: row.id, err: cause }, 'notification delivery failed; will retry');
      }
      await repo.recordDelivery(ctx.db, { notificationId: row.id, channel: channel.name, at: ctx.now(), error });
    }
  }
  return { delivered, failed };
}

/** 'YYYY-MM-DD HH:mm' of an instant in the deployment's time zone: how notification texts show times. */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * Reminds everyone expected at an activity that starts after now and within `windowHours`
 * (people on leave are not reminded). One reminder per activity, start time and account: a
 * re-run finds nothing new, and an activity moved to another time is announced again.
 */
export async function remindUpcomingActivities(ctx: ServerContext, options: { windowHours: number }): Promise<{ activities: number; created: number }> {
  const now = ctx.now();
  const to = new Date(now.getTime() + options.windowHours * 3600 * 1000);
  const activities = await repo.activitiesStartingWithExpected(ctx.db, { from: now, to });
  let created = 0;
  for (const a of activities) {
    const result = await notify(ctx.db, ctx, {
      recipients: { personIds: a.personIds },
      kind: 'activity_upcoming',
      params: { activityKind: a.kind as ActivityKind, topic: a.topic, startsAt: localDateTime(a.plannedStart, ctx.config.timeZone), place: a.place ?? a.onlineLink ?? '', orgName: a.orgName },
      // Members follow it to their own obligations (the activity page is the secretary's).
      link: `/my-life?activity=${a.id}`,
      dedupeKey: `activity_upcoming:${a.id}:${a.plannedStart.toISOString()}`,
    });
    created += result.created;
  }
  return { activities: activities.length, created };
}
