/**
 * What phones put in a text that looks like plain ASCII to the person who typed it
 * (docs/keywords.md#text-cleaning): no-break and other Unicode spaces, zero-width marks,
 * full-width digits and letters (Asian keyboards, some Android input methods), curly quotes
 * and typographic dashes (auto-correct). Each becomes what it looks like, or goes.
 */

// No-break, en/em/thin and other spaces, the ideographic space, the line and paragraph separators.
const SPACES = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
// Zero-width space, joiners, word joiner and the byte order mark: invisible, so they mean nothing.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
// Curly single and double quotes, primes: quotes carry nothing a handler reads (step 3).
const CURLY_QUOTES = /[\u2018-\u201f\u2032\u2033\u00ab\u00bb]/g;
// Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus: a plain `-`.
const DASHES = /[\u2010-\u2015\u2212]/g;
// Full-width digits and Latin letters (U+FF10-FF19, FF21-FF3A, FF41-FF5A), which are ASCII + 0xFEE0.
const FULL_WIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/**
 * Plain spaces, digits, letters, `-` for their look-alikes; invisible marks and curly quotes
 * removed. Never lengthens the text (each mapping is one UTF-16 unit to at most one).
 *
 * @example plainTyping('BIRTH\u00a0１/２/2026 “Mary”') // 'BIRTH 1/2/2026 Mary'
 */
export function plainTyping(text: string): string {
  return text
    .replace(SPACES, ' ')
    .replace(INVISIBLE, '')
    .replace(CURLY_QUOTES, '')
    .replace(DASHES, '-')
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
