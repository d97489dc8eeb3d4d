/**
 * The frequencies of organisational life as data (domain.md §4): versioned rule sets, each with the
 * local day it takes effect. A county may publish a new set; the old ones stay, because the verdict
 * for any past period is judged by the set that was in effect then (see compliance.ts), so a rule
 * change never rewrites history.
 *
 * Every requirement cites its basis. Where the number is local practice rather than a regulation,
 * the source says so ('实践做法'), so that secretaries can tell a rule from a habit.
 */
import { z } from 'zod';
import { isValidIsoDate, isoDateParts } from '../dates.ts';
import { orgKinds } from '../org-tree.ts';
import { activityKinds, periodKinds, studyForms } from './kinds.ts';

export type RuleSetErrorCode =
  | 'RULE_SET_VERSION_REQUIRED'
  | 'RULE_SET_EFFECTIVE_DATE_INVALID'
  | 'RULE_REQUIREMENT_ID_FORMAT'
  | 'RULE_REQUIREMENT_ID_DUPLICATE'
  | 'RULE_REQUIREMENT_ORG_KINDS_EMPTY'
  | 'RULE_REQUIREMENT_MIN_INVALID'
  | 'RULE_REQUIREMENT_SOURCE_REQUIRED'
  | 'RULE_CREDIT_HOURS_INVALID'
  | 'RULE_MAKEUP_DUE_DAYS_INVALID';

export type RuleSetHistoryErrorCode =
  | 'RULE_SET_VERSION_DUPLICATE'
  | 'RULE_SET_EFFECTIVE_DATE_DUPLICATE'
  | 'RULE_SET_EFFECTIVE_NOT_FUTURE'
  | 'RULE_REQUIREMENT_REDEFINED';

/** The most credit one attendance (and one person's day) can earn: a full day is 8 学时. */
export const MAX_CREDIT_HOURS_PER_DAY = 8;

const code = (c: RuleSetErrorCode) => ({ message: c });

export const requirementSchema = z.object({
  // Stable across versions: compliance adds a requirement's sub-periods up by id, and circulars
  // store it, so 'member_assembly.quarterly' must keep meaning the same kind and granularity.
  id: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, code('RULE_REQUIREMENT_ID_FORMAT')),
  activityKind: z.enum(activityKinds),
  /** When set, only activities of this form of study count (e.g. central-group discussions). */
  studyForm: z.enum(studyForms).optional(),
  appliesTo: z.object({
    orgKinds: z.array(z.enum(orgKinds)).min(1, code('RULE_REQUIREMENT_ORG_KINDS_EMPTY')),
    /** Only branches that have elected a branch committee (支委会). */
    onlyWithCommittee: z.boolean().optional(),
    /** Only organisations that run a central study group (理论学习中心组). */
    onlyCentralGroup: z.boolean().optional(),
  }),
  per: z.enum(periodKinds),
  min: z.number().int(code('RULE_REQUIREMENT_MIN_INVALID')).min(0, code('RULE_REQUIREMENT_MIN_INVALID')).max(366, code('RULE_REQUIREMENT_MIN_INVALID')),
  /** The article it comes from, e.g. '《中国共产党支部工作条例（试行）》第十一条'; practice says so. */
  source: z.string().trim().min(1, code('RULE_REQUIREMENT_SOURCE_REQUIRED')),
});
export type Requirement = z.infer<typeof requirementSchema>;

const creditHours = z
  .number()
  .nullable()
  .refine((h) => h === null || (h >= 0 && h <= MAX_CREDIT_HOURS_PER_DAY && Number.isInteger(h * 2)), code('RULE_CREDIT_HOURS_INVALID'));

