/**
 * Recurring plans contract (年度计划): a branch sets its year — a theme party day on a fixed day each
 * month, an assembly each quarter… — and the planned activities appear from today onward, each with
 * its derived attendees, in the calendar and in members' "my obligations".
 *
 * Endpoints (all under /api/v1):
 *   POST   /plans                 create a plan and its planned activities from today on (managers)
 *   GET    /plans?orgId&year&page a subtree's plans of a year (managers)
 *   GET    /plans/{id}            one plan with its activities
 *   PATCH  /plans/{id}            change it (optimistic `version`): future activities still planned are
 *                                 regenerated; held and cancelled ones are left alone
 *   DELETE /plans/{id}            remove it: its future planned activities are cancelled ("计划已撤销")
 *
 * Saving the same plan twice creates nothing new: a POST identical to an existing plan answers that
 * plan (200), and a PATCH that changes nothing leaves the activities as they are. Times are local
 * to the deployment's time zone.
 */
import { z } from 'zod';
import { activityKinds, activityStatuses, studyForms } from '../rules/org-life/kinds.ts';
import { recurrenceSchema } from '../rules/org-life/recurrence.ts';
import { page, pageQuery } from './common.ts';

/** Reasons written on activities a plan cancels (the calendar shows them). */
export const planCancelReasons = {
  changed: '计划已调整',
  deleted: '计划已撤销',
} as const;

/** Message codes of this contract's own validation rules (spread into apiMessages). */
export const planApiMessages = {
  PLAN_START_TIME_FORMAT: { 'zh-CN': '开始时刻请写作“09:30”的形式（24 小时制）。', en: 'Write the start time like "09:30" (24-hour clock).' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

/** 'HH:MM', 24-hour clock, local time of the deployment. */
export const planStartTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'PLAN_START_TIME_FORMAT');

/** A plan lasts at most a full day. */
export const planDuration = { min: 5, max: 720 } as const;

export const planCreateInput = z.object({
  orgId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(activityKinds),
  topic: z.string().trim().min(1).max(200),
  recurrence: recurrenceSchema,
  startTime: planStartTime,
  durationMinutes: z.number().int().min(planDuration.min).max(planDuration.max),
  place: z.string().trim().min(1).max(200).optional(),
  studyForm: z.enum(studyForms).optional(),
});
export type PlanCreateInput = z.infer<typeof planCreateInput>;

/** Organisation, year and kind are fixed: delete the plan and make another to change them. */
export const planUpdateInput = z.object({
  version: z.number().int().min(1),
  topic: z.string().trim().min(1).max(200).optional(),
  recurrence: recurrenceSchema.optional(),
  startTime: planStartTime.optional(),
  durationMinutes: z.number().int().min(planDuration.min).max(planDuration.max).optional(),
  place: z.string().trim().min(1).max(200).nullable().optional(),
  studyForm: z.enum(studyForms).nullable().optional(),
});
export type PlanUpdateInput = z.infer<typeof planUpdateInput>;

export const planListQuery = pageQuery.extend({
  /** A subtree the caller manages; without it, every subtree the caller manages. */
  orgId: z.uuid().optional(),
  /** Without it: the current year of the deployment's calendar. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type PlanListQuery = z.infer<typeof planListQuery>;

export const planIdParams = z.object({ id: z.uuid() });

export const planView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  kind: z.enum(activityKinds),
  topic: z.string(),
  recurrence: recurrenceSchema,
  startTime: z.string(),
  durationMinutes: z.number().int(),
  place: z.string().nullable(),
  studyForm: z.enum(studyForms).nullable(),
  /** The plan's activities by status. */
  counts: z.object({ planned: z.number().int(), held: z.number().int(), cancelled: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PlanView = z.infer<typeof planView>;

export const planActivityView = z.object({
  id: z.string(),
  status: z.enum(activityStatuses),
  plannedStart: z.string(),
  /** Local day of the planned start. */
  plannedOn: z.string(),
  heldOn: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type PlanActivityView = z.infer<typeof planActivityView>;

/** A plan with its activities (soonest first), and what the last write did to them. */
export const planDetail = planView.extend({
  activities: z.array(planActivityView),
  /** Of the last write: activities created, moved in place (time, topic…), cancelled. Zero on reads. */
  changes: z.object({ created: z.number().int(), updated: z.number().int(), cancelled: z.number().int() }),
});
export type PlanDetail = z.infer<typeof planDetail>;

export const planPage = page(planView);
export type PlanPage = z.infer<typeof planPage>;

/** The answer to deleting a plan: how many of its future planned activities were cancelled. */
export const planDeleted = z.object({ id: z.string(), cancelled: z.number().int() });
export type PlanDeleted = z.infer<typeof planDeleted>;
