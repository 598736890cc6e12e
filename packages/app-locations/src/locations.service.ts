import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { codeRules, normalizeCode, normalizeLabCode, type CodeRules } from './codes/location-codes';
import type { LocationKind } from './entities/location-type.entity';
import { Location } from './entities/location.entity';
import type { LocationsSettings } from './locations.config';
import { LOCATIONS_OPTIONS } from './locations.module-definition';

export interface FindOptions {
  /** Only locations whose type is of one of these kinds (`['clinic']` for JOIN CLINIC). */
  readonly kinds?: readonly LocationKind[];
  /** Deactivated locations too (they are kept, never deleted). */
  readonly includeInactive?: boolean;
}

/**
 * The location tree as every app reads it. Each method is one SQL query, whatever the depth
 * (the materialized `path` does the walking); pass `msg.db` to read inside the routing
 * transaction. Locations come with their `type`.
 */
@Injectable()
export class LocationsService {
  readonly codes: CodeRules;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOCATIONS_OPTIONS) readonly settings: LocationsSettings,
  ) {
    this.codes = codeRules(settings);
  }

  get(id: number, db?: EntityManager): Promise<Location | null> {
    return this.select(db).where('l.id = :id', { id }).getOne();
  }

  /** By code as a person typed it: any case, letters for digits repaired, short codes padded. */
  findByCode(code: string, options: FindOptions = {}, db?: EntityManager): Promise<Location | null> {
    return this.filtered(this.select(db), options)
      .andWhere('lower(l.code) = lower(:code)', { code: normalizeCode(code, this.codes) })
      .getOne();
  }

  /**
   * `findByCode`, with the ids of the location and its direct children (`atOrChildren`,
   * inactive ones too) read in the same statement: JOIN's clinic and who works there.
   */
  async findByCodeWithChildren(
    code: string,
    options: FindOptions = {},
    db?: EntityManager,
  ): Promise<{ location: Location; atOrChildrenIds: number[] } | null> {
    const { entities, raw } = await this.filtered(this.select(db), options)
      .addSelect('ARRAY(SELECT c.id FROM location c WHERE c.id = l.id OR c.parent_id = l.id)', 'at_or_children')
      .andWhere('lower(l.code) = lower(:code)', { code: normalizeCode(code, this.codes) })
      .getRawAndEntities<{ at_or_children: number[] }>();
    if (entities.length === 0) return null;
    return { location: entities[0], atOrChildrenIds: raw[0].at_or_children };
  }

  /** By the facility code a lab sent (`2020200` is facility `202020`). */
  findByLabCode(code: string, db?: EntityManager): Promise<Location | null> {
    return this.findByCode(normalizeLabCode(code, this.codes), {}, db);
  }

  /** Many lab codes in one query (an upload's facilities): each code as sent -> its location, where one has it. */
  findByLabCodes(codes: readonly string[], db?: EntityManager): Promise<Map<string, Location>> {
    return this.byCodes(codes, (code) => normalizeLabCode(code, this.codes), db);
  }

  /** `findByCode` for many codes in one query (a contacts file's locations): each code as typed -> its location, where one has it. */
  findByCodes(codes: readonly string[], db?: EntityManager): Promise<Map<string, Location>> {
    return this.byCodes(codes, (code) => normalizeCode(code, this.codes), db);
  }

  private async byCodes(
    codes: readonly string[],
    normalize: (code: string) => string,
    db: EntityManager | undefined,
  ): Promise<Map<string, Location>> {
    const wanted = new Map([...new Set(codes)].map((code) => [code, normalize(code).toLowerCase()]));
    if (wanted.size === 0) return new Map();
    const found = await this.filtered(this.select(db), {})
      .andWhere('lower(l.code) IN (:...codes)', { codes: [...new Set(wanted.values())] })
      .getMany();
    const byCode = new Map(found.map((location) => [location.code.toLowerCase(), location]));
    return new Map(
      [...wanted].flatMap(([code, normalized]) =>
        byCode.has(normalized) ? [[code, byCode.get(normalized)!] as const] : [],
      ),
    );
  }

  /** The locations above, top first (province, district, clinic for a zone). */
  async ancestors(id: number, db?: EntityManager): Promise<Location[]> {
    const rows = await this.select(db)
      .where('l.id IN (SELECT unnest(s.path) FROM location s WHERE s.id = :id)', { id })
      .andWhere('l.id <> :id')
      .getMany();
    return rows.sort((a, b) => a.path.length - b.path.length);
  }

  /** Every location below, depth first in tree order. */
  descendants(id: number, options: FindOptions = {}, db?: EntityManager): Promise<Location[]> {
    return this.filtered(this.select(db), options)
      .andWhere('l.path @> ARRAY[:id]::integer[]', { id })
      .andWhere('l.id <> :id')
      .orderBy('l.path')
      .getMany();
  }

  /**
   * The ids of a location and of everything below it, in one query: what to pass as
   * `locationIds` to core's contact queries ("every CBA under this district").
   */
  async subtreeIds(id: number, db?: EntityManager): Promise<number[]> {
    const rows: Array<{ id: number }> = await (db ?? this.dataSource.manager).query(
      'SELECT id FROM location WHERE path @> ARRAY[$1]::integer[] ORDER BY id',
      [id],
    );
    return rows.map((r) => r.id);
  }

  children(id: number, options: FindOptions = {}, db?: EntityManager): Promise<Location[]> {
    return this.filtered(this.select(db), options)
      .andWhere('l.parent_id = :id', { id })
      .orderBy('l.name')
      .addOrderBy('l.id')
      .getMany();
  }

  /** The location and its direct children (contactsplus's `location(loc)`). */
  atOrChildren(id: number, options: FindOptions = {}, db?: EntityManager): Promise<Location[]> {
    return this.filtered(this.select(db), options)
      .andWhere('(l.id = :id OR l.parent_id = :id)', { id })
      .orderBy('l.path')
      .getMany();
  }

  /**
   * The clinic a location belongs to: walking up past zones, the first location that is not
   * a zone (docs/keywords.md#roles: "the clinic of a contact"); the location itself when all are zones.
   */
  async clinicOf(locationId: number, db?: EntityManager): Promise<Location | null> {
    const line = await this.select(db)
      .innerJoin(Location, 's', 'l.id = ANY(s.path)')
      .where('s.id = :locationId', { locationId })
      .getMany();
    return firstNonZoneFromBottom(line);
  }

  /**
   * `clinicOf`, with the ids of that clinic and its direct children (`atOrChildren`: active
   * ones, inactive too with `includeInactive`) read in the same statement: a group's places.
   */
  async clinicOfWithChildren(
    locationId: number,
    options: Pick<FindOptions, 'includeInactive'> = {},
    db?: EntityManager,
  ): Promise<{ clinic: Location; atOrChildrenIds: number[] } | null> {
    const active = options.includeInactive ? '' : ' AND c.active';
    const { entities, raw } = await this.select(db)
      .addSelect(
        `ARRAY(SELECT c.id FROM location c WHERE (c.id = l.id OR c.parent_id = l.id)${active})`,
        'at_or_children',
      )
      .innerJoin(Location, 's', 'l.id = ANY(s.path)')
      .where('s.id = :locationId', { locationId })
      .getRawAndEntities<{ l_id: number; at_or_children: number[] }>();
    const clinic = firstNonZoneFromBottom(entities);
    if (!clinic) return null;
    return { clinic, atOrChildrenIds: raw.find((row) => row.l_id === clinic.id)?.at_or_children ?? [] };
  }

  /** Active locations whose name or code contains `text`, not zones (the CODE keyword). */
  search(
    text: string,
    options: { limit?: number; kinds?: readonly LocationKind[] } = {},
    db?: EntityManager,
  ): Promise<Location[]> {
    const pattern = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const kinds = options.kinds ?? (['province', 'district', 'clinic', 'other'] as const);
    return this.filtered(this.select(db), { kinds })
      .andWhere('(l.name ILIKE :pattern OR l.code ILIKE :pattern)', { pattern })
      .orderBy('l.name')
      .addOrderBy('l.code')
      .limit(options.limit ?? 5)
      .getMany();
  }

  private select(db?: EntityManager): SelectQueryBuilder<Location> {
    return (db ?? this.dataSource.manager)
      .getRepository(Location)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.type', 't');
  }

  private filtered(query: SelectQueryBuilder<Location>, options: FindOptions): SelectQueryBuilder<Location> {
    query.where('TRUE');
    if (options.kinds) query.andWhere('t.kind = ANY(:kinds)', { kinds: [...options.kinds] });
    if (!options.includeInactive) query.andWhere('l.active');
    return query;
  }
}

/** From a location's line of ancestors (any order): the deepest that is not a zone. */
function firstNonZoneFromBottom(line: Location[]): Location | null {
  const bottomUp = [...line].sort((a, b) => b.path.length - a.path.length);
  return bottomUp.find((l) => l.type?.kind !== 'zone') ?? bottomUp[0] ?? null;
}
