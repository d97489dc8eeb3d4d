import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPii, loadDataKey } from './pii.ts';

describe('personal data protection', () => {
  const pii = createPii(crypto.randomBytes(32));

  it('encrypts so that the ciphertext reveals nothing and round-trips', () => {
    const sealed = pii.encrypt('11010519491231002X');
    expect(sealed).not.toContain('1101051949');
    expect(pii.encrypt('11010519491231002X')).not.toBe(sealed);
    expect(pii.decrypt(sealed)).toBe('11010519491231002X');
  });

  it('detects tampering', () => {
    const sealed = pii.encrypt('13812345678').split('.');
    sealed[3] = Buffer.from('13812345679').toString('base64');
    expect(() => pii.decrypt(sealed.join('.'))).toThrow();
  });

  it('hashes deterministically per kind and per key', () => {
    expect(pii.hash('phone', '13812345678')).toBe(pii.hash('phone', '13812345678'));
    expect(pii.hash('phone', '13812345678')).not.toBe(pii.hash('id', '13812345678'));
    expect(createPii(crypto.randomBytes(32)).hash('phone', '13812345678')).not.toBe(pii.hash('phone', '13812345678'));
  });

  it('creates the data key once in the data folder, readable only by the owner', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-key-'));
    const key = loadDataKey(undefined, dir);
    expect(key.length).toBe(32);
    expect(loadDataKey(undefined, dir).equals(key)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });
});
