/** How RapidSMS matched keywords, plus the word boundary it lacked. */

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface KeywordPatternOptions {
  /**
   * Also match a keyword of four or more characters typed with no space before a digit
   * (`AGENT403012 3 Mary`, `RESULT1029`): the rest starts at the digit. Off for free text
   * (a broadcast), where `BLAST2` is more likely a slip than a message to everyone.
   */
  readonly gluedDigits?: boolean;
}

/**
 * A regex for a keyword and its aliases: case-insensitive, leading whitespace allowed, then
 * the keyword (words of a multi-word keyword separated by any whitespace), then the end of
 * the text or a run of whitespace `,` `;` `:` before the rest, across newlines. `ECHO` does
 * not match `ECHOES`. With `gluedDigits`, a digit right after a keyword of four or more
 * characters also starts the rest (shorter ones, `TOD`, `CBA`, are too easily part of a word).
 */
export function keywordPattern(keywords: readonly string[], options: KeywordPatternOptions = {}): RegExp {
  const alternatives = [...keywords]
    .map((k) => k.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.split(/\s+/).map(escape).join('\\s+'));
  const separator = options.gluedDigits ? '(?:[\\s,;:]+|(?<=\\S{4})(?=[0-9]))' : '[\\s,;:]+';
  return new RegExp(`^\\s*(?:${alternatives.join('|')})(?:${separator}([\\s\\S]*))?$`, 'i');
}

/** The text after the keyword, or undefined when the text does not start with it. */
export function matchKeyword(pattern: RegExp, text: string): { rest: string } | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  return { rest: (match[1] ?? '').trim() };
}
