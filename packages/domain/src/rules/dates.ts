/**
 * Calendar-day helpers and lenient date parsing for Excel imports and forms.
 *
 * Calendar days travel through the system as ISO strings (YYYY-MM-DD) rather than Date objects,
 * because a Date is an instant and silently shifts the day across time zones. Nothing here reads
 * the clock: callers pass "today" in.
 */

export type FlexibleDateResult =
  | { ok: true; value: string }
  | { ok: false; code: 'DATE_INVALID' }
  | { ok: true; value: null };

export type DateErrorCode = 'DATE_INVALID';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Excel's 1900 date system cannot express earlier days and no record in this domain predates
// 1900, so a year like 0219 or 1019 in an import is a typo that must be reported, not stored.
const MIN_PARSED_YEAR = 1900;

/**
 * Full-width ASCII (U+FF01–U+FF5E) to half-width, ideographic space to space, trim, and collapse
 * whitespace runs. Chinese input methods produce full-width digits and punctuation easily, and
 * spreadsheets keep them, so every free-text comparison starts here.
 */
export function normalizeText(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function formatIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a valid ISO date into numbers; throws on a malformed one because that is a caller bug. */
export function isoDateParts(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`Not a valid ISO calendar date: ${JSON.stringify(date)}`);
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Strict YYYY-MM-DD that names a real calendar day (2019-02-29 is false, 2020-02-29 true). */
export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Negative, zero or positive like a sort comparator. ISO dates order lexicographically. */
export function compareIsoDate(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Adds whole months to a calendar day. When the target month lacks the day (31 August + 6 months),
 * 'clamp' ends on the month's last day (28/29 February, as dayjs does) and 'roll' ends on the 1st
 * of the following month (the way a 29 February birthday counts from 1 March). Rules that must not
 * raise a false alarm pick whichever reading is more lenient for them.
 */
export function addMonths(date: string, months: number, overflow: 'clamp' | 'roll' = 'clamp'): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const { year, month, day } = isoDateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const last = daysInMonth(targetYear, targetMonth);
  if (day <= last) return formatIso(targetYear, targetMonth, day);
  if (overflow === 'clamp') return formatIso(targetYear, targetMonth, last);
  return targetMonth === 12 ? formatIso(targetYear + 1, 1, 1) : formatIso(targetYear, targetMonth + 1, 1);
}

/** Adds (or with a negative number subtracts) calendar days. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = isoDateParts(date);
  const d = new Date(Date.UTC(year, month - 1, day));
  // setUTCFullYear avoids Date.UTC's mapping of years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day + days);
  return formatIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function fromParts(year: number, month: number, day: number): FlexibleDateResult {
  if (year < MIN_PARSED_YEAR || !isRealDate(year, month, day)) return { ok: false, code: 'DATE_INVALID' };
  return { ok: true, value: formatIso(year, month, day) };
}

/**
 * Excel 1900 date system: serial 1 is 1900-01-01 and serial 60 is the non-existent 1900-02-29
 * that Lotus 1-2-3 invented and Excel kept, so serials from 61 on are one day "too high".
 * Time-of-day fractions are dropped: a cell holding a date with a time still means that day.
 */
function fromExcelSerial(serial: number): FlexibleDateResult {
  if (!Number.isFinite(serial)) return { ok: false, code: 'DATE_INVALID' };
  const whole = Math.floor(serial);
  if (whole < 1 || whole === 60 || whole > 2958465 /* 9999-12-31 */) return { ok: false, code: 'DATE_INVALID' };
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + whole * 86_400_000);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

// One separator used twice (2019-07-01, 2019/7/1, 2019.07.01), or the Chinese 年月日 form where
// the final 日 (or colloquial 号) is often left out. Mixed separators (2019-07/01) are rejected
// because they usually mean the cell was assembled by hand from two sources.
const SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Other systems export "2019-07-01 00:00:00"; a zone-less time of day does not change the day.
const TRAILING_TIME = /(?:\s+|T)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?$/;

function fromText(input: string): FlexibleDateResult {
  const text = normalizeText(input);
  if (text === '') return { ok: true, value: null };
  const compact = text.replace(TRAILING_TIME, '').replace(/\s+/g, '');
  const m = SEPARATED.exec(compact);
  if (m) return fromParts(Number(m[1]), Number(m[3]), Number(m[4]));
  const c = CHINESE.exec(compact) ?? COMPACT.exec(compact);
  if (c) return fromParts(Number(c[1]), Number(c[2]), Number(c[3]));
  return { ok: false, code: 'DATE_INVALID' };
}

/**
 * Reads a calendar day from whatever a spreadsheet cell or form field holds. Empty input is a
 * valid "no date" (value null) so that optional columns can be left blank.
 */
export function parseFlexibleDate(input: string | number | Date | null | undefined): FlexibleDateResult {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (input instanceof Date) {
    // exceljs builds Dates at UTC midnight of the cell's day; local parts would shift the day
    // for any server east or west of UTC.
    if (Number.isNaN(input.getTime())) return { ok: false, code: 'DATE_INVALID' };
    return fromParts(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  }
  if (typeof input === 'number') return fromExcelSerial(input);
  if (typeof input === 'string') return fromText(input);
  return { ok: false, code: 'DATE_INVALID' };
}
