/**
 * What follows from a change to an activity's record or attendance. The activities and attendance
 * modules call `afterActivityChange` inside the transaction of every write that changes whether
 * an activity is held, when, of which kind, or who attended; the modules that derive figures from
 * the record (study-hour ledger, make-up study, compliance rollups, notifications) are called
 * from here, in this order, in the same transaction — so a record and everything derived from it
 * land or fail together. Adding a derived figure means adding one call here.
 */
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { activityChanged } from '../compliance/compliance.service.ts';
import { syncActivityCredits } from '../ledger/ledger.service.ts';
import { syncMakeupAssignments } from '../makeup/makeup.service.ts';

/** The activity as it was before the write (null when created) and as it is after it. */
export type ActivityState = { status: string; heldOn: string | null; kind: string; orgId: string };

export type ActivityChange = {
  activityId: string;
  before: ActivityState | null;
  after: ActivityState;
  /** True when attendance rows changed (marking, sign-in, leave). */
  attendanceChanged: boolean;
  /** The user whose action caused the change (credits and assignments record it). */
  actorUserId: string | null;
};

export async function afterActivityChange(trx: Transaction<DB>, ctx: ServerContext, change: ActivityChange): Promise<void> {
  const options = { activityId: change.activityId, actorUserId: change.actorUserId };
  await syncActivityCredits(trx, ctx, options);
  await syncMakeupAssignments(trx, ctx, options);
  await activityChanged(trx, ctx, change);
}
