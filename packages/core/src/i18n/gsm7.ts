// The GSM 03.38 (3GPP TS 23.038) default alphabet, written as code points so that look-alikes
// (U+2126 OHM SIGN for Ω, a small ç for Ç) cannot slip in. 0x1B (ESC) is left out: it is the
// escape to the extension table, not a character a text may contain.
const BASIC =
  '@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5' + // 0x00 @£$¥èéùìòÇ LF Øø CR Åå
  '\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u00C6\u00E6\u00DF\u00C9' + // 0x10 Δ_ΦΓΛΩΠΨΣΘΞ (ESC) ÆæßÉ
  ' !"#\u00A4%&\'()*+,-./0123456789:;<=>?' + // 0x20 ¤ where ASCII has $
  '\u00A1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7' + // 0x40 ¡ A-Z ÄÖÑÜ§
  '\u00BFabcdefghijklmnopqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0'; // 0x60 ¿ a-z äöñüà

// The extension table: each costs ESC plus itself, two septets.
const EXTENSION = '\f^{}\\[~]|\u20AC';

const SEPTETS = new Map<string, 1 | 2>([
  ...[...BASIC].map((c): [string, 1] => [c, 1]),
  ...[...EXTENSION].map((c): [string, 2] => [c, 2]),
]);

/** Septets one character (a code point) costs in GSM-7: 1, 2 (extension table), or undefined. */
export function gsm7Septets(char: string): 1 | 2 | undefined {
  return SEPTETS.get(char);
}

/** Every character of the GSM-7 alphabet and its extension table, for tests and tooling. */
export const GSM7_BASIC_CHARACTERS: readonly string[] = [...BASIC];
export const GSM7_EXTENSION_CHARACTERS: readonly string[] = [...EXTENSION];
