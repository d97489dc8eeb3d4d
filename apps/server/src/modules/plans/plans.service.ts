/**
 * Recurring plans (年度计划): a branch's year — a theme party day on a fixed day each month, an
 * assembly each quarter — expanded into planned activities from today onward, each with its
 * derived attendees, so they appear in the calendar and in members' obligations.
 *
 * A plan has one activity per occurrence (month, quarter, year or week of its recurrence). Changing
 * a plan regenerates only its future activities that are still planned: each is moved in place to
 * its occurrence's new date, time, topic and place, or cancelled ("计划已调整") when its occurrence
 * is gone; an occurrence still ahead without one gets a new activity. Held activities and ones
 * cancelled by hand are never touched, and their occurrences are not planned again. Saving an
 * unchanged plan changes nothing, so nothing is ever duplicated.
 */
import {
  activityKindLabels,
  addDays,
  expandRecurrence,
  isCentralGroupKind,
  isoWeekday,
  localDateOf,
  planCancelReasons,
  recurrenceLabel,
  type ActivityKind,
  type PlanCreateInput,
  type PlanDeleted,
  type PlanDetail,
  type PlanListQuery,
  type PlanPage,
  type PlanUpdateInput,
  type PlanView,
  type Recurrence,
  type StudyForm,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { centralGroupOfOrg, lockActivity } from '../activities/activities.repo.ts';
import { cancelLocked, checkPlacement, insertPlannedActivity } from '../activities/activities.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './plans.policy.ts';
import * as repo from './plans.repo.ts';

type Caller = { actor: Actor; ip: string | null };
type Changes = PlanDetail['changes'];

const PLAN_CANCEL_REASONS = new Set<string>(Object.values(planCancelReasons));

/**
 * The instant at which a local wall-clock time happens in a time zone: the UTC guess corrected by
 * the zone's offset at that moment (twice, so a zone that changes offset near the time is right).
 */
export function zonedInstant(localDay: string, time: string, timeZone: string): Date {
  const [y, m, d] = localDay.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(t));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}

/** JSON with object keys in order: a recurrence read back from jsonb has its keys reordered. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );

const noChanges: Changes = { created: 0, updated: 0, cancelled: 0 };

function presentPlan(row: repo.PlanRow): PlanView {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    year: row.year,
    kind: row.kind as ActivityKind,
    topic: row.topic,
    recurrence: row.recurrence as Recurrence,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    place: row.place,
    studyForm: row.study_form as StudyForm | null,
    counts: { planned: Number(row.planned_count ?? 0), held: Number(row.held_count ?? 0), cancelled: Number(row.cancelled_count ?? 0) },
    createdAt: row.created_at.toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

async function detailOf(ctx: ServerContext, id: string, changes: Changes): Promise<PlanDetail> {
  const row = await repo.findPlan(ctx.db, id);
  if (!row) throw new AppError('PLAN_NOT_FOUND');
  const activities = await repo.planActivities(ctx.db, id);
  return {
    ...presentPlan(row),
    activities: activities.map((a) => ({
      id: a.id,
      status: a.status as PlanDetail['activities'][number]['status'],
      plannedStart: new Date(a.planned_start).toISOString(),
      plannedOn: localDateOf(new Date(a.planned_start), ctx.config.timeZone),
      heldOn: a.held_on,
      cancelReason: a.cancel_reason,
    })),
    changes,
  };
}

type PlanShape = {
  orgId: string;
  orgPath: string;
  kind: string;
  year: number;
  topic: string;
  recurrence: Recurrence;
  startTime: string;
  durationMinutes: number;
  place: string | null;
  studyForm: string | null;
};

/** Which organisations a plan may be for, and the central group its activities belong to. */
async function placePlan(
  ctx: { db: ServerContext['db'] | Transaction<DB> },
  kind: ActivityKind,
  org: { id: string; name: string; kind: string; has_committee: boolean },
) {
  if (kind === 'heart_to_heart_talk') throw new AppError('PLAN_KIND_NOT_RECURRING');
  // A central group's plan belongs to the organisation's own (only) central group.
  const group = isCentralGroupKind(kind) ? await centralGroupOfOrg(ctx.db, org.id) : undefined;
  return checkPlacement(ctx.db, kind, org, group?.id ?? null);
}

/**
 * The occurrence a local day belongs to under a recurrence: its month, quarter, year or ISO week
 * (keyed by the week's Monday). A plan has one activity per occurrence, so an activity moved by a
 * few days, or held early, still answers for its month.
 */
