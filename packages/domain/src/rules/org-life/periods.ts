/**
 * Calendar periods (month, quarter, year) that organisational life is planned and judged in.
 *
 * A period is decided by the local calendar day in the deployment's time zone, never by UTC: a
 * meeting held at 00:30 on 1 October in Beijing belongs to Q4 even though it is still 30 September
 * in UTC. So everything here works on local days ('YYYY-MM-DD' strings), and the only bridge from an
 * instant is `localDateOf(instant, timeZone)`, which uses Intl and reads no clock.
 */
import { daysInMonth, isLeapYear, isoDateParts } from '../dates.ts';
import type { PeriodKind } from './kinds.ts';

/** index: month 1–12, quarter 1–4, year always 1. */
export type Period = { kind: PeriodKind; year: number; index: number };
export type PeriodBounds = { first: string; last: string };

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');
const iso = (year: number, month: number, day: number) => `${pad4(year)}-${pad2(month)}-${pad2(day)}`;

const INDEX_COUNT: Record<PeriodKind, number> = { month: 12, quarter: 4, year: 1 };
const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };
// Finer kinds have lower ranks: a requirement may be judged over a period of its own or a coarser kind.
const KIND_RANK: Record<PeriodKind, number> = { month: 0, quarter: 1, year: 2 };

export function isPeriod(p: Period): boolean {
  return (
    Object.prototype.hasOwnProperty.call(INDEX_COUNT, p.kind) &&
    Number.isInteger(p.year) &&
    p.year >= 1 &&
    p.year <= 9999 &&
    Number.isInteger(p.index) &&
    p.index >= 1 &&
    p.index <= INDEX_COUNT[p.kind]
  );
}

// A malformed period is a caller bug (periods come from parsePeriodKey or periodOf), so fail loudly.
function assertPeriod(p: Period): void {
  if (!isPeriod(p)) throw new RangeError(`Not a valid period: ${JSON.stringify(p)}`);
}

/** -1, 0 or 1 when `a` is a finer, the same or a coarser kind of period than `b`. */
export function comparePeriodKinds(a: PeriodKind, b: PeriodKind): number {
  return Math.sign(KIND_RANK[a] - KIND_RANK[b]);
}