export const ruleSetSchema = z
  .object({
    version: z.string().trim().min(1, code('RULE_SET_VERSION_REQUIRED')).max(64),
    /** First local day the set applies to (YYYY-MM-DD). */
    effectiveFrom: z.string().refine(isValidIsoDate, code('RULE_SET_EFFECTIVE_DATE_INVALID')),
    requirements: z.array(requirementSchema),
    /** Default credit per attendance when the duration is unknown; null = the kind is not study and never credits. */
    creditHours: z.record(z.enum(activityKinds), creditHours),
    /** Days an absentee has to complete make-up study (补学). */
    makeupDueDays: z.number().int(code('RULE_MAKEUP_DUE_DAYS_INVALID')).min(1, code('RULE_MAKEUP_DUE_DAYS_INVALID')).max(366, code('RULE_MAKEUP_DUE_DAYS_INVALID')),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.requirements.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: 'RULE_REQUIREMENT_ID_DUPLICATE', path: ['requirements', i, 'id'] });
      seen.add(r.id);
    });
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

const BRANCH_REGULATION = '《中国共产党支部工作条例（试行）》（2018年）';
const EDUCATION_REGULATION = '《中国共产党党员教育管理工作条例》（2019年）';
const PRACTICE = '实践做法（可配置）';

/**
 * The frequencies of domain.md §4, effective from 2019-01-01 so that every period the product
 * will hold is covered. Article numbers were checked against published texts of the 2018 branch
 * regulation (第十一、十二、十三条: assembly, committee, party group) and of the 2019 member
 * education regulation (第十六条 三会一课 and the monthly theme party day, 第十七条 organisational
 * life meeting, 第十八条 democratic review). "Usually in the fourth quarter" and the party
 * committee secretary's yearly lesson are cited from the branch regulation by secondary sources
 * only; a county that finds a different wording edits its rule set.
 */
export const defaultRuleSet: RuleSet = {
  version: '2019.1',
  effectiveFrom: '2019-01-01',
  requirements: [
    {
      id: 'member_assembly.quarterly',
      activityKind: 'member_assembly',
      appliesTo: { orgKinds: ['branch', 'general_branch'] },
      per: 'quarter',
      min: 1,
      source: `${BRANCH_REGULATION}第十一条：党员大会一般每季度召开1次`,
    },
    {
      id: 'committee_meeting.monthly',
      activityKind: 'committee_meeting',
      appliesTo: { orgKinds: ['branch', 'general_branch'], onlyWithCommittee: true },
      per: 'month',
      min: 1,
      source: `${BRANCH_REGULATION}第十二条：党支部委员会会议一般每月召开1次`,
    },
    {
      id: 'party_group_meeting.monthly',
      activityKind: 'party_group_meeting',
      appliesTo: { orgKinds: ['party_group'] },
      per: 'month',
      min: 1,
      source: `${BRANCH_REGULATION}第十三条：党小组会一般每月召开1次`,
    },
    {
      id: 'party_lesson.branch.yearly',
      activityKind: 'party_lesson',
      appliesTo: { orgKinds: ['branch'] },
      per: 'year',
      min: 4,
      source: `${PRACTICE}：党支部每季度安排1次党课，每年不少于4次；参照${EDUCATION_REGULATION}第十六条“三会一课”`,
    },
    {
      id: 'party_lesson.secretary.yearly',
      activityKind: 'party_lesson',
      appliesTo: { orgKinds: ['party_committee', 'leading_party_group'] },
      per: 'year',
      min: 1,
      source: `${BRANCH_REGULATION}第十六条：党委（党组）书记每年至少讲1次党课`,
    },
    {
      id: 'theme_party_day.monthly',
      activityKind: 'theme_party_day',
      appliesTo: { orgKinds: ['branch'] },
      per: 'month',
      min: 1,
      source: `${EDUCATION_REGULATION}第十六条：党支部应当每月开展1次主题党日`,
    },
    {
      id: 'org_life_meeting.yearly',
      activityKind: 'org_life_meeting',
      appliesTo: { orgKinds: ['branch'] },
      per: 'year',
      min: 1,
      source: `${EDUCATION_REGULATION}第十七条：党支部每年至少召开1次组织生活会`,
    },
    {
      id: 'democratic_review.yearly',
      activityKind: 'democratic_review',
      appliesTo: { orgKinds: ['branch'] },
      per: 'year',
      min: 1,
      source: `${EDUCATION_REGULATION}第十八条：党支部一般每年开展1次民主评议党员`,
    },
    {
      id: 'central_group_study.monthly',
      activityKind: 'central_group_study',
      appliesTo: { orgKinds: ['party_committee', 'leading_party_group'], onlyCentralGroup: true },
      per: 'month',
      min: 1,
      source: `${PRACTICE}：理论学习中心组每月至少集体学习1次；参照《中国共产党党委（党组）理论学习中心组学习规则》（2017年）`,
    },
    {
      id: 'central_group_study.discussion.quarterly',
      activityKind: 'central_group_study',
      studyForm: 'discussion',
      appliesTo: { orgKinds: ['party_committee', 'leading_party_group'], onlyCentralGroup: true },
      per: 'quarter',
      min: 1,
      source: `${PRACTICE}：理论学习中心组每季度至少开展1次专题研讨交流；参照《中国共产党党委（党组）理论学习中心组学习规则》（2017年）`,
    },
  ],
  // 实践做法（可配置）: what one attendance earns when the record has no duration. Meetings that
  // conduct business rather than study (committee meetings, reviews, talks, life meetings) earn nothing.
  creditHours: {
    member_assembly: 1,
    committee_meeting: null,
    party_group_meeting: 1,
    party_lesson: 2,
    theme_party_day: 2,
    org_life_meeting: null,
    democratic_review: null,
    heart_to_heart_talk: null,
    central_group_study: 2,
    democratic_life_meeting: null,
  },
  makeupDueDays: 30,
};

