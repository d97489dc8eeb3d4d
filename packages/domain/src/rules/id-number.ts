/**
 * Chinese resident citizen ID numbers (公民身份号码, GB 11643-1999): normalisation, validation
 * with the ISO 7064 MOD 11-2 check digit, what the number says about its holder, and age.
 *
 * Layout of the 18 characters: 6-digit region code of first registration, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women), 1 check character (0-9 or X for ten).
 */
import { compareIsoDate, isValidIsoDate, isoDateParts } from './dates.ts';

export type IdNumberInfo = {
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
  regionCode: string;
};

export type IdNumberErrorCode =
  | 'ID_NUMBER_LENGTH'
  | 'ID_NUMBER_FORMAT'
  | 'ID_NUMBER_BIRTH_DATE'
  | 'ID_NUMBER_CHECK_DIGIT';

export type IdNumberMismatchCode = 'ID_NUMBER_BIRTH_MISMATCH' | 'ID_NUMBER_SEX_MISMATCH';

export type IdCheck = { ok: true; value: string; info: IdNumberInfo } | { ok: false; code: IdNumberErrorCode };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Puts a number as typed or pasted into its canonical form: people paste numbers with spaces
 * ("110105 19900101 1234"), type them with a Chinese input method in full width, and write the
 * check character as a lower-case x. None of that makes the number different.
 */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/x/g, 'X');
}

/** Check character for the first 17 digits. Throws on anything but 17 digits (a caller bug). */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Validates a citizen ID number and reads birth date, sex and region from it. Errors come in the
 * order a person would fix them: length, then characters, then the birth date, then the check
 * digit (a wrong check digit usually means some other digit was mistyped).
 */
export function checkIdNumber(raw: string, today: string): IdCheck {
  const value = normalizeIdNumber(raw);
  // Count code points, not UTF-16 units, so a stray emoji counts as one wrong character.
  if (Array.from(value).length !== 18) return { ok: false, code: 'ID_NUMBER_LENGTH' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, code: 'ID_NUMBER_FORMAT' };

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (
    !isValidIsoDate(birthDate) ||
    compareIsoDate(birthDate, EARLIEST_BIRTH_DATE) < 0 ||
    compareIsoDate(birthDate, today) > 0
  ) {
    return { ok: false, code: 'ID_NUMBER_BIRTH_DATE' };
  }
  if (idNumberCheckDigit(value.slice(0, 17)) !== value[17]) return { ok: false, code: 'ID_NUMBER_CHECK_DIGIT' };

  return {
    ok: true,
    value,
    info: {
      birthDate,
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
      regionCode: value.slice(0, 6),
    },
  };
}

/**
 * Compares what the ID number says with what the record says. A field the record leaves empty is
 * not a mismatch: the number can fill it in.
 */
export function checkIdNumberAgainstRecord(
  info: IdNumberInfo,
  record: { birthDate?: string | null; sex?: 'male' | 'female' | null },
): Array<IdNumberMismatchCode> {
  const problems: IdNumberMismatchCode[] = [];
  if (record.birthDate && record.birthDate !== info.birthDate) problems.push('ID_NUMBER_BIRTH_MISMATCH');
  if (record.sex && record.sex !== info.sex) problems.push('ID_NUMBER_SEX_MISMATCH');
  return problems;
}

/**
 * Age in whole years on a given day. A birthday that the year lacks (29 February) is reached on
 * 1 March, so someone born on 2000-02-29 turns 18 on 2018-03-01, not on 28 February.
 * Before the birth date the result is negative (the floor of the fractional age), which keeps
 * "age >= 18" checks failing for impossible dates instead of throwing.
 */
export function ageOn(birthDate: string, on: string): number {
  const birth = isoDateParts(birthDate);
  const day = isoDateParts(on);
  let age = day.year - birth.year;
  // Comparing (month, day) pairs gives the 29 February rule for free: 28 Feb < 29 Feb < 1 Mar.
  if (day.month < birth.month || (day.month === birth.month && day.day < birth.day)) age -= 1;
  return age;
}
