import { describe, expect, it } from 'vitest';
import {
  comparePeriodKinds,
  isPeriod,
  lastNMonths,
  localDateOf,
  localDayStart,
  localMonthStart,
  monthsOf,
  nextPeriod,
  parsePeriodKey,
  periodBounds,
  periodContains,
  periodDays,
  periodKey,
  periodLabel,
  periodOf,
  previousPeriod,
  subPeriodsOf,
  type Period,
} from './periods.ts';

const SH = 'Asia/Shanghai';
const month = (year: number, index: number): Period => ({ kind: 'month', year, index });
const quarter = (year: number, index: number): Period => ({ kind: 'quarter', year, index });
const year = (y: number): Period => ({ kind: 'year', year: y, index: 1 });

describe('periodKey and parsePeriodKey', () => {
  it('writes months with two digits, quarters with Q and years bare', () => {
    expect(periodKey(month(2026, 7))).toBe('2026-07');
    expect(periodKey(month(2026, 12))).toBe('2026-12');
    expect(periodKey(quarter(2026, 3))).toBe('2026-Q3');
    expect(periodKey(year(2026))).toBe('2026');
  });

  it('reads back every key it writes', () => {
    for (const p of [month(2026, 1), month(1999, 12), quarter(2026, 4), quarter(2030, 1), year(2019)]) {
      expect(parsePeriodKey(periodKey(p))).toEqual(p);
    }
  });

  it('rejects keys that are almost right, so a typo in a URL is not silently another period', () => {
    for (const key of ['2026-7', '2026-13', '2026-00', '2026-q3', '2026-Q0', '2026-Q5', '26', ' 2026', '2026 ', '2026-07-01', '0000', '0000-Q1', '', '2026-Q3x']) {
      expect(parsePeriodKey(key), key).toBeNull();
    }
  });

  it('refuses to write a key for a malformed period (a caller bug)', () => {
    expect(() => periodKey(month(2026, 13))).toThrow(RangeError);
    expect(() => periodKey({ kind: 'year', year: 2026, index: 2 })).toThrow(RangeError);
    expect(() => periodKey(quarter(2026.5, 1))).toThrow(RangeError);
    expect(isPeriod(quarter(2026, 4))).toBe(true);
    expect(isPeriod({ kind: 'week' as never, year: 2026, index: 1 })).toBe(false);
  });
});

describe('periodOf', () => {
  it('puts the last and first day of each quarter on the right side of the edge', () => {
    expect(periodOf('quarter', '2026-03-31')).toEqual(quarter(2026, 1));
    expect(periodOf('quarter', '2026-04-01')).toEqual(quarter(2026, 2));
    expect(periodOf('quarter', '2026-06-30')).toEqual(quarter(2026, 2));
    expect(periodOf('quarter', '2026-07-01')).toEqual(quarter(2026, 3));
    expect(periodOf('quarter', '2026-09-30')).toEqual(quarter(2026, 3));
    expect(periodOf('quarter', '2026-10-01')).toEqual(quarter(2026, 4));
    expect(periodOf('quarter', '2026-12-31')).toEqual(quarter(2026, 4));
  });

  it('gives the month and the year of a day', () => {
    expect(periodOf('month', '2024-02-29')).toEqual(month(2024, 2));
    expect(periodOf('year', '2026-12-31')).toEqual(year(2026));
    expect(periodOf('month', '2027-01-01')).toEqual(month(2027, 1));
  });

  it('refuses an impossible day', () => {
    expect(() => periodOf('month', '2026-02-29')).toThrow(RangeError);
    expect(() => periodOf('month', '2026-7-1')).toThrow(RangeError);
  });
});

