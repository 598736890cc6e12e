import { exactNumberWord } from '@mwana/core';

/** An agent registration as typed: `[clinic] <CLINIC CODE> [zone] <ZONE> [name] <NAME...>`. */
export interface AgentForm {
  readonly clinic: string;
  readonly zone: string;
  readonly name: string;
  /** Zambia's JOIN CBA may start with a language code (`JOIN CBA bem 403012 3 Mary`). */
  readonly language?: string;
}

// Mwana's AGENT pattern: the words clinic, zone and name may stand before what they name,
// clinic and zone also glued to a number (`clinic403012 zone3`), a zone number after `#`.
const PATTERN = /^(?:clinic\s*(?=\d)|clinic\s+)?(\S+)\s+(?:zone\s*(?=[#\d])|zone\s+)?#?(\S+)\s+(?:name\s+)?(.+)$/i;

/** A zone typed as a number word is its number (`two` -> `2`, as zones are numbered); other names stay. */
const zoneOf = (zone: string): string => String(exactNumberWord(zone) ?? zone);

/**
 * The text after AGENT or JOIN CBA, or null when it is not that shape. With `languages`, a
 * first word of 2-3 letters followed by a code of digits is a language (Zambia): the words
 * after it are then read as clinic, zone and name.
 */
export function parseAgentForm(rest: string, options: { languages?: boolean } = {}): AgentForm | null {
  const text = rest.replace(/\s+/g, ' ').trim();
  const match = PATTERN.exec(text);
  if (!match) return null;
  const [, clinic, zone, name] = match;
  if (options.languages && /^[a-z]{2,3}$/i.test(clinic) && /^\d+$/.test(zone)) {
    const shifted = PATTERN.exec(text.slice(text.indexOf(' ') + 1));
    if (shifted) return { clinic: shifted[1], zone: zoneOf(shifted[2]), name: shifted[3].trim(), language: clinic };
  }
  return { clinic, zone: zoneOf(zone), name: name.trim() };
}
