import fc from 'fast-check';
import { cleanMessageText as clean } from './string-cleaning';

const RUNS = { numRuns: 3000 };

// Characters the cleaner treats specially, look-alike letters, and a few whose case mapping
// is awkward (İ lower-cases to two characters, ß upper-cases to two, 😀 is two UTF-16 units).
const SPECIAL = [...'aAbilLoO!I0123456789 ,/;*\'"`()-+.çİß😀'];
const WHITESPACE = [' ', ' ', ' ', '\t', '\n'];
const DELETED_OR_REPLACED = [...',;*\'"`()'];

const char = (chars: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...chars), weight: 6 },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
  );
const firstWord = fc.constantFrom(
  '',
  'results ',
  'RESULT ',
  'resut ',
  'msg ',
  'o ',
  'join ',
  'check ',
  ', ',
  '(results) ',
);

/** Texts as users send them: often starting with a keyword, full of the characters above. */
const smsText = fc
  .tuple(firstWord, fc.string({ unit: char([...SPECIAL, ...WHITESPACE]), maxLength: 40 }))
  .map(([word, rest]) => word + rest);

describe('cleanMessageText, properties', () => {
  it('never throws, never lengthens the text, and returns it trimmed', () => {
    fc.assert(
      fc.property(fc.oneof(smsText, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        const cleaned = clean(text);
        expect(cleaned.length).toBeLessThanOrEqual(text.length);
        expect(cleaned).toBe(cleaned.trim());
      }),
      RUNS,
    );
  });

  it('never introduces , ; * \' " ` ( ) or /', () => {
    fc.assert(
      fc.property(smsText, (text) => {
        const cleaned = clean(text);
        for (const ch of [...DELETED_OR_REPLACED, '/']) if (cleaned.includes(ch)) expect(text).toContain(ch);
      }),
      RUNS,
    );
  });

  it('leaves none of them in a message cleaned the standard way, and / only where kept', () => {
    fc.assert(
      fc.property(smsText, fc.boolean(), (text, keepSlash) => {
        const cleaned = keepSlash ? clean(text, { keep: '/' }) : clean(text);
        for (const ch of DELETED_OR_REPLACED) expect(cleaned).not.toContain(ch);
        if (!keepSlash) expect(cleaned).not.toContain('/');
      }),
      RUNS,
    );
  });

  it("gives a message for a 'verbatim' handler back as sent, only trimmed", () => {
    const gap = fc.string({ unit: fc.constantFrom(...WHITESPACE), maxLength: 3 });
    const body = fc.string({ unit: char([...SPECIAL, ...WHITESPACE]), maxLength: 40 });
    fc.assert(
      fc.property(gap, body, gap, (before, text, after) => {
        expect(clean(`${before}${text}${after}`, 'verbatim')).toBe(`${before}${text}${after}`.trim());
      }),
      RUNS,
    );
  });

  it('changes nothing when it cleans its own output (texts without dots or tabs)', () => {
    // Those two are where Mwana's quirks live: see the example tests.
    const noDots = SPECIAL.filter((ch) => ch !== '.');
    const text = fc
      .tuple(firstWord, fc.string({ unit: fc.constantFrom(...noDots), maxLength: 40 }))
      .map(([w, r]) => w + r);
    fc.assert(
      fc.property(text, (sms) => {
        const once = clean(sms);
        expect(clean(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('settles after a second cleaning, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(smsText, fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
        const twice = clean(clean(text));
        expect(clean(twice)).toBe(twice);
      }),
      RUNS,
    );
  });

  it('turns a number typed with look-alike letters back into the number', () => {
    const lookAlike: Record<string, fc.Arbitrary<string>> = {
      '0': fc.constantFrom('0', 'o', 'O'),
      '1': fc.constantFrom('1', 'i', 'I', 'l', 'L', '!'),
    };
    const typed = fc
      .tuple(fc.integer({ min: 2, max: 9 }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 12 }))
      .map(([first, rest]) => `${first}${rest}`)
      .chain((digits) =>
        fc.tuple(fc.constant(digits), fc.tuple(...[...digits].map((d) => lookAlike[d] ?? fc.constant(d)))),
      );
    fc.assert(
      fc.property(typed, ([digits, chars]) => {
        expect(clean(`join ${chars.join('')} jane`)).toBe(`join ${digits} jane`);
      }),
      RUNS,
    );
  });

  it('leaves words without digits or punctuation exactly as they are', () => {
    const word = fc.string({ unit: fc.constantFrom(...'aAbilLoO!IçXyz'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        const text = words.join(' ');
        expect(clean(text)).toBe(text);
      }),
      RUNS,
    );
  });
});