describe('periodBounds, periodDays, periodContains', () => {
  it('bounds months including February in leap and common years', () => {
    expect(periodBounds(month(2024, 2))).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(periodBounds(month(2026, 2))).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(periodBounds(month(2100, 2))).toEqual({ first: '2100-02-01', last: '2100-02-28' });
    expect(periodBounds(month(2000, 2))).toEqual({ first: '2000-02-01', last: '2000-02-29' });
    expect(periodBounds(month(2026, 12))).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });

  it('bounds quarters and years', () => {
    expect(periodBounds(quarter(2026, 1))).toEqual({ first: '2026-01-01', last: '2026-03-31' });
    expect(periodBounds(quarter(2026, 2))).toEqual({ first: '2026-04-01', last: '2026-06-30' });
    expect(periodBounds(quarter(2026, 3))).toEqual({ first: '2026-07-01', last: '2026-09-30' });
    expect(periodBounds(quarter(2026, 4))).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    expect(periodBounds(year(2026))).toEqual({ first: '2026-01-01', last: '2026-12-31' });
  });

  it('counts days, with Q1 and the year one longer in a leap year', () => {
    expect(periodDays(quarter(2026, 1))).toBe(90);
    expect(periodDays(quarter(2024, 1))).toBe(91);
    expect(periodDays(quarter(2026, 3))).toBe(92);
    expect(periodDays(month(2024, 2))).toBe(29);
    expect(periodDays(year(2026))).toBe(365);
    expect(periodDays(year(2024))).toBe(366);
    expect(periodDays(year(1900))).toBe(365);
  });

  it('contains exactly the days within its bounds', () => {
    expect(periodContains(quarter(2026, 3), '2026-07-01')).toBe(true);
    expect(periodContains(quarter(2026, 3), '2026-09-30')).toBe(true);
    expect(periodContains(quarter(2026, 3), '2026-06-30')).toBe(false);
    expect(periodContains(quarter(2026, 3), '2026-10-01')).toBe(false);
  });
});

