import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareIsoDate,
  daysInMonth,
  isLeapYear,
  isValidIsoDate,
  isoDateParts,
  normalizeText,
  parseFlexibleDate,
} from './dates.ts';

const ok = (value: string) => ({ ok: true, value });
const invalid = { ok: false, code: 'DATE_INVALID' };

describe('normalizeText', () => {
  it('turns full-width letters, digits and punctuation into half-width', () => {
    expect(normalizeText('ＡＢＣ１２３！～')).toBe('ABC123!~');
  });

  it('turns the ideographic space into a space and collapses runs of whitespace', () => {
    expect(normalizeText('张\u3000\u3000三  \t 丰')).toBe('张 三 丰');
  });

  it('trims leading and trailing whitespace of every kind', () => {
    expect(normalizeText('\u3000 \n党支部\t ')).toBe('党支部');
  });

  it('leaves Chinese characters and characters just outside the full-width block alone', () => {
    // U+FF00 and U+FF5F are outside U+FF01–U+FF5E and must not be shifted.
    expect(normalizeText('先锋\uFF00\uFF5F')).toBe('先锋\uFF00\uFF5F');
  });
});

describe('isValidIsoDate', () => {
  it('accepts real days in strict YYYY-MM-DD form', () => {
    expect(isValidIsoDate('2019-07-01')).toBe(true);
    expect(isValidIsoDate('2020-02-29')).toBe(true);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
  });

  it('rejects 29 February outside leap years, including the century rule (1900, 2100)', () => {
    expect(isValidIsoDate('2019-02-29')).toBe(false);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2100-02-29')).toBe(false);
  });

  it('rejects day 31 in 30-day months and month 13', () => {
    expect(isValidIsoDate('2019-04-31')).toBe(false);
    expect(isValidIsoDate('2019-13-01')).toBe(false);
    expect(isValidIsoDate('2019-00-10')).toBe(false);
    expect(isValidIsoDate('2019-01-00')).toBe(false);
  });

  it('rejects loose forms that parseFlexibleDate would accept, because storage needs one form', () => {
    expect(isValidIsoDate('2019-7-1')).toBe(false);
    expect(isValidIsoDate('2019/07/01')).toBe(false);
    expect(isValidIsoDate(' 2019-07-01')).toBe(false);
    expect(isValidIsoDate('2019-07-01T00:00:00Z')).toBe(false);
  });
});

describe('compareIsoDate', () => {
  it('orders dates like a sort comparator', () => {
    expect(compareIsoDate('2019-07-01', '2019-07-02')).toBeLessThan(0);
    expect(compareIsoDate('2019-07-02', '2019-07-01')).toBeGreaterThan(0);
    expect(compareIsoDate('2019-07-01', '2019-07-01')).toBe(0);
    expect(compareIsoDate('2019-12-31', '2020-01-01')).toBeLessThan(0);
  });
});

describe('calendar helpers', () => {
  it('knows the Gregorian leap-year rule', () => {
    expect([1900, 2000, 2019, 2020, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
  });

  it('knows the length of each month', () => {
    expect(daysInMonth(2019, 2)).toBe(28);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2019, 4)).toBe(30);
    expect(daysInMonth(2019, 12)).toBe(31);
  });

  it('splits a valid date and throws on an invalid one', () => {
    expect(isoDateParts('2019-07-01')).toEqual({ year: 2019, month: 7, day: 1 });
    expect(() => isoDateParts('2019-02-30')).toThrow(RangeError);
  });

  it('adds months keeping the day when the target month has it', () => {
    expect(addMonths('2019-07-15', 6)).toBe('2020-01-15');
    expect(addMonths('2019-07-15', -7)).toBe('2018-12-15');
    expect(addMonths('2019-07-15', 24)).toBe('2021-07-15');
  });

  it('clamps to the month end by default when the target month is shorter (31 August + 6 months)', () => {
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
  });

  it('rolls to the 1st of the next month when asked, like a 29 February birthday', () => {
    expect(addMonths('2024-08-31', 6, 'roll')).toBe('2025-03-01');
    expect(addMonths('2020-02-29', 12, 'roll')).toBe('2021-03-01');
    expect(addMonths('2019-10-31', 1, 'roll')).toBe('2019-12-01');
  });

  it('rolls across a year end from a 31st', () => {
    // 31 December + 11 months → 31 November does not exist → 1 December.
    expect(addMonths('2019-12-31', 11, 'roll')).toBe('2020-12-01');
    expect(addMonths('2019-12-31', 11)).toBe('2020-11-30');
  });

  it('refuses a fractional number of months', () => {
    expect(() => addMonths('2019-01-01', 1.5)).toThrow(RangeError);
  });

  it('adds and subtracts days across month, year and leap-day boundaries', () => {
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });
});

