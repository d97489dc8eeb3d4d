/** Reminds the people expected at an activity during the 24 hours before it starts. */
import { z } from 'zod';
import { remindUpcomingActivities } from '../modules/notifications/notifications.service.ts';
import { defineJob } from './job.ts';

export const activityReminders = defineJob({
  id: 'activity-reminders',
  description: 'Notify everyone expected at an activity starting within the next 24 hours (activity_upcoming), once per activity, start time and person.',
  payload: z.object({ windowHours: z.number().int().min(1).max(168).default(24) }),
  // Every 10 minutes: a reminder goes out between 24 h and 23 h 50 min before the start.
  schedule: { everySeconds: 600 },
  handler: (ctx, payload) => remindUpcomingActivities(ctx, { windowHours: payload.windowHours }),
});