describe('monthsOf and subPeriodsOf', () => {
  it('splits a quarter into its three months and a year into twelve', () => {
    expect(monthsOf(quarter(2026, 3))).toEqual([month(2026, 7), month(2026, 8), month(2026, 9)]);
    expect(monthsOf(year(2026)).map(periodKey)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(monthsOf(month(2026, 5))).toEqual([month(2026, 5)]);
  });

  it('splits a year into quarters and returns a period itself for its own kind', () => {
    expect(subPeriodsOf(year(2026), 'quarter').map(periodKey)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(subPeriodsOf(quarter(2026, 2), 'quarter')).toEqual([quarter(2026, 2)]);
  });

  it('refuses to split a period into a coarser kind', () => {
    expect(() => subPeriodsOf(month(2026, 1), 'quarter')).toThrow(RangeError);
    expect(() => subPeriodsOf(quarter(2026, 1), 'year')).toThrow(RangeError);
  });

  it('orders kinds from fine to coarse', () => {
    expect(comparePeriodKinds('month', 'quarter')).toBe(-1);
    expect(comparePeriodKinds('year', 'quarter')).toBe(1);
    expect(comparePeriodKinds('quarter', 'quarter')).toBe(0);
  });
});

describe('previousPeriod, nextPeriod, lastNMonths', () => {
  it('steps across the year boundary', () => {
    expect(nextPeriod(month(2026, 12))).toEqual(month(2027, 1));
    expect(previousPeriod(month(2027, 1))).toEqual(month(2026, 12));
    expect(nextPeriod(quarter(2026, 4))).toEqual(quarter(2027, 1));
    expect(previousPeriod(quarter(2026, 1))).toEqual(quarter(2025, 4));
    expect(nextPeriod(year(2026))).toEqual(year(2027));
    expect(previousPeriod(year(2026))).toEqual(year(2025));
    expect(nextPeriod(month(2026, 7))).toEqual(month(2026, 8));
  });

  it('lists the twelve months of a trend ending with the given month, oldest first', () => {
    const trend = lastNMonths(month(2026, 3), 12);
    expect(trend).toHaveLength(12);
    expect(trend[0]).toEqual(month(2025, 4));
    expect(trend[9]).toEqual(month(2026, 1));
    expect(trend[11]).toEqual(month(2026, 3));
    expect(lastNMonths(month(2026, 3), 1)).toEqual([month(2026, 3)]);
    expect(lastNMonths(month(2026, 3), 0)).toEqual([]);
  });

  it('refuses a trend over a quarter or a negative length', () => {
    expect(() => lastNMonths(quarter(2026, 1), 3)).toThrow(RangeError);
    expect(() => lastNMonths(month(2026, 1), -1)).toThrow(RangeError);
  });
});

describe('localDateOf and localMonthStart', () => {
  it('puts 2026-09-30T16:30Z in Q4 in Asia/Shanghai, because it is already 1 October there', () => {
    const instant = new Date('2026-09-30T16:30:00Z');
    expect(localDateOf(instant, SH)).toBe('2026-10-01');
    expect(periodOf('quarter', localDateOf(instant, SH))).toEqual(quarter(2026, 4));
    expect(localDateOf(instant, 'UTC')).toBe('2026-09-30');
  });

  it('keeps 2026-06-30T15:59:59Z in Q2 in Asia/Shanghai: one second before local midnight', () => {
    expect(localDateOf(new Date('2026-06-30T15:59:59Z'), SH)).toBe('2026-06-30');
    expect(periodOf('quarter', localDateOf(new Date('2026-06-30T15:59:59Z'), SH))).toEqual(quarter(2026, 2));
    expect(periodOf('quarter', localDateOf(new Date('2026-06-30T16:00:00Z'), SH))).toEqual(quarter(2026, 3));
  });

  it('moves New Year’s Eve evening in UTC into the next year in Shanghai', () => {
    const instant = new Date('2026-12-31T17:00:00Z');
    expect(localDateOf(instant, SH)).toBe('2027-01-01');
    expect(periodOf('year', localDateOf(instant, SH))).toEqual(year(2027));
    expect(localMonthStart(instant, SH)).toBe('2027-01-01');
    expect(localMonthStart(instant, 'UTC')).toBe('2026-12-01');
  });

  it('handles a leap day and zones behind UTC', () => {
    expect(localDateOf(new Date('2024-02-29T15:59:59Z'), SH)).toBe('2024-02-29');
    expect(localDateOf(new Date('2024-03-01T03:00:00Z'), 'America/New_York')).toBe('2024-02-29');
    expect(localMonthStart(new Date('2024-02-29T12:00:00Z'), SH)).toBe('2024-02-01');
  });

  it('refuses an invalid instant or time zone', () => {
    expect(() => localDateOf(new Date('nope'), SH)).toThrow(RangeError);
    expect(() => localDateOf(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('localDayStart', () => {
  it('gives the instant local midnight happens, so day ranges can query timestamps', () => {
    expect(localDayStart('2026-10-01', SH).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(localDayStart('2027-01-01', SH).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(localDayStart('2026-10-01', 'UTC').toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });

  it('follows daylight-saving offsets in zones that have them', () => {
    expect(localDayStart('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(localDayStart('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });

  it('starts a day whose midnight is skipped by daylight saving at the first instant that exists', () => {
    // Chile moved clocks from 00:00 to 01:00 on 2024-09-08: that day has no midnight.
    const start = localDayStart('2024-09-08', 'America/Santiago');
    expect(localDateOf(start, 'America/Santiago')).toBe('2024-09-08');
    expect(localDateOf(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2024-09-07');
  });
});

describe('periodLabel', () => {
  it('writes Chinese labels the way circulars do', () => {
    expect(periodLabel(month(2026, 7), 'zh-CN')).toBe('2026年7月');
    expect(periodLabel(quarter(2026, 1), 'zh-CN')).toBe('2026年第一季度');
    expect(periodLabel(quarter(2026, 3), 'zh-CN')).toBe('2026年第三季度');
    expect(periodLabel(quarter(2026, 4), 'zh-CN')).toBe('2026年第四季度');
    expect(periodLabel(year(2026), 'zh-CN')).toBe('2026年度');
  });

  it('writes English labels', () => {
    expect(periodLabel(month(2026, 7), 'en')).toBe('July 2026');
    expect(periodLabel(month(2026, 12), 'en')).toBe('December 2026');
    expect(periodLabel(quarter(2026, 3), 'en')).toBe('Q3 2026');
    expect(periodLabel(year(2026), 'en')).toBe('2026');
  });
});
