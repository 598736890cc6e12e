import { codeRules, normalizeCode, parseCode, type CodeRules } from '../codes/location-codes';
import type { LocationKind } from '../entities/location-type.entity';
import type { LocationsSettings } from '../locations.config';
import { cleanName, sameName, slugify } from '../names';
import type { ImportRow, RowError } from './import-rows';

export const NODE_LEVELS = ['province', 'district', 'facility', 'zone'] as const;
export type NodeLevel = (typeof NODE_LEVELS)[number];

/** A location as the file wants it. */
export interface DesiredLocation {
  readonly line: number;
  readonly level: NodeLevel;
  readonly code: string;
  readonly name: string;
  readonly typeSlug: string;
  /** The Facility Type cell, for the type's display name. */
  readonly typeLabel?: string;
  readonly parentCode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  /**
   * False for a province or district known only from a facility's code and the names on its
   * row: created when missing, never renamed by it (the file's own rows and earlier imports win).
   */
  readonly declared: boolean;
}

/** A location already in the database, as the planner needs it. */
export interface ExistingLocation {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly typeSlug: string;
  readonly kind: LocationKind;
  readonly parentCode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly active: boolean;
}

export interface LocationPlan {
  /** Parents before children. */
  readonly nodes: DesiredLocation[];
  readonly errors: RowError[];
}

const LEVEL_KIND: Record<'province' | 'district', LocationKind> = { province: 'province', district: 'district' };
const WORD_CODE = /^[a-z0-9][a-z0-9_-]*$/i;

class RowProblem extends Error {}

/** A row whose Parent is not planned yet: tried again once the other rows are. */
class ParentNotYet extends RowProblem {}

/** The levels a Parent may be, by the level of the row under it. */
const PARENT_LEVELS: Record<Exclude<NodeLevel, 'province'>, readonly NodeLevel[]> = {
  district: ['province'],
  facility: ['district', 'facility'],
  zone: ['facility'],
};

/**
 * What a file asks for, checked row by row against itself and the database (`existing`, by
 * lower-case code): codes that fit the country's scheme, names that agree with the codes,
 * each code on one row. A row with a problem adds nothing; the others are planned.
 */
export function planLocations(
  rows: readonly ImportRow[],
  existing: ReadonlyMap<string, ExistingLocation>,
  settings: LocationsSettings,
): LocationPlan {
  const planner = new Planner(existing, settings);
  // Declared provinces and districts first, so facility rows anywhere in the file see them.
  const ordered = [...rows].sort((a, b) => rank(a, settings) - rank(b, settings) || a.line - b.line);
  const errors: RowError[] = [];
  // Rows under a Parent planned later in the file wait, and are tried again while any succeeds.
  let waiting: Array<{ row: ImportRow; reason: string }> = [];
  const attempt = (row: ImportRow): void => {
    try {
      planner.add(row);
    } catch (error) {
      if (error instanceof ParentNotYet) waiting.push({ row, reason: error.message });
      else if (error instanceof RowProblem) errors.push({ line: row.line, reason: error.message });
      else throw error;
    }
  };
  for (const row of ordered) attempt(row);
  for (let before = Infinity; waiting.length > 0 && waiting.length < before;) {
    before = waiting.length;
    const retry = waiting;
    waiting = [];
    for (const { row } of retry) attempt(row);
  }
  for (const { row, reason } of waiting) errors.push({ line: row.line, reason });
  const nodes = [...planner.nodes.values()].sort(
    (a, b) => NODE_LEVELS.indexOf(a.level) - NODE_LEVELS.indexOf(b.level) || a.line - b.line,
  );
  return { nodes, errors: errors.sort((a, b) => a.line - b.line) };
}

function levelOf(row: ImportRow, settings: LocationsSettings): NodeLevel {
  if (row.facilityName) return slugify(row.facilityType) === settings.zoneType ? 'zone' : 'facility';
  return row.district ? 'district' : 'province';
}

function rank(row: ImportRow, settings: LocationsSettings): number {
  return NODE_LEVELS.indexOf(levelOf(row, settings));
}

class Planner {
  readonly nodes = new Map<string, DesiredLocation>();
  private readonly rules: CodeRules;
  private readonly hasProvinceDigits: boolean;
  /** Province codes by name, for schemes without province digits. */
  private readonly provinceByName = new Map<string, string>();

