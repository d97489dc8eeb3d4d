import { describe, expect, it } from 'vitest';
import { expandRecurrence, isoWeekday, recurrenceLabel, recurrenceSchema, type Recurrence } from './recurrence.ts';

const codes = (input: unknown) => {
  const r = recurrenceSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
};

describe('recurrenceSchema', () => {
  it('accepts each kind of recurrence', () => {
    for (const rec of [
      { freq: 'monthly', day: 31 },
      { freq: 'quarterly', monthOfQuarter: 3, day: 1 },
      { freq: 'yearly', month: 2, day: 29 },
      { freq: 'weekly', weekday: 7 },
    ]) {
      expect(codes(rec), JSON.stringify(rec)).toEqual([]);
    }
  });

  it('reports a day outside 1–31 with its rule code', () => {
    expect(codes({ freq: 'monthly', day: 0 })).toEqual([{ message: 'RECURRENCE_DAY_OUT_OF_RANGE', path: 'day' }]);
    expect(codes({ freq: 'monthly', day: 32 })).toEqual([{ message: 'RECURRENCE_DAY_OUT_OF_RANGE', path: 'day' }]);
    expect(codes({ freq: 'quarterly', monthOfQuarter: 1, day: 1.5 })).toEqual([{ message: 'RECURRENCE_DAY_OUT_OF_RANGE', path: 'day' }]);
  });

  it('refuses a yearly day the month never has, but allows 29 February', () => {
    expect(codes({ freq: 'yearly', month: 2, day: 30 })).toEqual([{ message: 'RECURRENCE_DAY_OUT_OF_RANGE', path: 'day' }]);
    expect(codes({ freq: 'yearly', month: 4, day: 31 })).toEqual([{ message: 'RECURRENCE_DAY_OUT_OF_RANGE', path: 'day' }]);
    expect(codes({ freq: 'yearly', month: 4, day: 30 })).toEqual([]);
  });

  it('refuses a fourth month of a quarter, an eighth weekday, a thirteenth month and unknown frequencies', () => {
    expect(codes({ freq: 'quarterly', monthOfQuarter: 4, day: 1 })).not.toEqual([]);
    expect(codes({ freq: 'weekly', weekday: 0 })).not.toEqual([]);
    expect(codes({ freq: 'weekly', weekday: 8 })).not.toEqual([]);
    expect(codes({ freq: 'yearly', month: 13, day: 1 })).not.toEqual([]);
    expect(codes({ freq: 'daily' })).not.toEqual([]);
  });
});

