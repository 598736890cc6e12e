import { lettersToDigits, removeDashAndPlus, wordsToNumber } from '@mwana/core';

/**
 * The number in `SENT <number of samples>` as health workers type it (docs/keywords.md#sent): `-1` is 1,
 * `4o` is 40, `40 samples anythin` is 40, `hundred twenti 5 samples` is 125; a text with one
 * run of digits somewhere is that number. Null when no number can be read.
 */
export function parseSampleCount(text: string): number | null {
  const plain = removeDashAndPlus(text).trim();
  const digits = lettersToDigits(plain);
  if (/^\d+$/.test(digits)) return Number(digits);
  const first = plain.split(/\s+/)[0] ?? '';
  if (/^\d+$/.test(first)) return Number(first);
  const words = wordsToNumber(plain);
  if (words !== null) return words;
  const runs = text.match(/\d+/g) ?? [];
  return runs.length === 1 ? Number(runs[0]) : null;
}
