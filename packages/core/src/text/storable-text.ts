/**
 * Text as PostgreSQL can keep it. A `text` column refuses NUL (`invalid byte sequence`), and a
 * lone UTF-16 surrogate (half of an emoji, as a broken phone or a bad UTF-16BE payload sends
 * it) has no UTF-8 form: the driver would write U+FFFD and lose it silently. Both become
 * U+FFFD in the stored text, and the text as received is kept beside it, escaped as a JSON
 * string (`"a\u0000b\ud83d"`), from which `originalText` gives the exact string back.
 */

/** NUL, a high surrogate with no low one after it, a low surrogate with no high one before it. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const REPLACEMENT = '\uFFFD';

export interface StorableText {
  /** What the `text` column holds: the text with every unstorable character as U+FFFD. */
  readonly text: string;
  /** The text as received, JSON-escaped (`{"text": ...}`); null when `text` is the text as received. */
  readonly original: string | null;
}

/** True when PostgreSQL would refuse or alter this text. */
export function isStorable(text: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return !UNSTORABLE.test(text);
}

/** The text to store, and the original beside it when the two differ. */
export function storableText(text: string): StorableText {
  if (isStorable(text)) return { text, original: null };
  return { text: text.replace(UNSTORABLE, REPLACEMENT), original: JSON.stringify({ text }) };
}

/** Text that must be stored, the original being of no use (an error, a phone number): what PostgreSQL refuses is replaced. */
export function storableOnly(text: string): string {
  return isStorable(text) ? text : text.replace(UNSTORABLE, REPLACEMENT);
}

/**
 * The original of a message stored with `storableText` (or a gateway's undecodable bytes,
 * `{"bytes": "<hex>", ...}`): the exact string, or the bytes, as received.
 */
export function originalText(stored: string, original: string | null): string | Buffer {
  if (original === null) return stored;
  const parsed = JSON.parse(original) as { text?: string; bytes?: string };
  if (typeof parsed.text === 'string') return parsed.text;
  if (typeof parsed.bytes === 'string') return Buffer.from(parsed.bytes, 'hex');
  return stored;
}
