import type { Role } from '@mwana/core';

/** A JOIN the staff form accepts. `role` is null when the type must come from the code. */
export interface StaffJoin {
  readonly kind: 'staff';
  readonly role: Role | null;
  readonly code: string;
  readonly name: string;
  readonly pin: string;
}

/** Why a JOIN was refused, in the order Mwana checks (docs/keywords.md#join). */
export type JoinProblem =
  | { readonly kind: 'malformed' }
  | { readonly kind: 'pin-too-long'; readonly word: string; readonly typed: boolean }
  | { readonly kind: 'no-space-before-pin'; readonly typed: boolean }
  | { readonly kind: 'bad-pin'; readonly word: string; readonly typed: boolean }
  | { readonly kind: 'bad-name' }
  | { readonly kind: 'cba' };

export type JoinParse = StaffJoin | JoinProblem;

const CBA_WORDS = new Set(['agent', 'cba', 'hsa']);

/** Title case as Mwana wrote names: `mary PHIRI` -> `Mary Phiri`. */
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * The text after JOIN, read as the staff form `[<TYPE>] <LOCATION CODE> <NAME> <PIN>`.
 * `types` maps the country's type words to roles.
 */
export function parseJoin(rest: string, types: Readonly<Record<string, Role>>): JoinParse {
  // Mwana strips - and + (phones and codes are typed with them) and collapses spaces first.
  const text = rest.replace(/[-+]/g, '').replace(/\s+/g, ' ').trim();
  const firstWord = text.split(' ')[0].toLowerCase();
  if (CBA_WORDS.has(firstWord)) return { kind: 'cba' };
  const typed = Object.hasOwn(types, firstWord);

  if (text.length < 10) return { kind: 'malformed' };
  const lastWord = text.slice(text.lastIndexOf(' ') + 1);
  if (/^\d+$/.test(lastWord) && lastWord.length > 4) return { kind: 'pin-too-long', word: lastWord, typed };
  if (text[text.length - 5] !== ' ' && text[text.length - 4] !== ' ') return { kind: 'no-space-before-pin', typed };
  const last4 = text.slice(-4);
  if (!/^\d{4}$/.test(last4)) return { kind: 'bad-pin', word: last4.trim(), typed };

  const match = typed ? /^(\S+) (\S+) (.+) (\d{4})$/.exec(text) : /^()(\S+) (.+) (\d{4})$/.exec(text);
  if (!match) return { kind: 'malformed' };
  const [, type, code, rawName, pin] = match;
  const name = titleCase(rawName.trim());
  if (name.length < 2) return { kind: 'bad-name' };
  return { kind: 'staff', role: typed ? types[type.toLowerCase()] : null, code, name, pin };
}
