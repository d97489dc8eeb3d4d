import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPassword, generatePassword } from './password-policy.ts';

describe('checkPassword', () => {
  it('accepts 8 characters from three classes', () => {
    expect(checkPassword('Abcdef12', 'zhangsan')).toEqual([]);
  });

  it('accepts all four classes', () => {
    expect(checkPassword('Abc-def12', 'zhangsan')).toEqual([]);
  });

  it('rejects 7 characters even with all four classes', () => {
    expect(checkPassword('Ab1-xyz', 'zhangsan')).toEqual(['PASSWORD_TOO_SHORT']);
  });

  it('counts characters, not UTF-16 units, so an emoji does not make a password longer', () => {
    // 7 code points but 8 UTF-16 units: the emoji is a surrogate pair.
    expect(checkPassword('Ab1xy😀z', 'zhangsan')).toEqual(['PASSWORD_TOO_SHORT']);
  });

  it('rejects two classes however long the password is', () => {
    expect(checkPassword('abcdefgh12345678', 'zhangsan')).toEqual(['PASSWORD_TOO_FEW_CLASSES']);
    expect(checkPassword('ABCDEFGHabcdefgh', 'zhangsan')).toEqual(['PASSWORD_TOO_FEW_CLASSES']);
  });

  it('counts punctuation, spaces and Chinese characters as the symbol class', () => {
    expect(checkPassword('abcdefg1!', 'u')).toEqual([]);
    expect(checkPassword('abcdefg1 ', 'u')).toEqual([]);
    expect(checkPassword('abcdefg1党', 'u')).toEqual([]);
  });

  it('reports every problem at once so the form can show them together', () => {
    expect(checkPassword('abc', 'zhangsan')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CLASSES']);
    expect(checkPassword('', 'zhangsan')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CLASSES']);
  });

  it('rejects the username as password, ignoring case', () => {
    expect(checkPassword('Zhang_san01', 'zhang_san01')).toEqual(['PASSWORD_EQUALS_USERNAME']);
    expect(checkPassword('ZHANG_SAN01', 'Zhang_San01')).toEqual(['PASSWORD_EQUALS_USERNAME']);
  });

  it('rejects the username written backwards, the next guess after the username itself', () => {
    expect(checkPassword('10Nas_gnahZ', 'zhang_san01')).toEqual(['PASSWORD_EQUALS_USERNAME']);
  });

  it('accepts a password that merely contains the username', () => {
    expect(checkPassword('Zhang_san01!', 'zhang_san01')).toEqual([]);
  });

  it('ignores surrounding spaces in the username, as the login form trims it', () => {
    expect(checkPassword('Zhang_san01', ' zhang_san01 ')).toEqual(['PASSWORD_EQUALS_USERNAME']);
  });

  it('does not flag an empty username as matching anything', () => {
    expect(checkPassword('Abcdef12', '')).toEqual([]);
  });
});

describe('generatePassword', () => {
  it('produces 16 characters that pass the policy, over many real random draws', () => {
    for (let i = 0; i < 500; i++) {
      const password = generatePassword(randomBytes);
      expect(password).toHaveLength(16);
      expect(checkPassword(password, 'admin')).toEqual([]);
    }
  });

  it('uses every class even when the random source is all zeros', () => {
    const password = generatePassword((n) => new Uint8Array(n));
    expect(password).toHaveLength(16);
    expect(checkPassword(password, 'admin')).toEqual([]);
  });

  it('leaves out look-alike characters that are hard to read off a printed slip', () => {
    const seen = Array.from({ length: 200 }, () => generatePassword(randomBytes)).join('');
    expect(seen).not.toMatch(/[0O1lIo]/);
  });

  it('gives different passwords for different random input', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword(randomBytes)));
    expect(passwords.size).toBe(50);
  });

  it('is deterministic for a given byte stream, so it depends only on the injected source', () => {
    const stream = () => {
      let counter = 0;
      return (n: number) => Uint8Array.from({ length: n }, () => (counter++ * 37) % 256);
    };
    expect(generatePassword(stream())).toBe(generatePassword(stream()));
  });

  it('rejects biased bytes instead of folding them with modulo', () => {
    // Alphabet of 8 digits divides 256, but the 24-letter alphabets do not: 256 - 256 % 24 = 240,
    // so bytes 240–255 must be skipped. A source that yields 250 then zeros must behave exactly
    // like a source of zeros, because the first byte is thrown away rather than used.
    let first = true;
    const skewed = (n: number) => {
      const bytes = new Uint8Array(n);
      if (first) {
        bytes[0] = 250;
        first = false;
      }
      return bytes;
    };
    expect(generatePassword(skewed)).toBe(generatePassword((n) => new Uint8Array(n)));
  });

  it('fails loudly rather than hanging when the random source only yields rejected bytes', () => {
    expect(() => generatePassword((n) => new Uint8Array(n).fill(255))).toThrow(/random/);
  });

  it('fails loudly when the random source yields nothing', () => {
    expect(() => generatePassword(() => new Uint8Array(0))).toThrow(/no bytes/);
  });
});
