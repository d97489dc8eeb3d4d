/**
 * Compliance contract (issue 3 item 7 and 9): which organisations of a subtree meet the rules of
 * organisational life in a month, quarter or year, why the others fall short, the attendance
 * rate, a 12-month trend, one organisation's verdicts with the activities they counted, and the
 * versioned rule sets the verdicts come from.
 */
import { z } from 'zod';
import { activityKinds, periodKinds, studyForms } from '../rules/org-life/kinds.ts';
import { parsePeriodKey } from '../rules/org-life/periods.ts';
import { ruleSetSchema } from '../rules/org-life/rule-sets.ts';
import { isoDate, page, pageQuery, uuid } from './common.ts';

/** '2026-07' | '2026-Q3' | '2026'. */
export const periodKeySchema = z.string().refine((v) => parsePeriodKey(v) !== null, 'PERIOD_INVALID');
export const monthKeySchema = z.string().refine((v) => parsePeriodKey(v)?.kind === 'month', 'PERIOD_MONTH_INVALID');

export const complianceQuery = z.object({ orgId: uuid, period: periodKeySchema });
export type ComplianceQuery = z.infer<typeof complianceQuery>;

const rate = z.number().min(0).max(1).nullable();

export const requirementSummary = z.object({
  requirementId: z.string(),
  activityKind: z.enum(activityKinds),
  studyForm: z.enum(studyForms).nullable(),
  per: z.enum(periodKinds),
  /** Organisations of the subtree the requirement applied to, and those that met it. */
  judged: z.number().int(),
  met: z.number().int(),
  rate,
});
export type RequirementSummary = z.infer<typeof requirementSummary>;

export const attendanceFigures = z.object({ expected: z.number().int(), present: z.number().int(), rate });

export const complianceSummary = z.object({
  orgId: uuid,
  orgName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  /** Organisations with at least one requirement in the period, and those that met all of theirs. */
  orgsJudged: z.number().int(),
  orgsAllMet: z.number().int(),
  rate,
  attendance: attendanceFigures,
  requirements: z.array(requirementSummary),
});
export type ComplianceSummary = z.infer<typeof complianceSummary>;

export const verdictView = z.object({
  requirementId: z.string(),
  activityKind: z.enum(activityKinds),
  studyForm: z.enum(studyForms).nullable(),
  required: z.number().int(),
  done: z.number().int(),
  met: z.boolean(),
  /** "2026年第三季度 支部党员大会 0/1 次" in the caller's language. */
  text: z.string(),
  source: z.string(),
});
export type VerdictView = z.infer<typeof verdictView>;

export const shortfallsQuery = complianceQuery.extend(pageQuery.shape);
export type ShortfallsQuery = z.infer<typeof shortfallsQuery>;

export const shortfall = z.object({
  orgId: uuid,
  orgName: z.string(),
  orgKind: z.string(),
  /** The verdicts that were not met, with their reasons. */
  reasons: z.array(verdictView),
});
export type Shortfall = z.infer<typeof shortfall>;
export const shortfallPage = page(shortfall);
export type ShortfallPage = z.infer<typeof shortfallPage>;

export const trendQuery = z.object({ orgId: uuid, month: monthKeySchema });
export type TrendQuery = z.infer<typeof trendQuery>;
export const trendPoint = z.object({
  period: z.string(),
  periodLabel: z.string(),
  orgsJudged: z.number().int(),
  orgsAllMet: z.number().int(),
  rate,
  attendanceRate: rate,
});
export type TrendPoint = z.infer<typeof trendPoint>;
export const trendView = z.object({ orgId: uuid, points: z.array(trendPoint) });
export type TrendView = z.infer<typeof trendView>;

export const orgComplianceQuery = z.object({ period: periodKeySchema });
export const countedActivity = z.object({
  id: uuid,
  kind: z.enum(activityKinds),
  studyForm: z.enum(studyForms).nullable(),
  topic: z.string(),
  heldOn: isoDate,
  expected: z.number().int(),
  present: z.number().int(),
});
export type CountedActivity = z.infer<typeof countedActivity>;
export const orgCompliance = z.object({
  orgId: uuid,
  orgName: z.string(),
  orgKind: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  judged: z.boolean(),
  allMet: z.boolean(),
  verdicts: z.array(verdictView),
  attendance: attendanceFigures,
  activities: z.array(countedActivity),
});
export type OrgCompliance = z.infer<typeof orgCompliance>;

export const ruleSetView = z.object({
  id: uuid,
  version: z.string(),
  effectiveFrom: isoDate,
  ruleSet: ruleSetSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type RuleSetView = z.infer<typeof ruleSetView>;
export const ruleSetCreateInput = z.object({ ruleSet: ruleSetSchema, note: z.string().trim().max(500).optional() });
export type RuleSetCreateInput = z.infer<typeof ruleSetCreateInput>;

export const recomputeInput = z.object({ orgId: uuid, year: z.number().int().min(2000).max(2100) });
export const recomputeResult = z.object({ periods: z.array(z.string()), organisations: z.number().int(), ms: z.number() });

/** What a quarterly circular takes from compliance (zh-CN reasons: a circular is a Chinese document). */
export type CircularComplianceFigures = {
  orgsJudged: number;
  allMet: Array<{ orgId: string; name: string }>;
  shortfalls: Array<{ orgId: string; name: string; reasons: string[] }>;
  attendanceExpected: number;
  attendancePresent: number;
};