/**
 * The set that governs a local day: the one with the latest effectiveFrom on or before it, or null
 * when the day predates every set. Two sets taking effect on the same day are refused by
 * checkRuleSetAddition; should such data exist anyway, the later one in the list wins.
 */
export function ruleSetInEffect<T extends Pick<RuleSet, 'effectiveFrom'>>(sets: readonly T[], localDate: string): T | null {
  isoDateParts(localDate);
  let found: T | null = null;
  for (const set of sets) {
    if (set.effectiveFrom <= localDate && (found === null || set.effectiveFrom >= found.effectiveFrom)) found = set;
  }
  return found;
}

/**
 * Checks a new rule set against those already published, before it is stored. It must take effect
 * after `today`: a set effective today or earlier would change verdicts already given (a month that
 * has begun is judged by the set in effect on its first day, so a set effective tomorrow never
 * touches the current month). A requirement id keeps its meaning across versions; changing the
 * kind, form or granularity needs a new id, or the sums over a year would mix two different rules.
 */
export function checkRuleSetAddition(options: { existing: readonly RuleSet[]; candidate: RuleSet; today: string }): Array<{ code: RuleSetHistoryErrorCode; path: string }> {
  const { existing, candidate, today } = options;
  isoDateParts(today);
  const problems: Array<{ code: RuleSetHistoryErrorCode; path: string }> = [];
  if (existing.some((s) => s.version.trim() === candidate.version.trim())) problems.push({ code: 'RULE_SET_VERSION_DUPLICATE', path: 'version' });
  if (existing.some((s) => s.effectiveFrom === candidate.effectiveFrom)) problems.push({ code: 'RULE_SET_EFFECTIVE_DATE_DUPLICATE', path: 'effectiveFrom' });
  if (candidate.effectiveFrom <= today) problems.push({ code: 'RULE_SET_EFFECTIVE_NOT_FUTURE', path: 'effectiveFrom' });
  candidate.requirements.forEach((r, i) => {
    const clash = existing.some((s) =>
      s.requirements.some((o) => o.id === r.id && (o.activityKind !== r.activityKind || (o.studyForm ?? null) !== (r.studyForm ?? null) || o.per !== r.per)),
    );
    if (clash) problems.push({ code: 'RULE_REQUIREMENT_REDEFINED', path: `requirements.${i}.id` });
  });
  return problems;
}
