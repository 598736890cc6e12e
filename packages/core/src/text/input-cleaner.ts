/**
 * Helpers handlers use to read what SMS users type (docs/keywords.md#text-cleaning, Mwana's
 * InputCleaner): numbers written as words, letters typed for digits, near-miss spellings.
 */

// Built first: the number-word table below is indexed by Soundex code as the module loads.
const SOUNDEX_DIGITS = new Map<string, string>();
for (const [letters, digit] of [
  ['BFPV', '1'],
  ['CGJKQSXZ', '2'],
  ['DT', '3'],
  ['L', '4'],
  ['MN', '5'],
  ['R', '6'],
]) {
  for (const letter of letters) SOUNDEX_DIGITS.set(letter, digit);
}

/**
 * Number words and the misspellings users send, then month abbreviations (`jan` = 1). The
 * order breaks ties between words with one Soundex code: the first wins, so a misspelt
 * `eigth` is 8 not 80, `fiv` 5 not Feb, `sevinteen` 17 not 70, `jum` January not June.
 */
const NUMBER_WORDS: ReadonlyArray<readonly [string, number]> = [
  ['Zero', 0],
  ['One', 1],
  ['Two', 2],
  ['Three', 3],
  ['Four', 4],
  ['Five', 5],
  ['Six', 6],
  ['Seven', 7],
  ['Eight', 8],
  ['Nine', 9],
  ['Ten', 10],
  ['Eleven', 11],
  ['Leven', 11],
  ['Twelve', 12],
  ['Thirteen', 13],
  ['Fourteen', 14],
  ['Forteen', 14],
  ['Foteen', 14],
  ['Fifteen', 15],
  ['Sixteen', 16],
  ['Seventeen', 17],
  ['Eighteen', 18],
  ['Nineteen', 19],
  ['Twenty', 20],
  ['Thirty', 30],
  ['Forty', 40],
  ['Fourty', 40],
  ['Foty', 40],
  ['Fifty', 50],
  ['Sixty', 60],
  ['Seventy', 70],
  ['Eighty', 80],
  ['Ninety', 90],
  ['Ninty', 90],
  ['Jan', 1],
  ['Feb', 2],
  ['Mar', 3],
  ['Apr', 4],
  ['May', 5],
  ['Jun', 6],
  ['Jul', 7],
  ['Aug', 8],
  ['Sep', 9],
  ['Oct', 10],
  ['Nov', 11],
  ['Dec', 12],
];

const PLACE_VALUES: ReadonlyArray<readonly [string, bigint]> = [
  ['Hundred', 100n],
  ['Thousand', 1_000n],
  ['Million', 1_000_000n],
  ['Billion', 1_000_000_000n],
  ['Trillion', 1_000_000_000_000n],
];

type Token = { readonly kind: 'number' | 'place'; readonly value: bigint };

const EXACT = new Map<string, Token>([
  ...NUMBER_WORDS.map(([word, n]) => [word, { kind: 'number', value: BigInt(n) }] as const),
  ...PLACE_VALUES.map(([word, value]) => [word, { kind: 'place', value }] as const),
]);

/** Soundex code -> token; number words before place values, earlier words before later. */
const BY_SOUND = new Map<string, Token>();
for (const [word, token] of EXACT) if (!BY_SOUND.has(soundex(word))) BY_SOUND.set(soundex(word), token);

/**
 * Reads a number written in words, forgiving spelling: `thri hundred and two` -> 302,
 * `2 milion one thouzand Eighty too samples` -> 2001082. Each word snaps to the number word
 * with its Soundex code; words that match none are ignored. Terms are summed left to right
 * and a place value multiplies the term before it, so `ninety nine thousand` is
 * 90 + 9 x 1000 = 9090 (Mwana's known quirk, kept). A place value with no term before it
 * stands for itself (`hundred two` -> 102).
 *
 * @returns the number, or null when no word is a number or the result passes
 *   Number.MAX_SAFE_INTEGER (nobody counts samples that high; it would lose precision).
 */
