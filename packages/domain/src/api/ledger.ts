/**
 * Study-hour ledger contract (学时). Every credit records its source (an attended activity now;
 * class sessions, courses, tests, external training and manual entries when the training issue
 * adds them). The ledger is append-only: a correction is a reversing entry, and the views show
 * only the credits that stand, so totals never count a reversed pair.
 *
 * Endpoints (all under /api/v1):
 *   GET /me/study-hours?year             my year: total, by source, the entries
 *   GET /people/{id}/study-hours?year    a person's year (managers of the person's organisation)
 */
import { z } from 'zod';

export const studyCreditSourceTypes = ['activity', 'class_session', 'course', 'test', 'external', 'manual'] as const;
export type StudyCreditSourceType = (typeof studyCreditSourceTypes)[number];

export const studyCreditSourceLabels: Record<StudyCreditSourceType, { 'zh-CN': string; en: string }> = {
  activity: { 'zh-CN': '组织生活', en: 'Organisational life' },
  class_session: { 'zh-CN': '培训班', en: 'Training class' },
  course: { 'zh-CN': '网络课程', en: 'Online course' },
  test: { 'zh-CN': '测试', en: 'Test' },
  external: { 'zh-CN': '外部培训', en: 'External training' },
  manual: { 'zh-CN': '补录', en: 'Manual entry' },
};

/** Without a year: the current year of the deployment's calendar. */
export const studyHoursQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type StudyHoursQuery = z.infer<typeof studyHoursQuery>;

export const studyHoursPersonParams = z.object({ id: z.uuid() });

export const studyCreditEntry = z.object({
  id: z.string(),
  /** Local calendar day the hours belong to (the day the activity was held). */
  creditedOn: z.string(),
  hours: z.number(),
  description: z.string(),
  sourceType: z.enum(studyCreditSourceTypes),
  /** The activity (or class session, course…) to link to; null for manual entries. */
  sourceId: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
});
export type StudyCreditEntry = z.infer<typeof studyCreditEntry>;

export const studyHoursView = z.object({
  personId: z.string(),
  personName: z.string(),
  year: z.number().int(),
  total: z.number(),
  /** Every source type, zero included, in the order of studyCreditSourceTypes. */
  bySourceType: z.array(z.object({ sourceType: z.enum(studyCreditSourceTypes), hours: z.number() })),
  /** Credits that stand (reversed ones and their reversals left out), newest first. */
  entries: z.array(studyCreditEntry),
});
export type StudyHoursView = z.infer<typeof studyHoursView>;
