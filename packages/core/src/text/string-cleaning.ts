/**
 * Parse-phase string cleaning (docs/keywords.md#text-cleaning): undo the slips phones and thumbs make
 * (punctuation as separators, letters typed for digits) before any handler reads the text.
 */

import { plainTyping } from './typing';

/**
 * How a message is cleaned, as the handler that reads it declares (`cleaning` in
 * `@KeywordHandler`; docs/keywords.md#text-cleaning): every step (`'standard'`), every step
 * but keeping some of the separators `, / ; *` (`{ keep: '/' }`: RESULT's sample ids look like
 * `1234/12`), or only trimmed (`'verbatim'`: broadcasts and help requests are free text for
 * people to read, so cleaning would only damage them).
 */
export type TextCleaning = 'standard' | 'verbatim' | { readonly keep: string };

/** The reply to a message whose text is empty (the phone sent it in an encoding we cannot read). */
export const UNREADABLE_MESSAGE_REPLY =
  "Sorry, I couldn't read your message. Make sure you have correct GSM message settings on your phone";

/** Step 2: what people type between words instead of a space. */
const SEPARATORS = new Set([',', '/', ';', '*']);

const DIGIT_FOR_LETTER = new Map([
  ['!', '1'],
  ['i', '1'],
  ['l', '1'],
  ['o', '0'],
]);

/**
 * Cleans an incoming text: first the look-alikes phones send (no-break spaces, full-width
 * digits, curly quotes, typographic dashes: `plainTyping`), then steps 1-6 of docs/keywords.md#text-cleaning in order, then trims again: steps 2, 3 and 6 can
 * leave a space at either end (`, hi` -> ` hi`), which means nothing to a keyword and would
 * make cleaning the cleaned text change it.
 *
 * Cleaning its own output changes nothing, with two quirks kept from Mwana: step 5 looks at a
 * token's first three characters before step 6 removes dots (`a..1o` -> `a1o`, which a second
 * pass makes `a10`), and before the final trim removes a tab or newline at the very start.
 *
 * @example cleanMessageText('join 4o3o12/jane,banda;1234.') // 'join 403012 jane banda 1234'
 * @example cleanMessageText('result 4o3o12/10,11', { keep: '/' }) // 'result 403012/10 11'
 */
export function cleanMessageText(text: string, cleaning: TextCleaning = 'standard'): string {
  // 1. Trim; the handler the text is for may want nothing else.
  if (cleaning === 'verbatim') return text.trim();
  // (0.) No-break spaces, full-width digits, curly quotes: what they look like (plainTyping).
  const trimmed = plainTyping(text).trim();
  const kept = cleaning === 'standard' ? '' : cleaning.keep;

  // 2. Separators people use between words become spaces (those the handler keeps aside).
  let cleaned = Array.from(trimmed, (ch) => (SEPARATORS.has(ch) && !kept.includes(ch) ? ' ' : ch)).join('');
  // 3. Quotes and brackets carry nothing a handler reads.
  cleaned = cleaned.replace(/['"`()]/g, '');
  // 4. A sentence's full stop.
  if (cleaned.endsWith('.')) cleaned = cleaned.slice(0, -1);
  // 5. Tokens that start like a number get their look-alike letters turned into digits.
  cleaned = cleaned.split(' ').map(numeralize).join(' ');
  // 6. Dots go, except decimal points (checked against the neighbours before any removal).
  cleaned = cleaned.replace(/(?<![0-9])\.|\.(?![0-9])/g, '');
  return cleaned.trim();
}

/** True when the sender identity has a letter: operators' and marketers' sender names. */
export function hasLetters(identity: string): boolean {
  return /[A-Za-z]/.test(identity);
}

/**
 * True for short codes such as `440` or `+551`: shorter than 7 characters and all digits once
 * the first and last characters (a `+`, a stray letter) are set aside, as Mwana checked it.
 */
export function isShortCodeSender(identity: string): boolean {
  return identity.length < 7 && /^[0-9]+$/.test(identity.slice(1, -1));
}

/** Step 5 for one token: `4o30i2` -> `403012`, `4f30i2` -> `4f3012`, `user1` untouched. */
function numeralize(token: string): string {
  const chars = Array.from(token);
  if (!chars.slice(0, 3).some((ch) => ch >= '0' && ch <= '9')) return token;
  return chars.map((ch) => DIGIT_FOR_LETTER.get(lowerChar(ch)) ?? lowerChar(ch)).join('');
}

/** Lower-cases one character, unless that would lengthen it (`İ`): cleaning never lengthens text. */
function lowerChar(ch: string): string {
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}
