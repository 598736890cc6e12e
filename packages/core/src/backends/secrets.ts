import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a secret a caller gave with the configured one in constant time (hashes first, so lengths never leak). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
