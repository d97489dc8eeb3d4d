/** Sends stored notifications on the extra channels (SMS… when registered); a no-op with in-app only. */
import { z } from 'zod';
import { deliverPending } from '../modules/notifications/notifications.service.ts';
import { defineJob } from './job.ts';

export const notificationDelivery = defineJob({
  id: 'notification-delivery',
  description: 'Deliver notifications to every registered external channel once, retrying failures on later runs.',
  payload: z.object({ limit: z.number().int().min(1).max(5000).default(500) }),
  schedule: { everySeconds: 60 },
  handler: (ctx, payload) => deliverPending(ctx, { limit: payload.limit }),
});
