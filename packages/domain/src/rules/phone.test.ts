import { describe, expect, it } from 'vitest';
import { checkPhone, landlineAreaCodeLength, normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it('strips spaces, dashes and dots', () => {
    expect(normalizePhone(' 138 1234 5678 ')).toBe('13812345678');
    expect(normalizePhone('138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('138.1234.5678')).toBe('13812345678');
  });

  it('turns full-width digits and dashes into half-width', () => {
    expect(normalizePhone('１３８１２３４５６７８')).toBe('13812345678');
    expect(normalizePhone('０１０－１２３４５６７８')).toBe('01012345678');
  });

  it('strips brackets around an area code', () => {
    expect(normalizePhone('(010)12345678')).toBe('01012345678');
    expect(normalizePhone('（0755）1234567')).toBe('07551234567');
  });

  it('removes +86, 0086 and a bare 86 in front of a mobile', () => {
    expect(normalizePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizePhone('0086-13812345678')).toBe('13812345678');
    expect(normalizePhone('8613812345678')).toBe('13812345678');
    expect(normalizePhone('＋８６１３８１２３４５６７８')).toBe('13812345678');
  });

  it('restores the trunk 0 of a landline written in international form', () => {
    expect(normalizePhone('+86 10 1234 5678')).toBe('01012345678');
    expect(normalizePhone('+86 755 1234567')).toBe('07551234567');
  });

  it('keeps a bare 86 that does not precede a mobile, since it may be part of a local number', () => {
    expect(normalizePhone('86123456')).toBe('86123456');
  });
});

describe('checkPhone', () => {
  it.each(['13012345678', '13812345678', '15912345678', '17712345678', '19912345678'])(
    'accepts the mobile %s',
    (phone) => {
      expect(checkPhone(phone)).toEqual({ ok: true, value: phone });
    },
  );

  it('rejects mobiles whose second digit is 0, 1 or 2, which no carrier issues', () => {
    expect(checkPhone('10012345678')).toEqual({ ok: false, code: 'PHONE_INVALID' });
    expect(checkPhone('11012345678')).toEqual({ ok: false, code: 'PHONE_INVALID' });
    expect(checkPhone('12012345678')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  it('rejects a mobile with 10 or 12 digits', () => {
    expect(checkPhone('1381234567')).toEqual({ ok: false, code: 'PHONE_INVALID' });
    expect(checkPhone('138123456789')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  it('accepts a formatted mobile and stores its digits', () => {
    expect(checkPhone('+86 138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
  });

  it('accepts Beijing and 02x landlines with 8-digit local numbers', () => {
    expect(checkPhone('010-12345678')).toEqual({ ok: true, value: '01012345678' });
    expect(checkPhone('010-62345678')).toEqual({ ok: true, value: '01062345678' });
    expect(checkPhone('021 5234 5678')).toEqual({ ok: true, value: '02152345678' });
  });

  it('accepts 4-digit area codes with 7- or 8-digit local numbers', () => {
    expect(checkPhone('0755-1234567')).toEqual({ ok: true, value: '07551234567' });
    expect(checkPhone('0755-2345678')).toEqual({ ok: true, value: '07552345678' });
    expect(checkPhone('0755-23456789')).toEqual({ ok: true, value: '075523456789' });
  });

  it('rejects a local number that starts with 0, which means the trunk prefix was typed twice', () => {
    expect(checkPhone('0755-0234567')).toEqual({ ok: false, code: 'PHONE_INVALID' });
    expect(checkPhone('010-02345678')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  it('rejects a landline without an area code, which cannot be stored unambiguously', () => {
    expect(checkPhone('62345678')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  it('rejects a landline whose area code does not start with 0', () => {
    expect(checkPhone('755-2345678')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  it('rejects a 3-digit area code followed by only 7 digits', () => {
    expect(checkPhone('010-6234567')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  it('rejects empty input, letters and extensions', () => {
    expect(checkPhone('')).toEqual({ ok: false, code: 'PHONE_INVALID' });
    expect(checkPhone('138abcd5678')).toEqual({ ok: false, code: 'PHONE_INVALID' });
    expect(checkPhone('010-62345678转123')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });
});

describe('landlineAreaCodeLength', () => {
  it('tells 3-digit from 4-digit area codes and answers 0 for a mobile', () => {
    expect(landlineAreaCodeLength('01062345678')).toBe(3);
    expect(landlineAreaCodeLength('07552345678')).toBe(4);
    expect(landlineAreaCodeLength('13812345678')).toBe(0);
  });
});