  constructor(
    private readonly existing: ReadonlyMap<string, ExistingLocation>,
    private readonly settings: LocationsSettings,
  ) {
    this.rules = codeRules(settings);
    this.hasProvinceDigits = this.rules.parts[0].level === 'province';
    for (const location of existing.values()) {
      if (location.kind === 'province') this.provinceByName.set(cleanName(location.name).toLowerCase(), location.code);
    }
  }

  add(row: ImportRow): void {
    if (row.parent) {
      this.commit(this.underParent(row));
      return;
    }
    if (!row.province) throw new RowProblem('Province is empty');
    const level = levelOf(row, this.settings);
    const pending: DesiredLocation[] = [];
    const base = { line: row.line, latitude: null, longitude: null };
    if (level === 'province') {
      const code = this.provinceCode(row);
      this.provinceByName.set(cleanName(row.province).toLowerCase(), code);
      pending.push({
        ...base,
        level,
        code,
        name: cleanName(row.province),
        typeSlug: this.settings.provinceType,
        parentCode: null,
        declared: true,
      });
    } else if (level === 'district') {
      const parsed = this.parse(row.code, 'district');
      const province = this.derived(
        'province',
        this.hasProvinceDigits ? parsed.ancestors[0] : this.regionCode(row.province),
        row.province,
        null,
        row,
        pending,
      );
      pending.push({
        ...base,
        level,
        code: parsed.code,
        name: cleanName(row.district),
        typeSlug: this.settings.districtType,
        parentCode: province,
        declared: true,
      });
    } else {
      const [facilityCode, zoneSuffix] = level === 'zone' ? splitZoneCode(row.code) : [row.code, ''];
      const parsed = this.parse(facilityCode, 'facility');
      if (!row.district) throw new RowProblem('District is empty');
      const province = this.derived(
        'province',
        this.hasProvinceDigits ? parsed.ancestors[0] : this.regionCode(row.province),
        row.province,
        null,
        row,
        pending,
      );
      const district = this.derived(
        'district',
        parsed.ancestors[parsed.ancestors.length - 1],
        row.district,
        province,
        row,
        pending,
      );
      const [latitude, longitude] = coordinates(row);
      if (level === 'zone') {
        const parent = this.nodes.get(parsed.code.toLowerCase()) ?? this.existing.get(parsed.code.toLowerCase());
        if (!parent)
          throw new RowProblem(`zone ${row.code}: facility ${parsed.code} is neither in the file nor in the database`);
        const code = `${parsed.code}-${zoneSuffix}`;
        pending.push({
          line: row.line,
          level,
          code,
          name: cleanName(row.facilityName),
          typeSlug: this.settings.zoneType,
          parentCode: parsed.code,
          latitude,
          longitude,
          declared: true,
        });
      } else {
        const typeSlug = slugify(row.facilityType) || this.settings.defaultFacilityType;
        if (typeSlug === this.settings.provinceType || typeSlug === this.settings.districtType) {
          throw new RowProblem(
            `Facility Type "${row.facilityType}" is the province or district type; leave Facility_Name empty for those`,
          );
        }
        const typeLabel = row.facilityType ? cleanName(row.facilityType) : undefined;
        pending.push({
          line: row.line,
          level,
          code: parsed.code,
          name: cleanName(row.facilityName),
          typeSlug,
          typeLabel,
          parentCode: district,
          latitude,
          longitude,
          declared: true,
        });
      }
    }
    this.commit(pending);
  }

  /** A row's location (last) and the provinces and districts it brings, checked against the file and the database. */
  private commit(pending: readonly DesiredLocation[]): void {
    const own = pending[pending.length - 1];
    const earlier = this.nodes.get(own.code.toLowerCase());
    if (earlier?.declared) throw new RowProblem(`code ${own.code} is also on line ${earlier.line}`);
    const there = this.existing.get(own.code.toLowerCase());
    const ownKind = own.level === 'province' || own.level === 'district' ? LEVEL_KIND[own.level] : null;
    if (there && (ownKind ? there.kind !== ownKind : there.kind === 'province' || there.kind === 'district')) {
      throw new RowProblem(`code ${own.code} is already ${there.name}, a ${there.kind} in the database`);
    }
    for (const node of pending) this.nodes.set(node.code.toLowerCase(), node);
  }

