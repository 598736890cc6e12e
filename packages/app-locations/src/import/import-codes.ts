import { codeRules, normalizeCode, parseCode, type CodeRules } from '../codes/location-codes';
import type { LocationsSettings } from '../locations.config';
import { slugify } from '../names';
import { RowProblem, type NodeLevel } from './import-nodes';
import type { ImportRow } from './import-rows';

const WORD_CODE = /^[a-z0-9][a-z0-9_-]*$/i;

/** A row's Code cell checked against the country's scheme. */
export class RowCodes {
  readonly rules: CodeRules;
  readonly hasProvinceDigits: boolean;

  constructor(private readonly settings: LocationsSettings) {
    this.rules = codeRules(settings);
    this.hasProvinceDigits = this.rules.parts[0].level === 'province';
  }

  /**
   * The code of a row with a Parent: any the country allows, not only one whose digits spell
   * its parent. `locations.codePattern` where set; else a whole code of the format's length
   * (`403012` under a district split from 4030); a zone's, any word code (`403012-3`, `z12`).
   */
  allowedCode(raw: string, level: NodeLevel): string {
    const trimmed = raw.trim();
    if (!trimmed) throw new RowProblem(`Code is empty: a ${level} needs its code`);
    const pattern = this.settings.codePattern;
    if (level === 'zone') {
      if (WORD_CODE.test(trimmed)) return trimmed.toLowerCase();
    } else if (pattern) {
      // As written: letters in a pattern's code are no digits mistyped.
      if (new RegExp(pattern).test(trimmed)) return trimmed;
    } else {
      const code = normalizeCode(trimmed, { ...this.rules, padShortCodes: false });
      if (/^\d+$/.test(code) && code.length === this.rules.length) return code;
    }
    throw new RowProblem(
      `Code "${raw}" is not a code this country allows (${
        level === 'zone'
          ? 'letters, digits, - and _'
          : pattern
            ? `locations.codePattern ${pattern}`
            : `${this.rules.length} digits, as ${this.settings.codeFormat}`
      })`,
    );
  }

  provinceCode(row: ImportRow): string {
    if (this.hasProvinceDigits) return this.parse(row.code, 'province').code;
    if (!row.code) return slugify(row.province, '-');
    if (/^\d+$/.test(row.code) || !WORD_CODE.test(row.code)) {
      throw new RowProblem(
        `Code "${row.code}": a province here has no digits in the ${this.settings.codeFormat} code; give it a word (letters, digits, - and _) or leave it empty`,
      );
    }
    return row.code;
  }

  parse(code: string, level: 'province' | 'district' | 'facility'): { code: string; ancestors: readonly string[] } {
    if (!code) throw new RowProblem(`Code is empty: a ${level} needs its ${this.settings.codeFormat} code`);
    const parsed = /^\d+$/.test(code) ? parseCode(code, { ...this.rules, padShortCodes: false }) : null;
    if (!parsed || parsed.level !== level) {
      throw new RowProblem(
        `Code "${code}" is not a ${level} code (${this.settings.codeFormat}${level === 'facility' ? '' : ', with zeros below the ' + level})`,
      );
    }
    return parsed;
  }
}

export function splitZoneCode(code: string): [string, string] {
  const match = /^(\d+)-([a-z0-9][a-z0-9_-]*)$/i.exec(code);
  if (!match)
    throw new RowProblem(`Code "${code}" is not a zone code: the facility's code, a dash and the zone (403012-3)`);
  return [match[1], match[2].toLowerCase()];
}

export function coordinates(row: ImportRow): [number | null, number | null] {
  if (!row.latitude && !row.longitude) return [null, null];
  const latitude = Number(row.latitude);
  const longitude = Number(row.longitude);
  if (!row.latitude || !row.longitude) throw new RowProblem('Latitude and Longitude go together: give both or neither');
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)
    throw new RowProblem(`Latitude "${row.latitude}" is not between -90 and 90`);
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)
    throw new RowProblem(`Longitude "${row.longitude}" is not between -180 and 180`);
  return [latitude, longitude];
}
