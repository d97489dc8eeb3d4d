/** Every background job the worker runs. Adding a job = one definition file and one line here. */
import { activityReminders } from './activity-reminders.ts';
import type { JobDefinition } from './job.ts';
import { notificationDelivery } from './notification-delivery.ts';
import { trainingVerdictsRefresh } from './training-verdicts-refresh.ts';

export const jobDefinitions: JobDefinition[] = [activityReminders, notificationDelivery, trainingVerdictsRefresh];