export function wordsToNumber(text: string): number | null {
  const words = collapseSpaces(titleCase(removeDashAndPlus(text)).replaceAll(' And', '')).trim();
  let total = 0n;
  let term: bigint | null = null;
  for (const word of words.split(' ')) {
    const token = readToken(word);
    if (token?.kind === 'number') {
      total += term ?? 0n;
      term = token.value;
    } else if (token?.kind === 'place') {
      term = (term ?? 1n) * token.value;
    }
  }
  if (term === null) return null;
  const result = total + term;
  return result <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(result) : null;
}

/**
 * A number written as one English number word, any case (`two`, `Twelve`, `TWENTY`, and the
 * misspellings in the table: `forteen`), else null. Strict where `wordsToNumber` is
 * forgiving: for a short field (a zone number) where a name that merely sounds like a number
 * (`Tom`, Soundex of `ten`) must stay a name.
 */
export function exactNumberWord(word: string): number | null {
  const titled = titleCase(word.trim());
  const months = NUMBER_WORDS.findIndex(([w]) => w === 'Jan');
  return NUMBER_WORDS.slice(0, months).find(([w]) => w === titled)?.[1] ?? null;
}

function readToken(word: string): Token | null {
  if (/^[0-9]+$/.test(word)) return { kind: 'number', value: BigInt(word) };
  const code = soundex(word);
  return EXACT.get(word) ?? (code === '' ? null : (BY_SOUND.get(code) ?? null));
}

/** `thri HUNDRED and-two` -> `Thri Hundred And-Two`, like Python's str.title(). */
function titleCase(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => {
    const [first = '', ...rest] = word;
    return first.toUpperCase() + rest.join('').toLowerCase();
  });
}

const DIGIT_FOR_LETTER = new Map([
  ['i', '1'],
  ['I', '1'],
  ['l', '1'],
  ['o', '0'],
  ['O', '0'],
]);

/**
 * Turns a number typed with look-alike letters into digits: `4o3oi2` -> `403012`. Any
 * character other than a digit or `i I l o O` means it was not a number: the text comes
 * back unchanged (`L` and `!` too, as in Mwana).
 */
export function lettersToDigits(text: string): string {
  let digits = '';
  for (const ch of text) {
    const digit = ch >= '0' && ch <= '9' ? ch : DIGIT_FOR_LETTER.get(ch);
    if (digit === undefined) return text;
    digits += digit;
  }
  return digits;
}

/** Drops `-` and `+`, which users put inside phone numbers and ids: `+260-97` -> `26097`. */
export function removeDashAndPlus(text: string): string {
  return text.replace(/[-+]/g, '');
}

/** Runs of spaces become one space; other whitespace and the ends are left alone. */
export function collapseSpaces(text: string): string {
  return text.replace(/ {2,}/g, ' ');
}

/**
 * Edit distance (insertions, deletions, substitutions) counted in characters (code points).
 * Ignores case unless told otherwise, as Mwana's `ldistance` did: `pea` vs `PeA` is 0.
 */
export function levenshtein(a: string, b: string, options: { ignoreCase?: boolean } = {}): number {
  const ignoreCase = options.ignoreCase ?? true;
  const s = Array.from(ignoreCase ? a.toLowerCase() : a);
  const t = Array.from(ignoreCase ? b.toLowerCase() : b);
  // One row of the classic table at a time: row[j] is the distance from s[0..i) to t[0..j).
  let row = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const next = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = row[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1);
      next.push(Math.min(row[j] + 1, next[j - 1] + 1, substitution));
    }
    row = next;
  }
  return row[t.length];
}

/**
 * American Soundex: the first letter and three digits (`Robert` -> `R163`, `Ashcraft` ->
 * `A261`). Only the letters A-Z count; a word with none has no code and gives ''.
 */
export function soundex(word: string): string {
  const letters = word.replace(/[^A-Za-z]/g, '').toUpperCase();
  if (letters === '') return '';
  let code = letters[0];
  let previous = SOUNDEX_DIGITS.get(letters[0]) ?? '';
  for (const letter of letters.slice(1)) {
    // H and W are transparent (s-h-c codes once); a vowel separates (t-o-t codes twice).
    if (letter === 'H' || letter === 'W') continue;
    const digit = SOUNDEX_DIGITS.get(letter) ?? '';
    if (digit !== '' && digit !== previous) code += digit;
    previous = digit;
  }
  return code.slice(0, 4).padEnd(4, '0');
}
