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

// Words made of digits and date separators are the date; the others are the name.
const DATE_WORD = /^[\d/.-]+$/;

/** Reads the text after the keyword; the date is left for `parseSmsDate`, the name may be empty. */
export function parseEventText(rest: string): EventText {
  const words = rest.split(/\s+/).filter(Boolean);
  const place = words.length > 0 ? (PLACE_WORDS[words[0].toLowerCase()] ?? null) : null;
  if (place) words.shift();
  const dateWords = words.filter((w) => DATE_WORD.test(w));
  const name = words.filter((w) => !DATE_WORD.test(w)).join(' ');
  return { place, date: dateWords.length > 0 ? dateWords.join(' ') : null, name };
}