function occurrenceOf(rec: Recurrence, day: string): string {
  switch (rec.freq) {
    case 'monthly':
      return day.slice(0, 7);
    case 'quarterly':
      return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
    case 'yearly':
      return day.slice(0, 4);
    case 'weekly':
      return addDays(day, 1 - isoWeekday(day));
  }
}

/** The plan's dates in its year with their start instants, by occurrence. */
function occurrences(ctx: ServerContext, plan: PlanShape): Map<string, { day: string; start: Date }> {
  return new Map(
    expandRecurrence(plan.recurrence, plan.year).map(
      (day) => [occurrenceOf(plan.recurrence, day), { day, start: zonedInstant(day, plan.startTime, ctx.config.timeZone) }] as const,
    ),
  );
}

/** Is any occurrence of the plan still ahead (after now)? */
const hasFutureOccurrence = (ctx: ServerContext, plan: PlanShape) => [...occurrences(ctx, plan).values()].some((o) => o.start.getTime() > ctx.now().getTime());

/**
 * Brings a plan's activities in line with its occurrences, in the caller's transaction:
 * - an occurrence already settled — held, cancelled by hand, or planned and already begun — is
 *   left alone (and any further planned activity in it is cancelled as surplus);
 * - an occurrence still ahead keeps its future planned activity, moved to the new date, time,
 *   topic and place if they changed, or gets a new one;
 * - an occurrence whose date has passed gets nothing new;
 * - future planned activities in no occurrence of the plan (the recurrence changed) are cancelled.
 * Cancellations by the plan carry "计划已调整" and do not settle an occurrence. Answers what it did.
 */
async function regenerate(
  trx: Transaction<DB>,
  ctx: ServerContext,
  o: { planId: string; plan: PlanShape; centralGroupId: string | null; actor: Actor; ip: string | null },
): Promise<Changes> {
  const { plan } = o;
  const now = ctx.now().getTime();
  const tz = ctx.config.timeZone;
  const startOf = (a: repo.PlanActivityRow) => new Date(a.planned_start).getTime();
  const isFuturePlanned = (a: repo.PlanActivityRow) => a.status === 'planned' && startOf(a) > now;
  const byOccurrence = new Map<string, repo.PlanActivityRow[]>();
  for (const a of await repo.planActivities(trx, o.planId)) {
    if (a.status === 'cancelled' && PLAN_CANCEL_REASONS.has(a.cancel_reason ?? '')) continue;
    const key = occurrenceOf(plan.recurrence, a.held_on ?? localDateOf(new Date(a.planned_start), tz));
    byOccurrence.set(key, [...(byOccurrence.get(key) ?? []), a]);
  }
  const changes: Changes = { created: 0, updated: 0, cancelled: 0 };
  const surplus: repo.PlanActivityRow[] = [];
  const targets = occurrences(ctx, plan);
  for (const [key, acts] of byOccurrence) if (!targets.has(key)) surplus.push(...acts.filter(isFuturePlanned));
  for (const [key, { start }] of targets) {
    const acts = byOccurrence.get(key) ?? [];
    const futurePlanned = acts.filter(isFuturePlanned);
    const settled = acts.some((a) => !isFuturePlanned(a));
    if (settled || start.getTime() <= now) {
      // A settled occurrence keeps what it has; a passed date with a planned activity moved later keeps that one.
      surplus.push(...(settled ? futurePlanned : futurePlanned.slice(1)));
      continue;
    }
    const end = new Date(start.getTime() + plan.durationMinutes * 60_000);
    const [current, ...extra] = futurePlanned;
    surplus.push(...extra);
    if (current) {
      const same =
        startOf(current) === start.getTime() &&
        current.planned_end !== null &&
        new Date(current.planned_end).getTime() === end.getTime() &&
        current.topic === plan.topic &&
        current.place === plan.place &&
        current.study_form === plan.studyForm;
      if (!same) {
        await repo.reschedule(trx, current.id, {
          plannedStart: start,
          plannedEnd: end,
          topic: plan.topic,
          place: plan.place,
          studyForm: plan.studyForm,
          now: ctx.now(),
        });
        await recordAudit(trx, {
          actor: o.actor,
          action: 'activity.update',
          entityType: 'activity',
          entityId: current.id,
          orgId: plan.orgId,
          ip: o.ip,
          before: { planned_start: new Date(current.planned_start).toISOString(), topic: current.topic, place: current.place, study_form: current.study_form },
          after: { planned_start: start.toISOString(), topic: plan.topic, place: plan.place, study_form: plan.studyForm },
          detail: { via: `plan:${o.planId}` },
        });
        changes.updated += 1;
      }
      continue;
    }
    const activityId = newId();
    await insertPlannedActivity(trx, ctx, {
      values: {
        id: activityId,
        orgId: plan.orgId,
        orgPath: plan.orgPath,
        kind: plan.kind,
        topic: plan.topic,
        plannedStart: start,
        plannedEnd: end,
        place: plan.place,
        onlineLink: null,
        studyForm: plan.studyForm,
        speakerPersonId: null,
        speakerName: null,
        materials: null,
        partnerOrgIds: [],
        centralGroupId: o.centralGroupId,
        planId: o.planId,
        createdBy: o.actor.userId,
        now: ctx.now(),
      },
      actorUserId: o.actor.userId,
    });
    await recordAudit(trx, {
      actor: o.actor,
      action: 'activity.create',
      entityType: 'activity',
      entityId: activityId,
      orgId: plan.orgId,
      ip: o.ip,
      after: { kind: plan.kind, topic: plan.topic, plannedStart: start.toISOString(), place: plan.place, studyForm: plan.studyForm },
      detail: { via: `plan:${o.planId}` },
    });
    changes.created += 1;
  }
  for (const stale of surplus) {
    const locked = await lockActivity(trx, stale.id);
    if (!locked || locked.status !== 'planned') continue;
    await cancelLocked(trx, ctx, { locked, reason: planCancelReasons.changed, actor: o.actor, ip: o.ip, via: `plan:${o.planId}` });
    changes.cancelled += 1;
  }
  return changes;
}

