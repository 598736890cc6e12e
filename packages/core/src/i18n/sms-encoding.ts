import { gsm7Septets } from './gsm7';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** What a text costs as SMS. */
export interface SegmentInfo {
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7 (an extension character is two), UTF-16 code units for UCS-2. */
  readonly units: number;
  /** SMS the network bills; never below 1, the empty text included (it still goes out as one SMS). */
  readonly segments: number;
  /** Units one segment holds: 160 or 70 alone, 153 or 67 when concatenated (the header takes the rest). */
  readonly perSegment: number;
}

const LIMITS = { 'GSM-7': { single: 160, multi: 153 }, 'UCS-2': { single: 70, multi: 67 } } as const;

/** True when every character is in the GSM 03.38 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (gsm7Septets(char) === undefined) return false;
  return true;
}

/** GSM-7 when the alphabet has every character, otherwise UCS-2: nothing is dropped or transliterated. */
export function smsEncoding(text: string): SmsEncoding {
  return isGsm7(text) ? 'GSM-7' : 'UCS-2';
}

/** Septets of a GSM-7 text; throws on a character outside the alphabet, which GSM-7 cannot carry. */
export function gsm7Length(text: string): number {
  let septets = 0;
  for (const char of text) {
    const cost = gsm7Septets(char);
    if (cost === undefined) throw new RangeError(`U+${hex(char)} is not in the GSM-7 alphabet`);
    septets += cost;
  }
  return septets;
}

/**
 * Encoding, length and segment count of one SMS text. Concatenated segments are packed as
 * handsets do: an escape and its character, or the two halves of a surrogate pair, never
 * straddle two segments, so a text can need one more segment than `ceil(units / 153)`.
 */
export function segmentInfo(text: string): SegmentInfo {
  const encoding = smsEncoding(text);
  const costs = [...text].map((char) => (encoding === 'GSM-7' ? (gsm7Septets(char) ?? 1) : char.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, multi } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: 1, perSegment: single };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, perSegment: multi };
}

// Where a reply may be split, and the only characters splitSms removes. No-break space and
// other Unicode spaces are left alone: they exist to keep words together.
const BREAKS = new Set([' ', '\t', '\n', '\r', '\f']);

/**
 * Splits a reply into parts of at most `maxLength` units each (septets if the part is GSM-7,
 * UTF-16 code units if it is UCS-2), between words where possible. A word longer than a part
 * is cut at a grapheme boundary, or a code point boundary if one grapheme is too long; a
 * surrogate pair is never cut.
 *
 * Removed, and only this: the run of whitespace (space, tab, LF, CR, FF) at each word split,
 * including a run that reaches the end of the text. So `text` is always
 * `parts[0] + ws0 + parts[1] + ws1 + … + parts[n-1] + wsN` with each `ws` such a run or empty.
 * A text that fits is returned as is, whitespace and all, the empty text as `['']`.
 *
 * @example splitSms('Moni, zotsatira zafika ku chipatala', 20) // ['Moni, zotsatira', 'zafika ku chipatala']
 */
export function splitSms(text: string, maxLength: number): string[] {
  // Two units is the most one character costs (an extension character, a surrogate pair).
  if (!Number.isInteger(maxLength) || maxLength < 2)
    throw new RangeError(`maxLength must be an integer >= 2, got ${maxLength}`);
  const parts: string[] = [];
  let rest = text;
  while (smsUnits(rest) > maxLength) {
    const fitting = fittingEnds(rest, maxLength);
    const longest = Math.max(...fitting);
    const cut = wordCut(rest, longest, fitting) ??
      graphemeCut(rest, longest, fitting) ?? { end: longest, next: longest };
    parts.push(rest.slice(0, cut.end));
    rest = rest.slice(cut.next);
  }
  if (rest !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

/** Units a text costs in its own encoding. */
function smsUnits(text: string): number {
  return isGsm7(text) ? gsm7Length(text) : text.length;
}

/**
 * The code point boundaries `e > 0` at which `text.slice(0, e)` fits. Not simply a prefix
 * range: adding an emoji turns a GSM-7 part into UCS-2, where `€` costs one unit, not two.
 * Every measure is at least the UTF-16 length, so the scan stops once that exceeds the limit.
 */
function fittingEnds(text: string, maxLength: number): Set<number> {
  const ends = new Set<number>();
  let units = 0;
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    units += char.length;
    if (units > maxLength) break;
    const cost = gsm7Septets(char);
    if (cost === undefined) gsm = false;
    else septets += cost;
    if ((gsm ? septets : units) <= maxLength) ends.add(units);
  }
  return ends;
}

/** The last whitespace run at or before `limit` with a fitting, non-empty part before it. */
function wordCut(text: string, limit: number, fitting: Set<number>): { end: number; next: number } | undefined {
  for (let b = Math.min(limit, text.length - 1); b > 0; b--) {
    if (!BREAKS.has(text[b])) continue;
    let start = b;
    while (start > 0 && BREAKS.has(text[start - 1])) start--;
    if (start > 0 && fitting.has(start)) {
      let next = b;
      while (next < text.length && BREAKS.has(text[next])) next++;
      return { end: start, next };
    }
    b = start; // the loop's b-- moves past the whole run
  }
  return undefined;
}

// One segmenter for the process: creating one per call costs more than the split itself.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The last grapheme boundary at or before `limit` where the part fits, inside a long word. */
function graphemeCut(text: string, limit: number, fitting: Set<number>): { end: number; next: number } | undefined {
  let best: number | undefined;
  for (const { index } of graphemes.segment(text)) {
    if (index > limit) break;
    if (index > 0 && fitting.has(index)) best = index;
  }
  return best === undefined ? undefined : { end: best, next: best };
}

function hex(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
