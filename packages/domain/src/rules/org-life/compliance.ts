/**
 * Compliance of one organisation over one period: which requirements of organisational life it
 * met, which it did not, and why ("2026年第三季度 支部党员大会 0/1 次"). Pure: the caller passes the
 * organisation, the rule sets and the number of held activities per local month.
 *
 * How a period is judged:
 * - Granularity. Each requirement has its own period kind (`per`). The asked period is split into
 *   sub-periods of that kind: a quarter into three months for a monthly requirement, into one
 *   quarter for a quarterly one. A requirement whose `per` is coarser than the asked period (a
 *   yearly requirement asked about a month) cannot be judged there and is omitted.
 * - Rule sets. Each sub-period is judged by the rule set in effect on its first day. A set
 *   effective 1 July therefore governs July, Q3 and later, and the months and quarters of H1 keep
 *   the verdicts they had; a set effective 15 August governs from September (and from Q4 for
 *   quarterly requirements), because a sub-period already under way keeps the rules it began with.
 *   A yearly requirement over a year uses the set in effect on 1 January.
 * - Sums. `required` and `done` add up over the sub-periods (a monthly requirement over a quarter
 *   needs 3). The requirement is `met` only when every sub-period met its own number: three theme
 *   days in July do not make up for none in August and September, because the rule says "each
 *   month". The short sub-periods are listed in `shortPeriods`, so the verdict explains itself.
 * - Applicability. A requirement applies when the organisation's kind is listed, and, where the
 *   requirement says so, the branch has a committee or the organisation runs a central group.
 *   Requirements that do not apply are omitted, as are those that no sub-period's set contains.
 * - Study form. A requirement naming a form of study counts only activities of that form; one
 *   without counts every activity of its kind, whatever the form.
 * - Pro rata. An organisation established or deactivated inside a sub-period owes
 *   floor(min × activeDays / daysOfSubPeriod) for it, where activeDays counts the days from
 *   `establishedOn` to `deactivatedOn`, both inclusive (null = no limit). Rounding down means an
 *   obligation is owed only for a whole cycle the organisation lived through: a branch founded on
 *   the first day of a quarter owes that quarter's assembly; one founded on the second day, or
 *   living only the last 10 days of a quarter, owes none for it (rounding up would declare a
 *   branch founded on 30 September in breach for Q3). Longer cycles scale: founded on 1 April,
 *   a branch owes floor(4 × 275 / 365) = 3 of the year's four party lessons. An organisation not
 *   active on any day of the asked period has nothing to be judged on (empty result).
 */
import { activityKindLabels, activityKinds, periodKinds, studyFormLabels, type ActivityKind, type PeriodKind, type StudyForm } from './kinds.ts';
import type { OrgKind } from '../org-tree.ts';
import { isoDateParts } from '../dates.ts';
import { comparePeriodKinds, monthsOf, parsePeriodKey, periodBounds, periodDays, periodKey, periodLabel, subPeriodsOf, type Period } from './periods.ts';
import { ruleSetInEffect, type Requirement, type RuleSet } from './rule-sets.ts';

export type ComplianceOrg = {
  kind: OrgKind;
  hasCommittee: boolean;
  ownsCentralGroup: boolean;
  /** First day the organisation existed; null when unknown (treated as always existing). */
  establishedOn: string | null;
  /** Last day the organisation existed (the local day it was deactivated); null or absent while active. */
  deactivatedOn?: string | null;
};

/** Held activities of one kind and form in one local month ('YYYY-MM'). Rows may repeat; they add up. */
export type ActivityCount = { month: string; activityKind: ActivityKind; studyForm: StudyForm | null; count: number };

export type VerdictReason = 'NONE_HELD' | 'TOO_FEW';

export type Verdict = {
  requirementId: string;
  activityKind: ActivityKind;
  studyForm?: StudyForm;
  per: PeriodKind;
  /** Sum over the sub-periods, after pro rata. */
  required: number;
  /** Activities held over the same sub-periods. */
  done: number;
  /** Every sub-period met its own number. */
  met: boolean;
  reason: null | VerdictReason;
  /** The source of the requirement in the latest sub-period's rule set. */
  source: string;
  /** Sub-periods that fell short, in order (empty when met). */
  shortPeriods: Array<{ period: Period; required: number; done: number }>;
  /** Versions of the rule sets that judged the sub-periods, in order of first use. */
  ruleSetVersions: string[];
};