/** Creates a plan and its activities; a plan identical to an existing one answers that plan (created: false). */
export async function createPlan(ctx: ServerContext, options: Caller & { input: PlanCreateInput }): Promise<{ plan: PlanDetail; created: boolean }> {
  const { actor, input } = options;
  const org = await findOrg(ctx.db, input.orgId);
  if (!org || !policy.canPlanIn(actor, org)) throw new AppError('ORG_NOT_FOUND');
  if (!org.active) throw new AppError('ORG_INACTIVE', { name: org.name });
  const group = await placePlan(ctx, input.kind, org);
  const thisYear = Number(todayIn(ctx).slice(0, 4));
  if (input.year < thisYear) throw new AppError('PLAN_YEAR_PAST', { year: input.year });

  const same = await repo.findSamePlan(ctx.db, { orgId: org.id, year: input.year, kind: input.kind, recurrence: input.recurrence, startTime: input.startTime });
  if (same) {
    const identical =
      same.topic === input.topic &&
      same.duration_minutes === input.durationMinutes &&
      same.place === (input.place ?? null) &&
      same.study_form === (input.studyForm ?? null);
    if (identical) return { plan: await detailOf(ctx, same.id, noChanges), created: false };
    const k = activityKindLabels[input.kind];
    throw new AppError('PLAN_EXISTS', {
      org: org.name,
      year: input.year,
      recurrence: recurrenceLabel(input.recurrence, 'zh-CN'),
      kindZh: k['zh-CN'],
      kindEn: k.en.toLowerCase(),
    });
  }

  const plan: PlanShape = {
    orgId: org.id,
    orgPath: org.path,
    kind: input.kind,
    year: input.year,
    topic: input.topic,
    recurrence: input.recurrence,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    place: input.place ?? null,
    studyForm: input.studyForm ?? null,
  };
  if (!hasFutureOccurrence(ctx, plan)) throw new AppError('PLAN_NOTHING_LEFT', { recurrence: recurrenceLabel(input.recurrence, 'zh-CN'), year: input.year });
  const id = newId();
  let changes = noChanges;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertPlan(trx, { id, ...plan, createdBy: actor.userId, now: ctx.now() });
    changes = await regenerate(trx, ctx, { planId: id, plan, centralGroupId: group?.id ?? null, actor, ip: options.ip });
    await recordAudit(trx, {
      actor,
      action: 'plan.create',
      entityType: 'activity_plan',
      entityId: id,
      orgId: org.id,
      ip: options.ip,
      after: { ...input },
      detail: changes,
    });
  });
  return { plan: await detailOf(ctx, id, changes), created: true };
}

async function loadManaged(ctx: ServerContext, actor: Actor, id: string): Promise<repo.PlanRow> {
  const row = await repo.findPlan(ctx.db, id);
  if (!row || !policy.canManagePlan(actor, row)) throw new AppError('PLAN_NOT_FOUND');
  return row;
}

