import { monthNumber } from '@mwana/core';
import type { EventPlace } from './patient-event.entity';

/** The text after an event's keyword: `[<place>] [<date>] <name>` (docs/keywords.md#events). */
export interface EventText {
  readonly place: EventPlace | null;
  /** The date as typed (its words joined by a space), or null when none was. */
  readonly date: string | null;
  readonly name: string;
}

const PLACE_WORDS: Readonly<Record<string, EventPlace>> = {
  f: 'facility',
  fa: 'facility',
  cl: 'facility',
  clinic: 'facility',
  facility: 'facility',
  h: 'home',
  hm: 'home',
  home: 'home',
};

// Words made of digits and date separators are the date; the others are the name, but for
// separators standing alone (`BIRTH 1/2/2026 - Mary`), which are neither.
const DATE_WORD = /^(?=.*\d)[\d/.-]+$/;
const PUNCTUATION = /^[^\p{L}\p{N}]+$/u;
// A date with its month in letters in one word: `1feb2026`, `1-Feb-26`, `01.feb`.
const GLUED_MONTH = /^\d{1,2}(?:st|nd|rd|th)?[/.-]?(\p{L}{3,9})(?:[/.-]?(?:\d{2}|\d{4}))?$/iu;
const DAY = /^\d{1,2}(?:st|nd|rd|th)?$/i;
const YEAR = /^(?:\d{2}|\d{4})$/;

const isDateWord = (word: string): boolean => {
  if (DATE_WORD.test(word)) return true;
  const glued = GLUED_MONTH.exec(word);
  return glued !== null && monthNumber(glued[1]) !== null;
};

/**
 * The words of a date with its month in letters (`1 feb 2026`, `Feb 1st 2026`, `3 May`):
 * a month word beside a day, then perhaps a year, and no other date word in the text. A
 * month word with no day beside it is a name (`May Banda`), and so is one beside other
 * digits that make a date without it (`3 4 May Banda` is 3 April, for May Banda).
 */
function monthWords(words: readonly string[]): Set<number> | null {
  for (let i = 0; i < words.length; i++) {
    if (monthNumber(words[i]) === null) continue;
    const day = DAY.test(words[i - 1] ?? '') ? i - 1 : DAY.test(words[i + 1] ?? '') ? i + 1 : -1;
    if (day < 0) continue;
    const after = Math.max(i, day) + 1;
    const taken = new Set([day, i, ...(YEAR.test(words[after] ?? '') ? [after] : [])]);
    if (words.every((w, j) => taken.has(j) || !isDateWord(w))) return taken;
  }
  return null;
}

/** Reads the text after the keyword; the date is left for `parseSmsDate`, the name may be empty. */
export function parseEventText(rest: string): EventText {
  const words = rest.split(/\s+/).filter((w) => w !== '' && !PUNCTUATION.test(w));
  const place = words.length > 0 ? (PLACE_WORDS[words[0].toLowerCase()] ?? null) : null;
  if (place) words.shift();
  const withMonth = monthWords(words);
  const inDate = (w: string, i: number) => (withMonth ? withMonth.has(i) : isDateWord(w));
  const dateWords = words.filter(inDate);
  const name = words.filter((w, i) => !inDate(w, i)).join(' ');
  return { place, date: dateWords.length > 0 ? dateWords.join(' ') : null, name };
}
