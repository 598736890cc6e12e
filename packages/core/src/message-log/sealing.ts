import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A text sealed under `key` (AES-256-GCM, `sealed:v1:<base64 iv|tag|ciphertext>`): what the
 * message log keeps of a clear text it must not show (a key derived from the PIN pepper,
 * never in the database: `PinHasher.derivedKey`).
 */
export function seal(key: Buffer, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `sealed:v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The clear text of `seal(key, text)`; throws on another key, a changed text or no sealed text at all. */
export function unseal(key: Buffer, sealed: string): string {
  const [scheme, version, data] = sealed.split(':');
  if (scheme !== 'sealed' || version !== 'v1' || !data) throw new Error('not a sealed text');
  const raw = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