export async function getPlan(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<PlanDetail> {
  const row = await loadManaged(ctx, options.actor, options.id);
  return detailOf(ctx, row.id, noChanges);
}

export async function listPlans(ctx: ServerContext, options: { actor: Actor; query: PlanListQuery }): Promise<PlanPage> {
  const { actor, query } = options;
  if (!policy.canListPlans(actor)) throw new AppError('FORBIDDEN');
  let org: { path: string } | null = null;
  if (query.orgId) {
    org = (await findOrg(ctx.db, query.orgId)) ?? null;
    if (!org) throw new AppError('ORG_NOT_FOUND');
  }
  const paths = policy.listScope(actor, org);
  if (!paths) throw new AppError('ORG_NOT_FOUND');
  const year = query.year ?? Number(todayIn(ctx).slice(0, 4));
  const { rows, total } = await repo.listPlans(ctx.db, { paths, year, page: query.page, pageSize: query.pageSize });
  return { items: rows.map(presentPlan), total, page: query.page, pageSize: query.pageSize };
}

export async function updatePlan(ctx: ServerContext, options: Caller & { id: string; input: PlanUpdateInput }): Promise<PlanDetail> {
  const { actor, input } = options;
  const row = await loadManaged(ctx, actor, options.id);
  const org = { id: row.org_id, name: row.org_name, kind: row.org_kind, has_committee: row.org_has_committee };
  let changes = noChanges;
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPlan(trx, row.id);
    if (!locked) throw new AppError('PLAN_NOT_FOUND');
    if (locked.version !== input.version) throw new AppError('CONFLICT_VERSION');
    const before: PlanShape = {
      orgId: locked.org_id,
      orgPath: locked.org_path,
      kind: locked.kind,
      year: locked.year,
      topic: locked.topic,
      recurrence: locked.recurrence as Recurrence,
      startTime: locked.start_time,
      durationMinutes: locked.duration_minutes,
      place: locked.place,
      studyForm: locked.study_form,
    };
    const plan: PlanShape = {
      ...before,
      topic: input.topic ?? before.topic,
      recurrence: input.recurrence ?? before.recurrence,
      startTime: input.startTime ?? before.startTime,
      durationMinutes: input.durationMinutes ?? before.durationMinutes,
      place: input.place === undefined ? before.place : input.place,
      studyForm: input.studyForm === undefined ? before.studyForm : input.studyForm,
    };
    const changed = (Object.keys(plan) as Array<keyof PlanShape>).filter((k) => canonical(plan[k]) !== canonical(before[k]));
    // Saving the plan as it is: no write, no version bump, no activity touched.
    if (changed.length === 0) return;
    const group = await placePlan({ db: trx }, plan.kind as ActivityKind, org);
    await repo.updatePlan(trx, locked.id, { ...plan, now: ctx.now() });
    changes = await regenerate(trx, ctx, { planId: locked.id, plan, centralGroupId: group?.id ?? null, actor, ip: options.ip });
    await recordAudit(trx, {
      actor,
      action: 'plan.update',
      entityType: 'activity_plan',
      entityId: locked.id,
      orgId: locked.org_id,
      ip: options.ip,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, plan[k]])),
      detail: changes,
    });
  });
  return detailOf(ctx, row.id, changes);
}

/** Removes a plan; its future planned activities are cancelled ("计划已撤销"), held ones stay as they are. */
export async function deletePlan(ctx: ServerContext, options: Caller & { id: string }): Promise<PlanDeleted> {
  const { actor } = options;
  const row = await loadManaged(ctx, actor, options.id);
  let cancelled = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPlan(trx, row.id);
    if (!locked) throw new AppError('PLAN_NOT_FOUND');
    const now = ctx.now();
    for (const a of await repo.planActivities(trx, locked.id)) {
      if (a.status !== 'planned' || new Date(a.planned_start).getTime() <= now.getTime()) continue;
      const activity = await lockActivity(trx, a.id);
      if (!activity || activity.status !== 'planned') continue;
      await cancelLocked(trx, ctx, { locked: activity, reason: planCancelReasons.deleted, actor, ip: options.ip, via: `plan:${locked.id}` });
      cancelled += 1;
    }
    await repo.deletePlan(trx, locked.id);
    await recordAudit(trx, {
      actor,
      action: 'plan.delete',
      entityType: 'activity_plan',
      entityId: locked.id,
      orgId: locked.org_id,
      ip: options.ip,
      before: { year: locked.year, kind: locked.kind, topic: locked.topic, recurrence: locked.recurrence, startTime: locked.start_time },
      detail: { cancelled },
    });
  });
  return { id: row.id, cancelled };
}
