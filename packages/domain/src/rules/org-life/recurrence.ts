/**
 * Recurring plans of a branch's year (a theme party day on a fixed day each month, an assembly in
 * the first month of each quarter…): the stored shape of a recurrence and its expansion into the
 * local calendar days of one year, from which planned activities are created.
 *
 * A day that a month lacks (31 in April, 29–31 in February) falls on the month's last day, so
 * "every month on the 31st" means "on the last day of every month" and no month is skipped.
 * Weekdays are ISO: 1 = Monday … 7 = Sunday.
 */
import { z } from 'zod';
import { addDays, daysInMonth, isoDateParts } from '../dates.ts';

export type RecurrenceErrorCode = 'RECURRENCE_DAY_OUT_OF_RANGE';

const day = z.number().int('RECURRENCE_DAY_OUT_OF_RANGE').min(1, 'RECURRENCE_DAY_OUT_OF_RANGE').max(31, 'RECURRENCE_DAY_OUT_OF_RANGE');

export const recurrenceSchema = z.discriminatedUnion('freq', [
  z.object({ freq: z.literal('monthly'), day }),
  z.object({ freq: z.literal('quarterly'), monthOfQuarter: z.literal([1, 2, 3]), day }),
  z
    .object({ freq: z.literal('yearly'), month: z.number().int().min(1).max(12), day })
    // A yearly date names one month, so a day it never has (30 February) is a typo, not a wish
    // for the month's end. 29 February is allowed and falls on the 28th in common years.
    .refine((r) => r.day <= (r.month === 2 ? 29 : daysInMonth(2001, r.month)), { message: 'RECURRENCE_DAY_OUT_OF_RANGE', path: ['day'] }),
  z.object({ freq: z.literal('weekly'), weekday: z.literal([1, 2, 3, 4, 5, 6, 7]) }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

const pad2 = (n: number) => String(n).padStart(2, '0');
const onDay = (year: number, month: number, d: number) => `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(Math.min(d, daysInMonth(year, month)))}`;

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day. */
export function isoWeekday(localDate: string): number {
  const { year, month, day: d } = isoDateParts(localDate);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, d);
  return date.getUTCDay() === 0 ? 7 : date.getUTCDay();
}

/**
 * The local days of `year` on which the recurrence falls, in order; with `fromDate`, only those on
 * or after it (a plan made in May does not create activities in the past).
 */
export function expandRecurrence(rec: Recurrence, year: number, fromDate?: string): string[] {
  const parsed = recurrenceSchema.safeParse(rec);
  if (!parsed.success) throw new RangeError(`Not a valid recurrence: ${JSON.stringify(rec)}`);
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Not a valid year: ${year}`);
  if (fromDate !== undefined) isoDateParts(fromDate);
  const r = parsed.data;
  let dates: string[];
  switch (r.freq) {
    case 'monthly':
      dates = Array.from({ length: 12 }, (_, i) => onDay(year, i + 1, r.day));
      break;
    case 'quarterly':
      dates = [0, 1, 2, 3].map((q) => onDay(year, q * 3 + r.monthOfQuarter, r.day));
      break;
    case 'yearly':
      dates = [onDay(year, r.month, r.day)];
      break;
    case 'weekly': {
      dates = [];
      const jan1 = `${String(year).padStart(4, '0')}-01-01`;
      for (let d = addDays(jan1, (r.weekday - isoWeekday(jan1) + 7) % 7); d.startsWith(jan1.slice(0, 5)); d = addDays(d, 7)) dates.push(d);
      break;
    }
  }
  return fromDate === undefined ? dates : dates.filter((d) => d >= fromDate);
}

const ZH_WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '每月15日', '每季度第1个月15日', '每年7月1日', '每周星期三'; 'Monthly on day 15', … */
export function recurrenceLabel(rec: Recurrence, lang: 'zh-CN' | 'en'): string {
  const endNote = (d: number) => (d >= 29 ? (lang === 'zh-CN' ? '（无此日的月份为月末）' : ' (or the month’s last day)') : '');
  switch (rec.freq) {
    case 'monthly':
      return lang === 'zh-CN' ? `每月${rec.day}日${endNote(rec.day)}` : `Monthly on day ${rec.day}${endNote(rec.day)}`;
    case 'quarterly':
      return lang === 'zh-CN'
        ? `每季度第${rec.monthOfQuarter}个月${rec.day}日${endNote(rec.day)}`
        : `Quarterly, month ${rec.monthOfQuarter} of the quarter, day ${rec.day}${endNote(rec.day)}`;
    case 'yearly':
      return lang === 'zh-CN' ? `每年${rec.month}月${rec.day}日` : `Yearly on ${rec.day} ${EN_MONTHS[rec.month - 1]}`;
    case 'weekly':
      return lang === 'zh-CN' ? `每周星期${ZH_WEEKDAYS[rec.weekday - 1]}` : `Weekly on ${EN_WEEKDAYS[rec.weekday - 1]}`;
  }
}
