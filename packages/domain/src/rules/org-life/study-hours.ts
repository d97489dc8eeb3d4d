/**
 * Study credit (学时) earned by attending an activity of organisational life: the entry each
 * attendance makes in the per-person, per-year ledger.
 *
 * Basis: the annual minimums are set by regulation (≥32 hours of centralised study a year for every
 * member, 《中国共产党党员教育管理工作条例》 art. 20; ≥56 for secretaries and committee members,
 * 《2019—2023年全国党员教育培训工作规划》), but neither defines how a session converts into 学时.
 * The conversion below is the common practice those plans are administered with (实践做法, domain.md
 * §5) and stays configurable: which kinds count at all, and what a session earns when its length
 * was not recorded, live in the rule set (`creditHours`).
 *
 * - 1 hour = 1 学时, rounded down to half hours (50 minutes earn 0.5).
 * - A half day (≥ 3.5 h) earns 4 and a full day (≥ 7 h) earns 8, as training classes count them;
 *   a session longer than a half day but shorter than a day earns the greater of its hours and 4,
 *   so a longer session never earns less than a shorter one.
 * - At most 8 per day: per attendance here, and per person and day with creditWithinDailyCap.
 * - Kinds whose default in the rule set is null (committee meetings, reviews, talks) are business,
 *   not study, and never earn credit whatever their length.
 */
import type { ActivityKind } from './kinds.ts';
import { MAX_CREDIT_HOURS_PER_DAY, type RuleSet } from './rule-sets.ts';

const HALF_DAY_MINUTES = 210;
const FULL_DAY_MINUTES = 420;
const HALF_DAY_CREDIT = 4;

/** Credit for one attendance of an activity lasting `minutes` (null = length not recorded). */
export function creditHoursFor(input: { kind: ActivityKind; minutes: number | null; ruleSet: Pick<RuleSet, 'creditHours'> }): number {
  const fallback = input.ruleSet.creditHours[input.kind];
  if (fallback === null || fallback === undefined) return 0;
  if (input.minutes === null) return Math.min(fallback, MAX_CREDIT_HOURS_PER_DAY);
  const { minutes } = input;
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a non-negative number, got ${minutes}`);
  const byHours = Math.floor(minutes / 30) / 2;
  const byDay = minutes >= FULL_DAY_MINUTES ? MAX_CREDIT_HOURS_PER_DAY : minutes >= HALF_DAY_MINUTES ? HALF_DAY_CREDIT : 0;
  return Math.min(MAX_CREDIT_HOURS_PER_DAY, Math.max(byHours, byDay));
}

/**
 * What is left of a new credit once a person's credits already recorded for the same local day are
 * counted: nobody studies more than a full day in a day, however many sessions are recorded.
 */
export function creditWithinDailyCap(input: { creditedThatDay: number; credit: number }): number {
  const { creditedThatDay, credit } = input;
  if (!Number.isFinite(creditedThatDay) || creditedThatDay < 0 || !Number.isFinite(credit) || credit < 0) {
    throw new RangeError(`credits must be non-negative numbers, got ${creditedThatDay} and ${credit}`);
  }
  return Math.max(0, Math.min(credit, MAX_CREDIT_HOURS_PER_DAY - creditedThatDay));
}
