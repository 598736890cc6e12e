import { normalizeCode } from '../codes/location-codes';
import type { LocationKind } from '../entities/location-type.entity';
import type { LocationsSettings } from '../locations.config';
import { cleanName, sameName, slugify } from '../names';
import { coordinates, RowCodes, splitZoneCode } from './import-codes';
import {
  levelOf,
  ParentNotYet,
  RowProblem,
  type DesiredLocation,
  type ExistingLocation,
  type NodeLevel,
} from './import-nodes';
import type { ImportRow } from './import-rows';

const LEVEL_KIND: Record<'province' | 'district', LocationKind> = { province: 'province', district: 'district' };

/** The levels a Parent may be, by the level of the row under it. */
const PARENT_LEVELS: Record<Exclude<NodeLevel, 'province'>, readonly NodeLevel[]> = {
  district: ['province'],
  facility: ['district', 'facility'],
  zone: ['facility'],
};

/** The tree a file asks for, built row by row: each row's location and the provinces and districts it brings. */
export class Planner {
  readonly nodes = new Map<string, DesiredLocation>();
  private readonly codes: RowCodes;
  /** Province codes by name, for schemes without province digits. */
  private readonly provinceByName = new Map<string, string>();

  constructor(
    private readonly existing: ReadonlyMap<string, ExistingLocation>,
    private readonly settings: LocationsSettings,
  ) {
    this.codes = new RowCodes(settings);
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
      const code = this.codes.provinceCode(row);
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
      const parsed = this.codes.parse(row.code, 'district');
      const province = this.derived(
        'province',
        this.codes.hasProvinceDigits ? parsed.ancestors[0] : this.regionCode(row.province),
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
      const parsed = this.codes.parse(facilityCode, 'facility');
      if (!row.district) throw new RowProblem('District is empty');
      const province = this.derived(
        'province',
        this.codes.hasProvinceDigits ? parsed.ancestors[0] : this.regionCode(row.province),
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
    const parentCode = normalizeCode(row.parent, this.codes.rules);
    const key = parentCode.toLowerCase();
    if (normalizeCode(row.code, this.codes.rules).toLowerCase() === key) {
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
    const code = this.codes.allowedCode(row.code, level);
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

  /** Where codes have no province digits, a province is known by name (or becomes a slug of it). */
  private regionCode(name: string): string {
    return this.provinceByName.get(cleanName(name).toLowerCase()) ?? slugify(name, '-');
  }
}
