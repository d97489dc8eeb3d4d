/**
 * Delivery channels of notifications. The in-app channel is always on: the notification row is
 * its delivery, read through /me/notifications. Further channels (SMS, e-mail, a government
 * messaging app…) are registered here and fed by the `notification-delivery` job, which runs after
 * the writing transaction has committed, records each delivery in notification_deliveries, and
 * retries failures on later ticks — so a rolled-back write never sends a message, and a message is
 * never sent twice once delivered.
 *
 * Adding a channel (e.g. SMS):
 *   1. implement `NotificationChannel`: a unique `name` ('sms'), optionally the `kinds` it carries,
 *      and `deliver(notification, recipient)`, which throws when delivery failed (the job records
 *      the error and tries again next tick, up to MAX_DELIVERY_ATTEMPTS). Look the phone number up
 *      from `recipient.personId` through the people module and ctx.pii; send
 *      `notification.text['zh-CN']`.
 *   2. register it at start-up, in main.ts before the worker starts:
 *      `notificationChannels.register(createSmsChannel(ctx))`, behind a config variable so a
 *      deployment without a gateway does not try.
 */
import type { NotificationKind } from '@pioneer/domain';

export type DeliverableNotification = {
  id: string;
  userId: string;
  kind: string;
  params: Record<string, string | number>;
  link: string;
  createdAt: Date;
  /** Rendered in both languages; a channel picks the recipient's. */
  text: Record<'zh-CN' | 'en', { title: string; body: string }>;
};

export type NotificationRecipient = { userId: string; personId: string | null; displayName: string };

export interface NotificationChannel {
  readonly name: string;
  /** The kinds this channel carries; every kind when omitted. */
  readonly kinds?: readonly NotificationKind[];
  /** Delivers one notification to one account; throws if it could not. */
  deliver(notification: DeliverableNotification, recipient: NotificationRecipient): Promise<void>;
}

export const IN_APP_CHANNEL = 'in_app';

/** The in-app channel: nothing to send, the stored row is the message in the recipient's inbox. */
export const inAppChannel: NotificationChannel = {
  name: IN_APP_CHANNEL,
  deliver: async () => {},
};

export type ChannelRegistry = {
  register: (channel: NotificationChannel) => void;
  unregister: (name: string) => void;
  /** Every channel, the in-app one first. */
  all: () => NotificationChannel[];
  /** The channels the delivery job feeds (all but in-app). */
  external: () => NotificationChannel[];
};

export function createChannelRegistry(): ChannelRegistry {
  const channels = new Map<string, NotificationChannel>([[IN_APP_CHANNEL, inAppChannel]]);
  return {
    register: (channel) => {
      if (channels.has(channel.name)) throw new Error(`notification channel "${channel.name}" is already registered`);
      channels.set(channel.name, channel);
    },
    unregister: (name) => {
      if (name === IN_APP_CHANNEL) throw new Error('the in-app notification channel is always on');
      channels.delete(name);
    },
    all: () => [...channels.values()],
    external: () => [...channels.values()].filter((c) => c.name !== IN_APP_CHANNEL),
  };
}

/** The process's channels. */
export const notificationChannels = createChannelRegistry();
