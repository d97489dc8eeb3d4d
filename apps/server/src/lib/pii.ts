/**
 * Personal data protection: citizen ID and phone numbers are stored encrypted (AES-256-GCM) with a
 * keyed hash (HMAC-SHA256) beside them for uniqueness checks and exact look-ups. Both keys derive
 * from one data key; without DATA_KEY a key is generated once into the data folder (mode 0600).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Pii = {
  encrypt: (plain: string) => string;
  decrypt: (sealed: string) => string;
  hash: (kind: 'id' | 'phone', normalized: string) => string;
};

export function createPii(dataKey: Buffer): Pii {
  if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const encKey = crypto.createHmac('sha256', dataKey).update('pioneer:encrypt:v1').digest();
  const macKey = crypto.createHmac('sha256', dataKey).update('pioneer:lookup:v1').digest();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    hash(kind, normalized) {
      return crypto.createHmac('sha256', macKey).update(`${kind}:${normalized}`).digest('base64url');
    },
  };
}

/** The configured key, or the one kept in the data folder (created on first start). */
export function loadDataKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'base64');
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  return key;
}