describe('parseFlexibleDate', () => {
  it('returns a null value for empty input, so optional columns may stay blank', () => {
    expect(parseFlexibleDate(null)).toEqual({ ok: true, value: null });
    expect(parseFlexibleDate(undefined)).toEqual({ ok: true, value: null });
    expect(parseFlexibleDate('')).toEqual({ ok: true, value: null });
    expect(parseFlexibleDate(' \u3000 ')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['2019-07-01'],
    ['2019-7-1'],
    ['2019/07/01'],
    ['2019/7/1'],
    ['2019.07.01'],
    ['2019.7.1'],
    ['2019年7月1日'],
    ['2019年07月01日'],
    ['2019年7月1'],
    ['2019年7月1号'],
    ['20190701'],
    ['２０１９－０７－０１'],
    ['２０１９年７月１日'],
    ['2019 年 7 月 1 日'],
    [' 2019 - 07 - 01 '],
    ['2019-07-01 00:00:00'],
    ['2019-07-01T08:30'],
    ['2019/7/1 8:05'],
  ])('reads %j as 2019-07-01', (input) => {
    expect(parseFlexibleDate(input)).toEqual(ok('2019-07-01'));
  });

  it.each([
    ['2019-02-30', 'a day February never has'],
    ['2019-02-29', '29 February outside a leap year'],
    ['2019-13-01', 'month 13'],
    ['2019-04-31', 'day 31 in April'],
    ['2019-07-00', 'day zero'],
    ['2019年2月30日', 'an impossible day in Chinese form'],
    ['20190230', 'an impossible day in compact form'],
    ['2019-07/01', 'mixed separators'],
    ['19-07-01', 'a two-digit year, which is ambiguous'],
    ['2019-07', 'a month without a day'],
    ['201971', 'too few digits to be unambiguous'],
    ['43647', 'a serial number written as text'],
    ['0219-07-01', 'a year before 1900, which is a typo in this domain'],
    ['1899-12-31', 'the last day before 1900'],
    ['abc', 'letters'],
    ['2019-07-01x', 'trailing garbage'],
    ['2019-07-01 25:00', 'an hour that does not exist'],
    ['2019-07-01 12:60', 'a minute that does not exist'],
    ['2019-07-01T00:00:00Z', 'an instant with a zone, whose day depends on the zone'],
  ])('rejects %j (%s)', (input) => {
    expect(parseFlexibleDate(input)).toEqual(invalid);
  });

  it('accepts the first allowed day, 1900-01-01', () => {
    expect(parseFlexibleDate('1900-01-01')).toEqual(ok('1900-01-01'));
  });

  it('reads an Excel serial number in the 1900 date system (43647 is 2019-07-01)', () => {
    expect(parseFlexibleDate(43647)).toEqual(ok('2019-07-01'));
  });

  it('reads Excel serials around the fictitious 1900-02-29 correctly on both sides', () => {
    expect(parseFlexibleDate(1)).toEqual(ok('1900-01-01'));
    expect(parseFlexibleDate(59)).toEqual(ok('1900-02-28'));
    expect(parseFlexibleDate(61)).toEqual(ok('1900-03-01'));
    expect(parseFlexibleDate(36526)).toEqual(ok('2000-01-01'));
  });

  it('rejects serial 60, the 1900-02-29 that Excel shows but that never existed', () => {
    expect(parseFlexibleDate(60)).toEqual(invalid);
  });

  it('drops the time-of-day fraction of a serial', () => {
    expect(parseFlexibleDate(43647.75)).toEqual(ok('2019-07-01'));
  });

  it('rejects serials that are zero, negative, not finite or beyond 9999-12-31', () => {
    expect(parseFlexibleDate(0)).toEqual(invalid);
    expect(parseFlexibleDate(-1)).toEqual(invalid);
    expect(parseFlexibleDate(Number.NaN)).toEqual(invalid);
    expect(parseFlexibleDate(Number.POSITIVE_INFINITY)).toEqual(invalid);
    expect(parseFlexibleDate(2958465)).toEqual(ok('9999-12-31'));
    expect(parseFlexibleDate(2958466)).toEqual(invalid);
  });

  it('reads a JS Date by its UTC parts, as exceljs creates them at UTC midnight', () => {
    expect(parseFlexibleDate(new Date(Date.UTC(2019, 6, 1)))).toEqual(ok('2019-07-01'));
    // 23:30 UTC is already the next day in Beijing, but the cell's day is the UTC one.
    expect(parseFlexibleDate(new Date(Date.UTC(2019, 6, 1, 23, 30)))).toEqual(ok('2019-07-01'));
  });

  it('rejects an invalid Date object', () => {
    expect(parseFlexibleDate(new Date('not a date'))).toEqual(invalid);
  });

  it('rejects values of other types that slip through untyped spreadsheet code', () => {
    expect(parseFlexibleDate(true as unknown as string)).toEqual(invalid);
    expect(parseFlexibleDate({} as unknown as string)).toEqual(invalid);
  });
});
