import { lettersToDigits } from '@mwana/core';
import type { LocationsSettings } from '../locations.config';

/** The levels a facility code spells out, top first. */
export const CODE_LEVELS = ['province', 'district', 'facility'] as const;
export type CodeLevel = (typeof CODE_LEVELS)[number];

export interface CodePart {
  readonly level: CodeLevel;
  readonly digits: number;
}

/** A country's code scheme, built once from its config (`codeRules(settings)`). */
export interface CodeRules {
  readonly parts: readonly CodePart[];
  /** Digits in a whole code: 6 for PPDDFF. */
  readonly length: number;
  readonly padShortCodes: boolean;
  readonly labCodeTrailingZero: boolean;
}

/** A whole, well-formed code and what it names. */
export interface ParsedCode {
  readonly code: string;
  /** The deepest level whose part is not all zeros: `403000` is a district. */
  readonly level: CodeLevel;
  /** Codes of the levels above, top first: `403012` -> `['400000', '403000']`. */
  readonly ancestors: readonly string[];
}

const LETTER_LEVEL: Record<string, CodeLevel> = { P: 'province', D: 'district', F: 'facility' };

export function codeRules(
  settings: Pick<LocationsSettings, 'codeFormat' | 'padShortCodes' | 'labCodeTrailingZero'>,
): CodeRules {
  // The config schema already holds the format to P*D+F+, so every run is one level.
  const parts = (settings.codeFormat.match(/P+|D+|F+/g) ?? []).map((run) => ({
    level: LETTER_LEVEL[run[0]],
    digits: run.length,
  }));
  return {
    parts,
    length: settings.codeFormat.length,
    padShortCodes: settings.padShortCodes,
    labCodeTrailingZero: settings.labCodeTrailingZero,
  };
}

/**
 * What a user typed, as a code: trimmed, letters typed for digits repaired (`4o30i2` ->
 * `403012`) and, where the country pads, a code of leading parts filled with zeros
 * (`40` -> `400000`, `4030` -> `403000`). Text that is no number comes back trimmed only,
 * because zone and region codes are words.
 */
export function normalizeCode(input: string, rules: CodeRules): string {
  const trimmed = input.trim();
  const digits = lettersToDigits(trimmed);
  if (!/^\d+$/.test(digits)) return trimmed;
  if (rules.padShortCodes && digits.length < rules.length && boundaries(rules).includes(digits.length)) {
    return digits.padEnd(rules.length, '0');
  }
  return digits;
}

/**
 * A code sent by a lab: labs append a 0 to the facility code (`2020200` -> `202020`,
 * docs/keywords.md#lab-upload), then the usual repairs apply.
 */
export function normalizeLabCode(input: string, rules: CodeRules): string {
  const digits = lettersToDigits(input.trim());
  const extraZero =
    rules.labCodeTrailingZero && digits.length === rules.length + 1 && digits.endsWith('0') && /^\d+$/.test(digits);
  return normalizeCode(extraZero ? digits.slice(0, -1) : input, rules);
}

/**
 * The level a code names and the codes above it, or null when it is not a whole code of
 * the country: wrong length, a zero top part, or a number below a zero part (`400012`).
 */
export function parseCode(input: string, rules: CodeRules): ParsedCode | null {
  const code = normalizeCode(input, rules);
  if (code.length !== rules.length || !/^\d+$/.test(code)) return null;
  const values: string[] = [];
  let offset = 0;
  for (const part of rules.parts) {
    values.push(code.slice(offset, offset + part.digits));
    offset += part.digits;
  }
  const zero = values.map((v) => /^0+$/.test(v));
  const deepest = zero.lastIndexOf(false);
  if (deepest < 0 || zero[0] || zero.slice(0, deepest).some(Boolean)) return null;
  const ancestors: string[] = [];
  for (let i = 0; i < deepest; i++) ancestors.push(codeOfPrefix(values.slice(0, i + 1).join(''), rules));
  return { code, level: rules.parts[deepest].level, ancestors };
}

/** The code of a level from its leading digits: `4030` -> `403000`. */
export function codeOfPrefix(prefix: string, rules: CodeRules): string {
  return prefix.padEnd(rules.length, '0');
}

/** The digit count of each leading run of parts, short of the whole code: [2, 4] for PPDDFF. */
function boundaries(rules: CodeRules): number[] {
  const ends: number[] = [];
  let end = 0;
  for (const part of rules.parts.slice(0, -1)) {
    end += part.digits;
    ends.push(end);
  }
  return ends;
}
