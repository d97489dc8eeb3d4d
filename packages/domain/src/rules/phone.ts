/**
 * Mainland China phone numbers: mobiles (11 digits, 1[3-9]…) and fixed lines with their area
 * code. Stored as digits only, area code included, so that one person's number typed three
 * different ways ("010-1234 5678", "(010)12345678", "＋86 138…") is one value.
 */

export type PhoneCheck = { ok: true; value: string } | { ok: false; code: 'PHONE_INVALID' };

const MOBILE = /^1[3-9]\d{9}$/;
// Beijing (010) and the 02x cities have 3-digit area codes and 8-digit local numbers; every other
// area code has 4 digits and 7- or 8-digit local numbers. A local number never starts with 0 (the
// trunk prefix), so "0100…" is a doubled prefix, not a number. Dialling rules are not checked
// further: a rejected real number costs more than an accepted odd one.
const LANDLINE_SHORT_AREA = /^(?:010|02\d)[1-9]\d{7}$/;
const LANDLINE_LONG_AREA = /^0[3-9]\d{2}[1-9]\d{6,7}$/;

/**
 * Removes formatting without judging validity: full-width characters, spaces, dashes, dots and
 * brackets go; an international prefix (+86, 0086, or a bare 86 before a mobile) goes, and a
 * landline written internationally (+86 10 …) gets its domestic trunk 0 back.
 */
export function normalizePhone(raw: string): string {
  let s = raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-\u2010-\u2015.()]/g, '');
  const international = /^(?:\+|00)86(\d+)$/.exec(s);
  if (international) {
    const national = international[1]!;
    s = MOBILE.test(national) || national.startsWith('0') ? national : `0${national}`;
  } else if (/^861[3-9]\d{9}$/.test(s)) {
    // Only strip a bare 86 when what remains is a mobile: "86…" may also begin a local number.
    s = s.slice(2);
  }
  return s;
}

export function checkPhone(raw: string): PhoneCheck {
  const value = normalizePhone(raw);
  if (MOBILE.test(value) || LANDLINE_SHORT_AREA.test(value) || LANDLINE_LONG_AREA.test(value)) {
    return { ok: true, value };
  }
  return { ok: false, code: 'PHONE_INVALID' };
}

/** Digits of the area code of a normalised landline (3 or 4), or 0 for anything else. */
export function landlineAreaCodeLength(normalized: string): 0 | 3 | 4 {
  if (LANDLINE_SHORT_AREA.test(normalized)) return 3;
  if (LANDLINE_LONG_AREA.test(normalized)) return 4;
  return 0;
}
