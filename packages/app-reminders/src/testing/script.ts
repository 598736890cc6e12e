import { splitSms } from '@mwana/core';

/**
 * Script lines expecting `text` at `phone` as the phone receives it: split between words into
 * SMS of the country's length, as the outbox sends a long reply (160 by default; Malawi 158).
 */
export function receives(phone: string, text: string, maxLength = 160): string {
  return splitSms(text, maxLength)
    .map((part) => `${phone} < ${part}`)
    .join('\n');
}
