/**
 * Test helpers for attendance, make-up study and the ledger: activity rows with their attendees
 * written directly (the way the activities module stores them), and the derivation the activities
 * module runs when it records one (ledger, then make-up study, in one transaction).
 */
import type { ActivityKind, AttendanceStatus, AttendeeRole } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import { newId } from '../../lib/ids.ts';
import { syncActivityCredits } from '../ledger/ledger.service.ts';
import { syncMakeupAssignments } from '../makeup/makeup.service.ts';

export type TestAttendee = { personId: string; role?: AttendeeRole; status?: AttendanceStatus; voting?: boolean; leaveReason?: string };

export async function makeActivity(
  ctx: ServerContext,
  options: {
    orgId: string;
    kind?: ActivityKind;
    status?: 'planned' | 'held' | 'cancelled';
    topic?: string;
    plannedStart?: string;
    /** Local day it was held; required with status 'held'. */
    heldOn?: string;
    creditHours?: number | null;
    materials?: string | null;
    minutes?: string | null;
    place?: string | null;
    attendees?: TestAttendee[];
  },
) {
  const org = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', '=', options.orgId).executeTakeFirstOrThrow();
  const status = options.status ?? 'planned';
  const plannedStart = options.plannedStart ?? '2026-07-01T01:00:00Z';
  const id = newId();
  await ctx.db
    .insertInto('activities')
    .values({
      id,
      org_id: org.id,
      org_path: org.path,
      kind: options.kind ?? 'member_assembly',
      status,
      topic: options.topic ?? '学习贯彻党的二十届四中全会精神',
      planned_start: plannedStart,
      planned_end: new Date(new Date(plannedStart).getTime() + 2 * 3_600_000),
      actual_start: status === 'held' ? plannedStart : null,
      held_on: status === 'held' ? (options.heldOn ?? plannedStart.slice(0, 10)) : null,
      place: options.place === undefined ? '三楼会议室' : options.place,
      materials: options.materials ?? null,
      minutes: options.minutes ?? null,
      credit_hours: options.creditHours === undefined ? 1 : options.creditHours,
      cancel_reason: status === 'cancelled' ? '工作冲突' : null,
    })
    .execute();
  await addAttendees(ctx, id, options.attendees ?? []);
  return { id, orgId: org.id };
}

export async function addAttendees(ctx: ServerContext, activityId: string, attendees: TestAttendee[]): Promise<void> {
  if (attendees.length === 0) return;
  await ctx.db
    .insertInto('activity_attendees')
    .values(
      attendees.map((a) => ({
        activity_id: activityId,
        person_id: a.personId,
        role: a.role ?? 'expected',
        voting: a.voting ?? true,
        status: a.status ?? 'pending',
        leave_reason: a.leaveReason ?? null,
        marked_via: a.status && a.status !== 'pending' ? 'secretary' : null,
      })),
    )
    .execute();
}

/** Records the activity as held on a local day (as the activities module does) without deriving anything. */
export async function setHeld(ctx: ServerContext, activityId: string, values: { heldOn: string; actualStart?: string; creditHours?: number | null }): Promise<void> {
  await ctx.db
    .updateTable('activities')
    .set({
      status: 'held',
      held_on: values.heldOn,
      actual_start: values.actualStart ?? `${values.heldOn}T01:00:00Z`,
      ...(values.creditHours === undefined ? {} : { credit_hours: values.creditHours }),
    })
    .where('id', '=', activityId)
    .execute();
}

export async function setAttendance(ctx: ServerContext, activityId: string, personId: string, status: AttendanceStatus): Promise<void> {
  await ctx.db.updateTable('activity_attendees').set({ status, leave_reason: status === 'leave' ? '外出公务' : null }).where('activity_id', '=', activityId).where('person_id', '=', personId).execute();
}

/** What `afterActivityChange` will run for a record or attendance change: ledger, then make-up study. */
export async function derive(ctx: ServerContext, activityId: string, actorUserId: string | null = null) {
  return ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('activities').select('id').where('id', '=', activityId).forUpdate().execute();
    const ledger = await syncActivityCredits(trx, ctx, { activityId, actorUserId });
    const makeup = await syncMakeupAssignments(trx, ctx, { activityId, actorUserId });
    return { ledger, makeup };
  });
}
