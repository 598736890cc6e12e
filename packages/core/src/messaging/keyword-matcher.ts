/** How RapidSMS matched keywords, plus the word boundary it lacked. */

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex for a keyword and its aliases: case-insensitive, leading whitespace allowed, then
 * the keyword (words of a multi-word keyword separated by any whitespace), then the end of
 * the text or a run of whitespace `,` `;` `:` before the rest, across newlines. `ECHO` does
 * not match `ECHOES`.
 */
export function keywordPattern(keywords: readonly string[]): RegExp {
  const alternatives = [...keywords]
    .map((k) => k.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.split(/\s+/).map(escape).join('\\s+'));
  return new RegExp(`^\\s*(?:${alternatives.join('|')})(?:[\\s,;:]+([\\s\\S]*))?$`, 'i');
}

/** The text after the keyword, or undefined when the text does not start with it. */
export function matchKeyword(pattern: RegExp, text: string): { rest: string } | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  return { rest: (match[1] ?? '').trim() };
}