/** '2026-07', '2026-Q3' or '2026': the form used in URLs, rollup keys and circular file names. */
export function periodKey(p: Period): string {
  assertPeriod(p);
  if (p.kind === 'month') return `${pad4(p.year)}-${pad2(p.index)}`;
  if (p.kind === 'quarter') return `${pad4(p.year)}-Q${p.index}`;
  return pad4(p.year);
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const YEAR_KEY = /^(\d{4})$/;

/** The inverse of periodKey; null for anything else ('2026-7', '2026-q3', '2026-Q5', ' 2026'). */
export function parsePeriodKey(key: string): Period | null {
  let m = MONTH_KEY.exec(key);
  const build = (kind: PeriodKind, year: string, index: number): Period | null => {
    const p = { kind, year: Number(year), index };
    return isPeriod(p) ? p : null;
  };
  if (m) return build('month', m[1]!, Number(m[2]));
  m = QUARTER_KEY.exec(key);
  if (m) return build('quarter', m[1]!, Number(m[2]));
  m = YEAR_KEY.exec(key);
  if (m) return build('year', m[1]!, 1);
  return null;
}

/** The period of the given kind that contains a local calendar day. */
export function periodOf(kind: PeriodKind, localDate: string): Period {
  const { year, month } = isoDateParts(localDate);
  const p: Period = { kind, year, index: kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : 1 };
  assertPeriod(p);
  return p;
}

function firstMonth(p: Period): number {
  return (p.index - 1) * MONTHS_PER[p.kind] + 1;
}

/** First and last local day of the period, both inclusive. */
export function periodBounds(p: Period): PeriodBounds {
  assertPeriod(p);
  const startMonth = firstMonth(p);
  const endMonth = startMonth + MONTHS_PER[p.kind] - 1;
  return { first: iso(p.year, startMonth, 1), last: iso(p.year, endMonth, daysInMonth(p.year, endMonth)) };
}

export function periodContains(p: Period, localDate: string): boolean {
  isoDateParts(localDate);
  const { first, last } = periodBounds(p);
  return localDate >= first && localDate <= last;
}

/** Number of calendar days in the period (Q1 has 90 or 91, a year 365 or 366). */
export function periodDays(p: Period): number {
  assertPeriod(p);
  if (p.kind === 'year') return isLeapYear(p.year) ? 366 : 365;
  let days = 0;
  for (const m of monthsOf(p)) days += daysInMonth(m.year, m.index);
  return days;
}

/** The periods of `kind` that make up `p`, in order; `kind` must not be coarser than `p`'s. */
export function subPeriodsOf(p: Period, kind: PeriodKind): Period[] {
  assertPeriod(p);
  if (comparePeriodKinds(kind, p.kind) > 0) throw new RangeError(`A ${p.kind} has no ${kind}s inside it`);
  const startMonth = firstMonth(p);
  const out: Period[] = [];
  for (let m = startMonth; m < startMonth + MONTHS_PER[p.kind]; m += MONTHS_PER[kind]) {
    out.push({ kind, year: p.year, index: (m - 1) / MONTHS_PER[kind] + 1 });
  }
  return out;
}

/** The months of the period in order (one for a month, three for a quarter, twelve for a year). */
export function monthsOf(p: Period): Period[] {
  return subPeriodsOf(p, 'month');
}

function shift(p: Period, by: number): Period {
  assertPeriod(p);
  const count = INDEX_COUNT[p.kind];
  const flat = p.year * count + (p.index - 1) + by;
  const next: Period = { kind: p.kind, year: Math.floor(flat / count), index: (flat % count) + 1 };
  assertPeriod(next);
  return next;
}

export function previousPeriod(p: Period): Period {
  return shift(p, -1);
}

export function nextPeriod(p: Period): Period {
  return shift(p, 1);
}

/** The n months ending with (and including) month `p`, oldest first: the x-axis of a trend chart. */
export function lastNMonths(p: Period, n: number): Period[] {
  if (p.kind !== 'month') throw new RangeError(`lastNMonths needs a month, got a ${p.kind}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const out: Period[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(shift(p, -i));
  return out;
}

// Building an Intl.DateTimeFormat is far slower than using one, and compliance runs convert many
// instants in the same zone, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(instant: Date, timeZone: string) {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal' && part.type !== 'era') parts[part.type] = Number(part.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The local calendar day of an instant in a time zone, e.g. 2026-09-30T16:30Z in Asia/Shanghai → '2026-10-01'. */
export function localDateOf(instant: Date, timeZone: string): string {
  const { year, month, day } = localParts(instant, timeZone);
  return iso(year, month, day);
}

/** The first local day of the month containing the instant ('YYYY-MM-01'). */
export function localMonthStart(instant: Date, timeZone: string): string {
  const { year, month } = localParts(instant, timeZone);
  return iso(year, month, 1);
}

// Milliseconds the zone is ahead of UTC at an instant (Asia/Shanghai: +8 h).
function zoneOffsetAt(epochMs: number, timeZone: string): number {
  const p = localParts(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return asUtc - wholeSeconds;
}

/**
 * The instant a local calendar day begins in a time zone: the lower bound for querying timestamps
 * that fall on or after that day (`periodBounds` gives the days; this turns them into instants,
 * with `addDays(last, 1)` as the exclusive upper bound). Where a daylight-saving jump skips
 * midnight, the day begins at the first instant that exists.
 */
export function localDayStart(localDate: string, timeZone: string): Date {
  const { year, month, day } = isoDateParts(localDate);
  const naive = new Date(0);
  naive.setUTCFullYear(year, month - 1, day);
  const wallClock = naive.getTime();
  // Guess with the offset at the naive instant, then correct once with the offset at the guess:
  // this settles for every zone whose offset does not change twice within a day.
  let guess = wallClock - zoneOffsetAt(wallClock, timeZone);
  guess = wallClock - zoneOffsetAt(guess, timeZone);
  // In a skipped midnight the guess lands on the previous day; the day then starts at the jump.
  if (localDateOf(new Date(guess), timeZone) < localDate) {
    let lo = guess;
    let hi = guess + 3 * 3_600_000;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2 / 1000) * 1000;
      if (localDateOf(new Date(mid), timeZone) < localDate) lo = mid;
      else hi = mid;
    }
    guess = hi;
  }
  return new Date(guess);
}

const ZH_QUARTERS = ['一', '二', '三', '四'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026年7月' / '2026年第三季度' / '2026年度'; 'July 2026' / 'Q3 2026' / '2026'. */
export function periodLabel(p: Period, lang: 'zh-CN' | 'en'): string {
  assertPeriod(p);
  if (lang === 'zh-CN') {
    if (p.kind === 'month') return `${p.year}年${p.index}月`;
    if (p.kind === 'quarter') return `${p.year}年第${ZH_QUARTERS[p.index - 1]}季度`;
    return `${p.year}年度`;
  }
  if (p.kind === 'month') return `${EN_MONTHS[p.index - 1]} ${p.year}`;
  if (p.kind === 'quarter') return `Q${p.index} ${p.year}`;
  return String(p.year);
}