const DAY_MS = 86_400_000;
function dayNumber(date: string): number {
  const { year, month, day } = isoDateParts(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

export function requirementApplies(org: Pick<ComplianceOrg, 'kind' | 'hasCommittee' | 'ownsCentralGroup'>, r: Requirement): boolean {
  if (!r.appliesTo.orgKinds.includes(org.kind)) return false;
  if (r.appliesTo.onlyWithCommittee && !org.hasCommittee) return false;
  if (r.appliesTo.onlyCentralGroup && !org.ownsCentralGroup) return false;
  return true;
}

// Days of [first, last] on which the organisation existed.
function activeDays(org: ComplianceOrg, first: string, last: string): number {
  const from = org.establishedOn && org.establishedOn > first ? org.establishedOn : first;
  const to = org.deactivatedOn && org.deactivatedOn < last ? org.deactivatedOn : last;
  return from > to ? 0 : dayNumber(to) - dayNumber(from) + 1;
}

// month key → "kind|form" → count
type CountIndex = Map<string, Map<string, number>>;

function indexCounts(counts: readonly ActivityCount[]): CountIndex {
  const index: CountIndex = new Map();
  for (const c of counts) {
    if (parsePeriodKey(c.month)?.kind !== 'month') throw new RangeError(`Not a month key: ${JSON.stringify(c.month)}`);
    if (!Number.isInteger(c.count) || c.count < 0) throw new RangeError(`A count must be a non-negative integer, got ${c.count}`);
    let byKind = index.get(c.month);
    if (!byKind) index.set(c.month, (byKind = new Map()));
    const key = `${c.activityKind}|${c.studyForm ?? ''}`;
    byKind.set(key, (byKind.get(key) ?? 0) + c.count);
  }
  return index;
}

function countHeld(index: CountIndex, sub: Period, r: Requirement): number {
  let total = 0;
  for (const m of monthsOf(sub)) {
    const byKind = index.get(periodKey(m));
    if (!byKind) continue;
    for (const [key, n] of byKind) {
      const [kind, form] = key.split('|');
      if (kind === r.activityKind && (r.studyForm === undefined || form === r.studyForm)) total += n;
    }
  }
  return total;
}

const KIND_ORDER = new Map(activityKinds.map((k, i) => [k, i]));

export function evaluateCompliance(input: { org: ComplianceOrg; period: Period; ruleSets: readonly RuleSet[]; counts: readonly ActivityCount[] }): Verdict[] {
  const { org, period, ruleSets } = input;
  const bounds = periodBounds(period);
  if (org.establishedOn) isoDateParts(org.establishedOn);
  if (org.deactivatedOn) isoDateParts(org.deactivatedOn);
  if (activeDays(org, bounds.first, bounds.last) === 0) return [];
  const index = indexCounts(input.counts);

  const verdicts = new Map<string, Verdict>();
  for (const kind of periodKinds) {
    if (comparePeriodKinds(kind, period.kind) > 0) continue;
    for (const sub of subPeriodsOf(period, kind)) {
      const subBounds = periodBounds(sub);
      const set = ruleSetInEffect(ruleSets, subBounds.first);
      if (!set) continue;
      const active = activeDays(org, subBounds.first, subBounds.last);
      for (const r of set.requirements) {
        if (r.per !== kind || !requirementApplies(org, r)) continue;
        const required = Math.floor((r.min * active) / periodDays(sub));
        const done = countHeld(index, sub, r);
        // Keyed by everything that defines the rule, so malformed history that reuses an id for
        // another granularity yields two verdicts rather than counting the same months twice.
        const key = `${r.id}|${r.per}|${r.activityKind}|${r.studyForm ?? ''}`;
        let v = verdicts.get(key);
        if (!v) {
          v = { requirementId: r.id, activityKind: r.activityKind, per: r.per, required: 0, done: 0, met: true, reason: null, source: r.source, shortPeriods: [], ruleSetVersions: [] };
          if (r.studyForm) v.studyForm = r.studyForm;
          verdicts.set(key, v);
        }
        v.required += required;
        v.done += done;
        v.source = r.source;
        if (!v.ruleSetVersions.includes(set.version)) v.ruleSetVersions.push(set.version);
        if (done < required) v.shortPeriods.push({ period: sub, required, done });
      }
    }
  }

  const out = [...verdicts.values()];
  for (const v of out) {
    v.met = v.shortPeriods.length === 0;
    v.reason = v.met ? null : v.done === 0 ? 'NONE_HELD' : 'TOO_FEW';
  }
  return out.sort(
    (a, b) =>
      KIND_ORDER.get(a.activityKind)! - KIND_ORDER.get(b.activityKind)! ||
      (a.studyForm ?? '').localeCompare(b.studyForm ?? '') ||
      comparePeriodKinds(b.per, a.per) ||
      a.requirementId.localeCompare(b.requirementId),
  );
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * One line for a dashboard or a circular: '2026年第三季度 支部党员大会 0/1 次',
 * 'Q3 2026 member assembly 0/1'. When a requirement finer than the period fell short in some of
 * its sub-periods though some were held, the short ones follow in brackets ('2026年第三季度 主题党日 2/3 次（2026年8月 0/1）'), so
 * that a total that looks sufficient still says which month was missed.
 */
export function verdictText(v: Verdict, period: Period, lang: 'zh-CN' | 'en'): string {
  const kind = activityKindLabels[v.activityKind][lang];
  const form = v.studyForm ? studyFormLabels[v.studyForm][lang] : null;
  // With nothing held every sub-period is short, so listing them would add nothing.
  const detail = v.per !== period.kind && v.reason === 'TOO_FEW' ? v.shortPeriods.map((s) => `${periodLabel(s.period, lang)} ${s.done}/${s.required}`) : [];
  if (lang === 'zh-CN') {
    const what = form ? `${kind}（${form}）` : kind;
    const tail = detail.length ? `（${detail.join('，')}）` : '';
    return `${periodLabel(period, lang)} ${what} ${v.done}/${v.required} 次${tail}`;
  }
  const what = form ? `${lowerFirst(kind)} (${lowerFirst(form)})` : lowerFirst(kind);
  const tail = detail.length ? ` (${detail.join(', ')})` : '';
  return `${periodLabel(period, lang)} ${what} ${v.done}/${v.required}${tail}`;
}

export function summarise(verdicts: readonly Verdict[]): { met: boolean; shortfalls: Verdict[] } {
  const shortfalls = verdicts.filter((v) => !v.met);
  return { met: shortfalls.length === 0, shortfalls };
}
