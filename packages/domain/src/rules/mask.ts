/**
 * Masking of personal numbers for lists, exports and logs. A list shows enough to tell two people
 * apart and to let someone confirm "that is my number", never enough to reuse it: the full value
 * is only shown on an audited full view.
 */
import { landlineAreaCodeLength, normalizePhone } from './phone.ts';

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n));
}

/**
 * '110105199001011234' → '110105********1234': region code and the last four stay, the birth date
 * and sequence (which reveal age and sex) go. Inputs of other lengths keep the same 6 + 4 shape
 * when long enough, and keep only the last four otherwise, so a malformed value never leaks whole.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber);
  if (chars.length > 10) return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('');
  if (chars.length > 4) return stars(chars.length - 4) + chars.slice(-4).join('');
  return stars(chars.length);
}

/**
 * Mobiles keep the 3-digit carrier prefix and the last four ('138****5678'); landlines keep the
 * area code and the last four ('010****5678', '0755***4567'). Anything else keeps the last four.
 */
export function maskPhone(phone: string): string {
  const value = normalizePhone(phone);
  const chars = Array.from(value);
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  const area = landlineAreaCodeLength(value);
  if (area > 0) return value.slice(0, area) + stars(value.length - area - 4) + value.slice(-4);
  if (chars.length > 4) return stars(chars.length - 4) + chars.slice(-4).join('');
  return stars(chars.length);
}

/** The last four characters, used to tell people apart in lists and for "last four of ID" look-ups. */
export function lastFour(s: string): string {
  return Array.from(s).slice(-4).join('');
}
