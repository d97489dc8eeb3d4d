import { describe, expect, it } from 'vitest';
import { lastFour, maskIdNumber, maskPhone } from './mask.ts';

describe('maskIdNumber', () => {
  it('keeps the region code and the last four and hides the birth date and sequence', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234');
  });

  it('keeps an X check character visible as part of the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('never reveals the 8 birth-date digits', () => {
    expect(maskIdNumber('110105199001011232')).not.toContain('19900101');
  });

  it('keeps the 6 + 4 shape for a malformed long value, so its length still shows', () => {
    expect(maskIdNumber('110105900101123')).toBe('110105*****1123');
  });

  it('keeps only the last four of a short value and hides a value of four or fewer entirely', () => {
    expect(maskIdNumber('1234567')).toBe('***4567');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('keeps the carrier prefix and the last four of a mobile', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks a formatted mobile the same way as the stored form', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
  });

  it('keeps a 3-digit area code and the last four of a landline', () => {
    expect(maskPhone('01012345678')).toBe('010****5678');
  });

  it('keeps a 4-digit area code and the last four of a landline with a 7-digit local number', () => {
    expect(maskPhone('07551234567')).toBe('0755***4567');
  });

  it('keeps a 4-digit area code and the last four of a landline with an 8-digit local number', () => {
    expect(maskPhone('075512345678')).toBe('0755****5678');
  });

  it('keeps only the last four of anything it does not recognise', () => {
    expect(maskPhone('62345678')).toBe('****5678');
    expect(maskPhone('123')).toBe('***');
  });
});

describe('lastFour', () => {
  it('returns the last four characters', () => {
    expect(lastFour('110105199001011234')).toBe('1234');
    expect(lastFour('11010519491231002X')).toBe('002X');
  });

  it('returns the whole value when it is shorter than four characters', () => {
    expect(lastFour('12')).toBe('12');
    expect(lastFour('')).toBe('');
  });
});
