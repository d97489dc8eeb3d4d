/**
 * Circulars (通报) contract. A circular is generated for an organisation's subtree and a quarter;
 * it is stored with `CircularFigures` — everything its .docx and .pdf were rendered from — so any
 * version can be rendered again identically. Regenerating adds a version; publishing one notifies
 * the secretaries of the subtree.
 */
import { z } from 'zod';
import { parsePeriodKey, periodBounds, periodLabel, type Period } from '../rules/org-life/periods.ts';
import { isoDate } from './common.ts';

/** 'YYYY-Qn': a quarter of the deployment's calendar. */
export const quarterKey = z.string().regex(/^\d{4}-Q[1-4]$/, 'PERIOD_QUARTER_INVALID');
export type QuarterKey = z.infer<typeof quarterKey>;

function quarter(period: string): Period {
  const p = parsePeriodKey(period);
  if (!p || p.kind !== 'quarter') throw new Error(`not a quarter key: ${period}`);
  return p;
}

/** First and last calendar day of a quarter ('YYYY-Qn'). */
export function quarterBounds(period: string): { start: string; end: string } {
  const bounds = periodBounds(quarter(period));
  return { start: bounds.first, end: bounds.last };
}

/** '2026年第三季度' / 'Q3 2026'. */
export const quarterLabel = (period: string, lang: 'zh-CN' | 'en'): string => periodLabel(quarter(period), lang);

export const circularTitle = (period: string) => `关于${quarterLabel(period, 'zh-CN')}组织生活开展情况的通报`;

const orgRef = z.object({ orgId: z.string(), name: z.string() });

/**
 * Everything a circular was rendered from. `renderer` names the layout version, so a later
 * change of wording renders old circulars with their own version. Texts are zh-CN: a circular is
 * an official Chinese document.
 */
export const circularFigures = z.object({
  renderer: z.literal('circular-v1'),
  period: quarterKey,
  periodStart: isoDate,
  periodEnd: isoDate,
  title: z.string(),
  issuer: orgRef,
  /** Local calendar day the figures were taken; before periodEnd the circular is an interim one. */
  issuedOn: isoDate,
  totals: z.object({
    orgsJudged: z.number().int().min(0),
    orgsAllMet: z.number().int().min(0),
    /** Person-times expected at the period's held activities, and present. */
    attendanceExpected: z.number().int().min(0),
    attendancePresent: z.number().int().min(0),
  }),
  /** Organisations that met every requirement of the period. */
  allMet: z.array(orgRef),
  /** Organisations that fell short, each with its verdict lines ("支部党员大会 0/1 次"). */
  shortfalls: z.array(orgRef.extend({ reasons: z.array(z.string()).min(1) })),
  /** Open make-up study (补学) of activities held up to the period's end, per organisation. */
  makeup: z.array(orgRef.extend({ open: z.number().int().min(1) })),
  /** Audits (列席旁听) of central-group study in the period. */
  audits: z.object({
    groups: z.number().int().min(0),
    sessionsHeld: z.number().int().min(0),
    sessionsAudited: z.number().int().min(0),
    groupsAudited: z.number().int().min(0),
    /** Central groups with no audited session in the period. */
    groupsNotAudited: z.array(z.string()),
  }),
  /** The closing paragraph's requirements, one per numbered item. */
  requirements: z.array(z.string()).min(1),
});
export type CircularFigures = z.infer<typeof circularFigures>;

export const circularCreateInput = z.object({ orgId: z.uuid(), period: quarterKey });
export type CircularCreateInput = z.infer<typeof circularCreateInput>;

export const circularListQuery = z.object({ orgId: z.uuid().optional(), period: quarterKey.optional() });
export type CircularListQuery = z.infer<typeof circularListQuery>;

export const circularSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  period: z.string(),
  version: z.number().int(),
  title: z.string(),
  createdAt: z.string(),
  generatedByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  docxBytes: z.number().int(),
  pdfBytes: z.number().int(),
});
export type CircularSummary = z.infer<typeof circularSummary>;

export const circularView = circularSummary.extend({ figures: circularFigures });
export type CircularView = z.infer<typeof circularView>;

/** A publication, with how many secretaries were notified (0 when it was already published). */
export const circularPublishResult = circularSummary.extend({ notified: z.number().int() });
export type CircularPublishResult = z.infer<typeof circularPublishResult>;

export const circularIdParams = z.object({ id: z.uuid() });
