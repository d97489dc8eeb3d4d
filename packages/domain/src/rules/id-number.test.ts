import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkIdNumber,
  checkIdNumberAgainstRecord,
  idNumberCheckDigit,
  normalizeIdNumber,
} from './id-number.ts';

const TODAY = '2025-06-15';

/** A valid number for a given birth date and sequence, built with the function under test. */
function validId(region: string, birth: string, sequence: string): string {
  const first17 = region + birth + sequence;
  return first17 + idNumberCheckDigit(first17);
}

describe('normalizeIdNumber', () => {
  it('trims and removes spaces that people add when copying from a card', () => {
    expect(normalizeIdNumber('  110105 19900101 1232 ')).toBe('110105199001011232');
  });

  it('converts full-width digits and letters from a Chinese input method to half-width', () => {
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });

  it('upper-cases a lower-case x check character', () => {
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('removes ideographic spaces and tabs as well as ASCII spaces', () => {
    expect(normalizeIdNumber('110105\u300019900101\t1232')).toBe('110105199001011232');
  });
});

describe('idNumberCheckDigit', () => {
  // Verified by hand: Σ(digit × weight) = 167, 167 mod 11 = 2 → 'X'.
  it('gives X for the GB 11643 example 11010519491231002', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
  });

  // Verified by hand: Σ = 142, 142 mod 11 = 10 → '2'.
  it('gives 2 for 11010519900101123', () => {
    expect(idNumberCheckDigit('11010519900101123')).toBe('2');
  });

  // Verified by hand: Σ = 195, 195 mod 11 = 8 → '4'.
  it('gives 4 for the GB 11643 example 44052418800101001', () => {
    expect(idNumberCheckDigit('44052418800101001')).toBe('4');
  });

  it('refuses input that is not exactly 17 digits, because that is a programming error', () => {
    expect(() => idNumberCheckDigit('1101051990010112')).toThrow(RangeError);
    expect(() => idNumberCheckDigit('1101051990010112X')).toThrow(RangeError);
  });
});

describe('checkIdNumber', () => {
  it('accepts a hand-verified valid number and reads birth date, sex and region from it', () => {
    expect(checkIdNumber('110105199001011232', TODAY)).toEqual({
      ok: true,
      value: '110105199001011232',
      info: { birthDate: '1990-01-01', sex: 'male', regionCode: '110105' },
    });
  });

  it('accepts X as check digit (hand-verified GB 11643 example) and reads a woman from an even 17th digit', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      info: { birthDate: '1949-12-31', sex: 'female', regionCode: '110105' },
    });
  });

  it('accepts a lower-case x and returns the normalised value', () => {
    const result = checkIdNumber(' 11010519491231002x ', TODAY);
    expect(result.ok && result.value).toBe('11010519491231002X');
  });

  it('rejects an ID number whose check digit is wrong', () => {
    // The mask example from the brief: its true check digit is 2, not 4.
    expect(checkIdNumber('110105199001011234', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_CHECK_DIGIT' });
  });

  it('rejects a number where two digits are swapped, which the check digit exists to catch', () => {
    expect(checkIdNumber('110105199001012132', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_CHECK_DIGIT' });
  });

  it('rejects an old 15-digit number with a length error', () => {
    expect(checkIdNumber('110105900101123', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_LENGTH' });
  });

  it('rejects 17 and 19 characters with a length error', () => {
    expect(checkIdNumber('11010519900101123', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_LENGTH' });
    expect(checkIdNumber('1101051990010112320', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_LENGTH' });
  });

  it('rejects an empty string with a length error', () => {
    expect(checkIdNumber('   ', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_LENGTH' });
  });

  it('counts an emoji as one character, so 17 digits plus an emoji is a format error, not a length error', () => {
    expect(checkIdNumber('11010519900101123😀', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
  });

  it('rejects X anywhere but the last position', () => {
    expect(checkIdNumber('1101051990010112X2', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
  });

  it('rejects a letter other than X as the check character', () => {
    expect(checkIdNumber('11010519900101123A', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
  });

  it('rejects a letter O typed for a zero', () => {
    expect(checkIdNumber('11O105199001011232', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
  });

  it('rejects a birth date that does not exist (30 February), even with a matching check digit', () => {
    const id = validId('110105', '19990230', '123');
    expect(checkIdNumber(id, TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('rejects 29 February in a year that is not a leap year (1900 is not one)', () => {
    expect(checkIdNumber(validId('110105', '19000229', '123'), TODAY)).toEqual({
      ok: false,
      code: 'ID_NUMBER_BIRTH_DATE',
    });
  });

  it('accepts 29 February in a leap year (2000 is one, being divisible by 400)', () => {
    // Verified by hand: Σ = 130, 130 mod 11 = 9 → '3'.
    const result = checkIdNumber('310101200002290023', TODAY);
    expect(result).toEqual({
      ok: true,
      value: '310101200002290023',
      info: { birthDate: '2000-02-29', sex: 'female', regionCode: '310101' },
    });
  });

  it('rejects month 13 and day 00', () => {
    expect(checkIdNumber(validId('110105', '19901301', '123'), TODAY).ok).toBe(false);
    expect(checkIdNumber(validId('110105', '19900100', '123'), TODAY)).toEqual({
      ok: false,
      code: 'ID_NUMBER_BIRTH_DATE',
    });
  });

  it('rejects a birth date before 1900 although the check digit is right (GB 11643 example 1880)', () => {
    expect(checkIdNumber('440524188001010014', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('accepts a birth date of 1900-01-01, the first day allowed', () => {
    expect(checkIdNumber(validId('440524', '19000101', '001'), TODAY).ok).toBe(true);
  });

  it('accepts someone born today but rejects someone born tomorrow', () => {
    expect(checkIdNumber(validId('110105', '20250615', '001'), TODAY).ok).toBe(true);
    expect(checkIdNumber(validId('110105', '20250616', '001'), TODAY)).toEqual({
      ok: false,
      code: 'ID_NUMBER_BIRTH_DATE',
    });
  });

  it('reads the sex from the 17th character only: odd is male, even (including 0) is female', () => {
    const sexOf = (seq: string) => {
      const r = checkIdNumber(validId('110105', '19900101', seq), TODAY);
      return r.ok ? r.info.sex : r.code;
    };
    expect(sexOf('001')).toBe('male');
    expect(sexOf('009')).toBe('male');
    expect(sexOf('010')).toBe('female');
    expect(sexOf('998')).toBe('female');
  });
});

describe('checkIdNumberAgainstRecord', () => {
  const info = { birthDate: '1990-01-01', sex: 'male' as const, regionCode: '110105' };

  it('finds nothing when birth date and sex agree', () => {
    expect(checkIdNumberAgainstRecord(info, { birthDate: '1990-01-01', sex: 'male' })).toEqual([]);
  });

  it('reports a birth date that differs from the one in the number', () => {
    expect(checkIdNumberAgainstRecord(info, { birthDate: '1990-01-02', sex: 'male' })).toEqual([
      'ID_NUMBER_BIRTH_MISMATCH',
    ]);
  });

  it('reports a sex that differs from the one the number implies', () => {
    expect(checkIdNumberAgainstRecord(info, { birthDate: '1990-01-01', sex: 'female' })).toEqual([
      'ID_NUMBER_SEX_MISMATCH',
    ]);
  });

  it('reports both mismatches together so the form can show them at once', () => {
    expect(checkIdNumberAgainstRecord(info, { birthDate: '1991-01-01', sex: 'female' })).toEqual([
      'ID_NUMBER_BIRTH_MISMATCH',
      'ID_NUMBER_SEX_MISMATCH',
    ]);
  });

  it('treats empty record fields as unknown, not as a mismatch', () => {
    expect(checkIdNumberAgainstRecord(info, {})).toEqual([]);
    expect(checkIdNumberAgainstRecord(info, { birthDate: null, sex: null })).toEqual([]);
  });
});

describe('ageOn', () => {
  it('counts the full year only from the birthday itself', () => {
    expect(ageOn('2000-06-15', '2018-06-14')).toBe(17);
    expect(ageOn('2000-06-15', '2018-06-15')).toBe(18);
    expect(ageOn('2000-06-15', '2018-06-16')).toBe(18);
  });

  it('is zero on the day of birth', () => {
    expect(ageOn('2000-06-15', '2000-06-15')).toBe(0);
  });

  it('treats 29 February birthdays as reached on 1 March in non-leap years', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
  });

  it('treats 29 February birthdays as reached on 29 February in leap years', () => {
    expect(ageOn('2000-02-29', '2016-02-28')).toBe(15);
    expect(ageOn('2000-02-29', '2016-02-29')).toBe(16);
  });

  it('handles a birthday at the end of December across the year boundary', () => {
    expect(ageOn('1990-12-31', '2008-12-30')).toBe(17);
    expect(ageOn('1990-12-31', '2008-12-31')).toBe(18);
    expect(ageOn('1990-12-31', '2009-01-01')).toBe(18);
  });

  it('goes negative before birth so that an "at least 18" check still fails', () => {
    expect(ageOn('2000-06-15', '2000-06-14')).toBe(-1);
  });

  it('throws on a malformed date, which is a caller bug rather than user input', () => {
    expect(() => ageOn('2000-02-30', '2018-01-01')).toThrow(RangeError);
    expect(() => ageOn('2000-01-01', '2018/01/01')).toThrow(RangeError);
  });
});
