/**
 * Keeps the stored training verdicts current (training-needs: coverage counts and the missed/weak
 * lists): recomputes the organisation rows marked stale by writes and those whose verdicts held only
 * until a day that has passed (a quarter end, rotation deadline or year end), so that readers find
 * little left to do. Readers recompute what they need themselves; this only moves the work off them.
 */
import { z } from 'zod';
import { refreshStoredVerdicts } from '../modules/training-needs/training-needs.service.ts';
import { defineJob } from './job.ts';

export const trainingVerdictsRefresh = defineJob({
  id: 'training-verdicts-refresh',
  description: 'Recompute the stale or outdated organisation rows of training coverage and the missed/weak lists (after writes, and after a quarter end, deadline or year end).',
  payload: z.object({}),
  // Every 10 minutes: a day's boundary is taken up within 10 minutes of midnight.
  schedule: { everySeconds: 600 },
  // A province's first run of a new quarter recomputes every organisation (about 30 s).
  leaseSeconds: 1800,
  handler: (ctx) => refreshStoredVerdicts(ctx),
});