describe('expandRecurrence', () => {
  it('puts a monthly day 31 on the last day of every month, 29 February in a leap year', () => {
    expect(expandRecurrence({ freq: 'monthly', day: 31 }, 2024)).toEqual([
      '2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30',
      '2024-07-31', '2024-08-31', '2024-09-30', '2024-10-31', '2024-11-30', '2024-12-31',
    ]);
    expect(expandRecurrence({ freq: 'monthly', day: 31 }, 2026)[1]).toBe('2026-02-28');
    expect(expandRecurrence({ freq: 'monthly', day: 29 }, 2026)[1]).toBe('2026-02-28');
    expect(expandRecurrence({ freq: 'monthly', day: 29 }, 2028)[1]).toBe('2028-02-29');
  });

  it('places a quarterly day in the chosen month of each quarter', () => {
    expect(expandRecurrence({ freq: 'quarterly', monthOfQuarter: 1, day: 15 }, 2026)).toEqual(['2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15']);
    expect(expandRecurrence({ freq: 'quarterly', monthOfQuarter: 3, day: 31 }, 2026)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(expandRecurrence({ freq: 'quarterly', monthOfQuarter: 2, day: 30 }, 2026)).toEqual(['2026-02-28', '2026-05-30', '2026-08-30', '2026-11-30']);
  });

  it('places a yearly 29 February on the 28th in common years', () => {
    expect(expandRecurrence({ freq: 'yearly', month: 2, day: 29 }, 2024)).toEqual(['2024-02-29']);
    expect(expandRecurrence({ freq: 'yearly', month: 2, day: 29 }, 2026)).toEqual(['2026-02-28']);
    expect(expandRecurrence({ freq: 'yearly', month: 2, day: 29 }, 2100)).toEqual(['2100-02-28']);
    expect(expandRecurrence({ freq: 'yearly', month: 7, day: 1 }, 2026)).toEqual(['2026-07-01']);
  });

  it('lists every Monday of a year (52 or 53 of them)', () => {
    const mondays = expandRecurrence({ freq: 'weekly', weekday: 1 }, 2026);
    expect(mondays[0]).toBe('2026-01-05');
    expect(mondays.at(-1)).toBe('2026-12-28');
    expect(mondays).toHaveLength(52);
    expect(mondays.every((d) => isoWeekday(d) === 1)).toBe(true);
    // 2026 begins on a Thursday, so it has 53 Thursdays.
    expect(expandRecurrence({ freq: 'weekly', weekday: 4 }, 2026)).toHaveLength(53);
    // 2024 is a leap year beginning on a Monday: 53 Mondays and 53 Tuesdays.
    expect(expandRecurrence({ freq: 'weekly', weekday: 2 }, 2024)).toHaveLength(53);
    expect(expandRecurrence({ freq: 'weekly', weekday: 7 }, 2026)[0]).toBe('2026-01-04');
  });

  it('keeps only days on or after fromDate', () => {
    expect(expandRecurrence({ freq: 'monthly', day: 15 }, 2026, '2026-10-15')).toEqual(['2026-10-15', '2026-11-15', '2026-12-15']);
    expect(expandRecurrence({ freq: 'monthly', day: 15 }, 2026, '2026-10-16')).toEqual(['2026-11-15', '2026-12-15']);
    expect(expandRecurrence({ freq: 'monthly', day: 15 }, 2026, '2027-01-01')).toEqual([]);
    expect(expandRecurrence({ freq: 'monthly', day: 15 }, 2026, '2025-06-01')).toHaveLength(12);
  });

  it('refuses an invalid recurrence, year or starting day', () => {
    expect(() => expandRecurrence({ freq: 'monthly', day: 0 }, 2026)).toThrow(RangeError);
    expect(() => expandRecurrence({ freq: 'monthly', day: 1 } as Recurrence, 2026.5)).toThrow(RangeError);
    expect(() => expandRecurrence({ freq: 'monthly', day: 1 }, 2026, '2026-02-30')).toThrow(RangeError);
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('2024-02-29')).toBe(4);
  });
});

describe('recurrenceLabel', () => {
  it('describes each recurrence in both languages', () => {
    expect(recurrenceLabel({ freq: 'monthly', day: 15 }, 'zh-CN')).toBe('每月15日');
    expect(recurrenceLabel({ freq: 'monthly', day: 31 }, 'zh-CN')).toBe('每月31日（无此日的月份为月末）');
    expect(recurrenceLabel({ freq: 'quarterly', monthOfQuarter: 1, day: 10 }, 'zh-CN')).toBe('每季度第1个月10日');
    expect(recurrenceLabel({ freq: 'yearly', month: 7, day: 1 }, 'zh-CN')).toBe('每年7月1日');
    expect(recurrenceLabel({ freq: 'weekly', weekday: 3 }, 'zh-CN')).toBe('每周星期三');
    expect(recurrenceLabel({ freq: 'weekly', weekday: 7 }, 'zh-CN')).toBe('每周星期日');
    expect(recurrenceLabel({ freq: 'monthly', day: 15 }, 'en')).toBe('Monthly on day 15');
    expect(recurrenceLabel({ freq: 'quarterly', monthOfQuarter: 2, day: 31 }, 'en')).toBe('Quarterly, month 2 of the quarter, day 31 (or the month’s last day)');
    expect(recurrenceLabel({ freq: 'yearly', month: 7, day: 1 }, 'en')).toBe('Yearly on 1 July');
    expect(recurrenceLabel({ freq: 'weekly', weekday: 1 }, 'en')).toBe('Weekly on Monday');
  });
});