  /** A row with a Parent: placed under it, its code any the country allows. */
  private underParent(row: ImportRow): DesiredLocation[] {
    const level = levelOf(row, this.settings);
    if (level === 'province') throw new RowProblem('a province has no Parent: leave it empty');
    const parentCode = normalizeCode(row.parent, this.rules);
    const key = parentCode.toLowerCase();
    if (normalizeCode(row.code, this.rules).toLowerCase() === key) {
      throw new RowProblem(`Parent ${row.parent} is the row's own code`);
    }
    const planned = this.nodes.get(key);
    const there = this.existing.get(key);
    const parentLevel: NodeLevel | null = planned
      ? planned.level
      : there
        ? there.kind === 'province' || there.kind === 'district' || there.kind === 'zone'
          ? there.kind
          : 'facility'
        : null;
    if (!parentLevel) throw new ParentNotYet(`Parent ${row.parent} is neither in the file nor in the database`);
    if (!PARENT_LEVELS[level].includes(parentLevel)) {
      throw new RowProblem(
        `Parent ${row.parent} is a ${parentLevel}; a ${level} goes under a ${PARENT_LEVELS[level].join(' or ')}`,
      );
    }
    const code = this.allowedCode(row.code, level);
    const [latitude, longitude] = level === 'district' ? [null, null] : coordinates(row);
    const base = { line: row.line, code, parentCode: planned?.code ?? there?.code ?? parentCode, declared: true };
    if (level === 'district') {
      return [
        { ...base, level, name: cleanName(row.district), typeSlug: this.settings.districtType, latitude, longitude },
      ];
    }
    if (level === 'zone') {
      return [
        { ...base, level, name: cleanName(row.facilityName), typeSlug: this.settings.zoneType, latitude, longitude },
      ];
    }
    const typeSlug = slugify(row.facilityType) || this.settings.defaultFacilityType;
    if (typeSlug === this.settings.provinceType || typeSlug === this.settings.districtType) {
      throw new RowProblem(
        `Facility Type "${row.facilityType}" is the province or district type; leave Facility_Name empty for those`,
      );
    }
    return [
      {
        ...base,
        level,
        name: cleanName(row.facilityName),
        typeSlug,
        typeLabel: row.facilityType ? cleanName(row.facilityType) : undefined,
        latitude,
        longitude,
      },
    ];
  }

  /**
   * The code of a row with a Parent: any the country allows, not only one whose digits spell
   * its parent. `locations.codePattern` where set; else a whole code of the format's length
   * (`403012` under a district split from 4030); a zone's, any word code (`403012-3`, `z12`).
   */
  private allowedCode(raw: string, level: NodeLevel): string {
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

  /** The code of a province or district a row points at; planned from the row when new. */
  private derived(
    level: 'province' | 'district',
    code: string,
    name: string,
    parentCode: string | null,
    row: ImportRow,
    pending: DesiredLocation[],
  ): string {
    const known =
      this.nodes.get(code.toLowerCase()) ??
      pending.find((n) => n.code === code) ??
      this.existing.get(code.toLowerCase());
    const label = level === 'province' ? 'Province' : 'District';
    if (known && !sameName(known.name, name)) {
      throw new RowProblem(`${label} "${name}" does not match code ${row.code}: ${level} ${code} is "${known.name}"`);
    }
    if (!known) {
      pending.push({
        line: row.line,
        level,
        code,
        name: cleanName(name),
        typeSlug: level === 'province' ? this.settings.provinceType : this.settings.districtType,
        parentCode,
        latitude: null,
        longitude: null,
        declared: false,
      });
    }
    return known?.code ?? code;
  }

  private provinceCode(row: ImportRow): string {
    if (this.hasProvinceDigits) return this.parse(row.code, 'province').code;
    if (!row.code) return slugify(row.province, '-');
    if (/^\d+$/.test(row.code) || !WORD_CODE.test(row.code)) {
      throw new RowProblem(
        `Code "${row.code}": a province here has no digits in the ${this.settings.codeFormat} code; give it a word (letters, digits, - and _) or leave it empty`,
      );
    }
    return row.code;
  }

  /** Where codes have no province digits, a province is known by name (or becomes a slug of it). */
  private regionCode(name: string): string {
    return this.provinceByName.get(cleanName(name).toLowerCase()) ?? slugify(name, '-');
  }

  private parse(
    code: string,
    level: 'province' | 'district' | 'facility',
  ): { code: string; ancestors: readonly string[] } {
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

function splitZoneCode(code: string): [string, string] {
  const match = /^(\d+)-([a-z0-9][a-z0-9_-]*)$/i.exec(code);
  if (!match)
    throw new RowProblem(`Code "${code}" is not a zone code: the facility's code, a dash and the zone (403012-3)`);
  return [match[1], match[2].toLowerCase()];
}

function coordinates(row: ImportRow): [number | null, number | null] {
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
