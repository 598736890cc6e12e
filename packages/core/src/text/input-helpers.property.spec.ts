import fc from 'fast-check';
import { parseSmsDate, type SmsDate } from './dates';
import { lettersToDigits, levenshtein, soundex, wordsToNumber } from './input-cleaner';

const RUNS = { numRuns: 3000 };

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English words for 0-999: `three hundred and forty two`. */
function spell(n: number): string {
  const below100 = (k: number) => (k < 20 ? ONES[k] : TENS[Math.floor(k / 10)] + (k % 10 ? ` ${ONES[k % 10]}` : ''));
  const hundreds = Math.floor(n / 100);
  if (hundreds === 0) return below100(n);
  return `${ONES[hundreds]} hundred` + (n % 100 ? ` and ${below100(n % 100)}` : '');
}

describe('wordsToNumber, properties', () => {
  const junk = fc.constantFrom('samples', 'and', 'And', '?', 'dbs', '-', '+', '', 'x1');
  const word = fc.oneof(
    fc.constantFrom(...ONES, ...TENS, 'hundred', 'thousand', 'milion', 'trillion', 'too', 'thri'),
    junk,
    fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
    fc.nat().map(String),
  );

  it('never throws, and gives null or a non-negative safe integer', () => {
    const text = fc.oneof(
      fc.array(word, { maxLength: 8 }).map((w) => w.join(' ')),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fc.assert(
      fc.property(text, (sms) => {
        const n = wordsToNumber(sms);
        if (n !== null) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('reads every number below a thousand spelled in English, in any case', () => {
    const spelled = fc
      .integer({ min: 0, max: 999 })
      .chain((n) => fc.tuple(fc.constant(n), fc.mixedCase(fc.constant(spell(n)))));
    fc.assert(
      fc.property(spelled, ([n, text]) => expect(wordsToNumber(text)).toBe(n)),
      RUNS,
    );
  });

  it('reads thousands whose multiplier is one word (the quirk breaks `ninety nine thousand`)', () => {
    const single = fc.oneof(
      fc.integer({ min: 1, max: 19 }),
      fc.integer({ min: 2, max: 9 }).map((t) => t * 10),
    );
    fc.assert(
      fc.property(
        single,
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('samples', 'and', ''),
        (thousands, rest, noise) => {
          const text = `${spell(thousands)} thousand ${noise} ${rest === 0 ? '' : spell(rest)}`;
          expect(wordsToNumber(text)).toBe(thousands * 1000 + rest);
        },
      ),
      RUNS,
    );
  });

  it('reads any safe integer written in digits', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => expect(wordsToNumber(String(n))).toBe(n)),
      RUNS,
    );
  });
});

describe('lettersToDigits, properties', () => {
  const DIGIT: Record<string, string> = { i: '1', I: '1', l: '1', o: '0', O: '0' };

  it('returns the text unchanged, or digits of the same length', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789iIloOL! a') }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(text, (sms) => {
        const out = lettersToDigits(sms);
        if (out !== sms) expect(out).toMatch(new RegExp(`^[0-9]{${sms.length}}$`));
        if (/[^0-9iIloO]/.test(sms)) expect(out).toBe(sms);
      }),
      RUNS,
    );
  });

  it('maps each look-alike letter to its digit and keeps each digit', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789iIloO') }), (sms) => {
        expect(lettersToDigits(sms)).toBe([...sms].map((ch) => DIGIT[ch] ?? ch).join(''));
      }),
      RUNS,
    );
  });
});

describe('levenshtein, properties', () => {
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abAB😀'), maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  );
  const exact = { ignoreCase: false };

  it('is symmetric and zero exactly for equal texts', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(levenshtein(a, b, exact)).toBe(levenshtein(b, a, exact));
        expect(levenshtein(a, b, exact) === 0).toBe(a === b);
        expect(levenshtein(a, b) === 0).toBe(a.toLowerCase() === b.toLowerCase());
      }),
      RUNS,
    );
  });

  it('satisfies the triangle inequality and the length bounds', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(levenshtein(a, c, exact)).toBeLessThanOrEqual(levenshtein(a, b, exact) + levenshtein(b, c, exact));
        const [la, lb] = [[...a].length, [...b].length];
        expect(levenshtein(a, b, exact)).toBeGreaterThanOrEqual(Math.abs(la - lb));
        expect(levenshtein(a, b, exact)).toBeLessThanOrEqual(Math.max(la, lb));
      }),
      RUNS,
    );
  });
});

describe('soundex, properties', () => {
  it('gives a letter and three digits, or nothing when there is no letter A-Z', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (word) => {
        expect(soundex(word)).toMatch(/[A-Za-z]/.test(word) ? /^[A-Z][0-6]{3}$/ : /^$/);
      }),
      RUNS,
    );
  });

  it('ignores case and keeps the first letter', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), (word) => {
        const code = soundex(word);
        expect(soundex(word.toUpperCase())).toBe(code);
        expect(soundex(word.toLowerCase())).toBe(code);
        expect(code.charAt(0)).toBe((/[A-Za-z]/.exec(word)?.[0] ?? '').toUpperCase());
      }),
      RUNS,
    );
  });
});

describe('parseSmsDate, properties', () => {
  const today = new Date('2026-03-10T09:00:00Z');
  const day = fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  /** Asks the platform calendar, not our own month lengths, whether the day exists. */
  const isReal = ({ year, month, day: d }: SmsDate) => {
    const check = new Date(0);
    check.setUTCFullYear(year, month - 1, d);
    return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === d;
  };

  it('never throws, and whatever it returns is a real calendar day', () => {
    const dateish = fc.string({ unit: fc.constantFrom(...'0123456789/.- 2'), maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(dateish, fc.string({ unit: 'binary', maxLength: 12 })), (text) => {
        const date = parseSmsDate(text, today);
        if (date !== null) expect(isReal(date)).toBe(true);
      }),
      RUNS,
    );
  });

  it('round-trips any day written d/m/yyyy (any separator) or ddmmyyyy', () => {
    const separator = fc.constantFrom('/', '.', '-', ' ', ' - ', '. ');
    fc.assert(
      fc.property(day, separator, (date, sep) => {
        const yyyy = pad(date.year, 4);
        expect(parseSmsDate(`${date.day}${sep}${date.month}${sep}${yyyy}`, today)).toEqual(date);
        expect(parseSmsDate(`${pad(date.day, 2)}${pad(date.month, 2)}${yyyy}`, today)).toEqual(date);
      }),
      RUNS,
    );
  });

  it('reads two-digit years as 20yy and a missing year as the current one', () => {
    const now = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2200-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, now, (date, clock) => {
        const century = { ...date, year: 2000 + (date.year % 100) };
        const current = { ...date, year: clock.getUTCFullYear() };
        const yy = pad(date.year % 100, 2);
        expect(parseSmsDate(`${pad(date.day, 2)}${pad(date.month, 2)}${yy}`, today)).toEqual(
          isReal(century) ? century : null,
        );
        expect(parseSmsDate(`${date.day}/${date.month}`, clock)).toEqual(isReal(current) ? current : null);
      }),
      RUNS,
    );
  });
});
