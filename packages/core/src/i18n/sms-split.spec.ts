import fc from 'fast-check';
import { GSM7_BASIC_CHARACTERS, GSM7_EXTENSION_CHARACTERS } from './gsm7';
import { segmentInfo, splitSms } from './sms-encoding';

const WHITESPACE = /^[ \t\n\r\f]*$/;

/**
 * The whitespace splitSms removed, if `text` is exactly the parts with a run of breakable
 * whitespace (possibly empty) after each one; undefined if anything else was lost or changed.
 */
function removedWhitespace(text: string, parts: readonly string[], i = 0, pos = 0): string[] | undefined {
  if (!text.startsWith(parts[i], pos)) return undefined;
  const end = pos + parts[i].length;
  if (i === parts.length - 1) return WHITESPACE.test(text.slice(end)) ? [text.slice(end)] : undefined;
  for (let next = end; next <= text.length && WHITESPACE.test(text.slice(end, next)); next++) {
    const rest = removedWhitespace(text, parts, i + 1, next);
    if (rest) return [text.slice(end, next), ...rest];
  }
  return undefined;
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

describe('splitSms', () => {
  it('returns a text that fits as it is, whitespace and all', () => {
    expect(splitSms('  Moni  ', 160)).toEqual(['  Moni  ']);
    expect(splitSms('', 160)).toEqual(['']);
    expect(splitSms('a'.repeat(160), 160)).toEqual(['a'.repeat(160)]);
  });

  it('splits between words, dropping only the spaces at the split', () => {
    expect(splitSms('Moni, zotsatira zafika ku chipatala', 20)).toEqual(['Moni, zotsatira', 'zafika ku chipatala']);
    expect(splitSms('one two\n\n three', 9)).toEqual(['one two', 'three']);
    expect(splitSms('one two   three', 8)).toEqual(['one two', 'three']); // the whole run, not just the space at the limit
  });

  it('splits 161 GSM characters for Zambia (160) and 159 for Malawi (158)', () => {
    const words = `${'abcd '.repeat(31)}abcdef`; // 161 characters
    expect(splitSms(words, 160)).toEqual([`${'abcd '.repeat(30)}abcd`, 'abcdef']);
    expect(splitSms(words.slice(0, 158), 158)).toHaveLength(1);
    expect(splitSms(words.slice(0, 159), 158)).toEqual([`${'abcd '.repeat(30)}abcd`, 'abcd']);
  });

  it('cuts inside a word only when the word is longer than a part', () => {
    expect(splitSms('x'.repeat(400), 160)).toEqual(['x'.repeat(160), 'x'.repeat(160), 'x'.repeat(80)]);
    expect(splitSms(`ok ${'y'.repeat(12)}`, 10)).toEqual(['ok', 'y'.repeat(10), 'yy']);
  });

  it('does not split at a no-break space', () => {
    expect(splitSms('K\u00a0500 paid', 8)).toEqual(['K\u00a0500', 'paid']);
    expect(splitSms('ab\u00a0cdefgh', 6)).toEqual(['ab\u00a0cde', 'fgh']);
  });

  it('counts € as two septets when filling a part', () => {
    expect(splitSms(`${'a'.repeat(159)}€ b`, 160)).toEqual(['a'.repeat(159), '€ b']);
  });

  it('counts UCS-2 parts in UTF-16 units and never cuts a surrogate pair', () => {
    expect(splitSms(`${'😀'.repeat(5)}`, 5)).toEqual(['😀😀', '😀😀', '😀']);
    const parts = splitSms(`Zikomo 👍 ${'mawu '.repeat(40)}`, 70);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(70);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join(' ')).toBe(`Zikomo 👍 ${'mawu '.repeat(40)}`); // the last part keeps its trailing space: it fits
  });

  it('keeps a grapheme (flag, accent) whole when cutting a long word', () => {
    expect(splitSms('🇿🇲🇲🇼🇿🇲', 6)).toEqual(['🇿🇲', '🇲🇼', '🇿🇲']);
    expect(splitSms('abcde\u0301f', 5)).toEqual(['abcd', 'e\u0301f']);
  });

  it('rejects a limit a single character may not fit in', () => {
    expect(() => splitSms('abc', 1)).toThrow(RangeError);
    expect(() => splitSms('abc', 10.5)).toThrow(RangeError);
  });

  // Characters splitSms treats specially, mixed with the whole of Unicode and lone surrogates.
  const char = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(' ', ' ', '\n', '\t', '\r', '\f', '\u00a0'),
    fc.constantFrom(...GSM7_BASIC_CHARACTERS, ...GSM7_EXTENSION_CHARACTERS),
    fc.constantFrom('😀', '🇿🇲', 'e\u0301', '\ud800', '\udc00'),
  );
  const anyText = fc.array(char, { maxLength: 500 }).map((chars) => chars.join(''));

  it('loses nothing but whitespace at split points, fits every part, never cuts a surrogate pair', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 2, max: 200 }), (text, max) => {
        const parts = splitSms(text, max);
        const removed = removedWhitespace(text, parts);
        expect(removed).toBeDefined();
        expect(parts.length).toBeGreaterThanOrEqual(1);
        let pos = 0;
        parts.forEach((part, i) => {
          expect(segmentInfo(part).units).toBeLessThanOrEqual(max);
          if (parts.length > 1) expect(part).not.toBe('');
          pos += part.length;
          expect(isHigh(text.charCodeAt(pos - 1)) && isLow(text.charCodeAt(pos))).toBe(false);
          pos += removed?.[i].length ?? 0;
        });
      }),
      { numRuns: 3000 },
    );
  });

  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz€'), minLength: 1, maxLength: 30 });
  const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\n', ' \n\n');
  const sentence = fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 60 }).map((pairs) =>
    pairs
      .map(([w, g]) => w + g)
      .join('')
      .trimEnd(),
  );

  it('fills each part with as many whole words as fit, cutting only words longer than a part', () => {
    fc.assert(
      fc.property(sentence, fc.integer({ min: 10, max: 160 }), (text, max) => {
        const parts = splitSms(text, max);
        const removed = removedWhitespace(text, parts) ?? [];
        parts.forEach((part) => expect(part).toBe(part.trim())); // a split takes the whole whitespace run
        parts.slice(0, -1).forEach((part, i) => {
          if (removed[i] === '') {
            expect(part).not.toMatch(/\s/); // a cut inside a word: the word alone was too long
          } else {
            const nextWord = parts[i + 1].split(/\s/)[0];
            expect(segmentInfo(part + removed[i] + nextWord).units).toBeGreaterThan(max); // greedy: it did not fit
          }
        });
      }),
      { numRuns: 2000 },
    );
  });
});
