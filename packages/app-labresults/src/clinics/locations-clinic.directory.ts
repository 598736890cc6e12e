import { type Location, LocationsService, parseCode } from '@mwana/app-locations';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { ClinicDirectory, type CodeLevel, type Place, type PlaceKind } from './clinic-directory';

function place(location: Location | null): Place | null {
  return location
    ? { id: location.id, name: location.name, code: location.code, sendLiveResults: location.sendLiveResults }
    : null;
}

/**
 * The clinic directory backed by `@mwana/app-locations`. Country apps import
 * `LocationsModule.forRoot(...)` beside this module, not into it, so its service is looked
 * up in the whole container (once, on first use) rather than injected.
 */
@Injectable()
export class LocationsClinicDirectory extends ClinicDirectory {
  private service: LocationsService | null = null;

  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  private get locations(): LocationsService {
    const service =
      this.service ?? this.moduleRef.get<LocationsService, LocationsService>(LocationsService, { strict: false });
    this.service = service;
    return service;
  }

  async findByCode(code: string, kinds: readonly PlaceKind[], db: EntityManager): Promise<Place | null> {
    return place(await this.locations.findByCode(code, { kinds }, db));
  }

  async findWithZones(
    code: string,
    kinds: readonly PlaceKind[],
    db: EntityManager,
  ): Promise<{ place: Place; atOrZones: number[] } | null> {
    const found = await this.locations.findByCodeWithChildren(code, { kinds }, db);
    return found ? { place: place(found.location)!, atOrZones: found.atOrChildrenIds } : null;
  }

  async findByLabCodes(codes: readonly string[], db: EntityManager): Promise<Map<string, Place>> {
    return new Map(
      [...(await this.locations.findByLabCodes(codes, db))].map(([code, location]) => [code, place(location)!]),
    );
  }

  levelOfCode(code: string): CodeLevel | null {
    return parseCode(code, this.locations.codes)?.level ?? null;
  }

  async get(id: number, db: EntityManager): Promise<Place | null> {
    return place(await this.locations.get(id, db));
  }

  async clinicOf(locationId: number, db: EntityManager): Promise<Place | null> {
    return place(await this.locations.clinicOf(locationId, db));
  }

  async placesUnder(placeId: number, kinds: readonly PlaceKind[], db: EntityManager): Promise<Place[]> {
    return (await this.locations.descendants(placeId, { kinds }, db)).map((location) => place(location)!);
  }

  async clinicsUnderCode(code: string, db: EntityManager): Promise<{ name: string; clinicIds: number[] } | null> {
    const rules = this.locations.codes;
    const parsed = parseCode(code, rules);
    const depth = parsed ? rules.parts.findIndex((part) => part.level === parsed.level) : -1;
    if (!parsed || parsed.level === 'facility' || depth < 0) return null;
    const prefix = parsed.code.slice(
      0,
      rules.parts.slice(0, depth + 1).reduce((sum, part) => sum + part.digits, 0),
    );
    const kind = parsed.level;
    const rows: Array<{ id: number; area: string | null }> = await db.query(
      `SELECT c.id, (SELECT a.name FROM location a JOIN location_type at ON at.id = a.type_id
                      WHERE a.id = ANY(c.path) AND at.kind = $2 LIMIT 1) AS area
         FROM location c JOIN location_type t ON t.id = c.type_id
        WHERE t.kind = 'clinic' AND c.active AND starts_with(c.code, $1)
        ORDER BY c.id`,
      [prefix, kind],
    );
    if (rows.length === 0) return null;
    return { name: rows.find((r) => r.area !== null)?.area ?? parsed.code, clinicIds: rows.map((r) => r.id) };
  }

  async districtOf(placeId: number, db: EntityManager): Promise<Place | null> {
    const location = await this.locations.get(placeId, db);
    return location?.parentId ? place(await this.locations.get(location.parentId, db)) : null;
  }

  async clinicAndZones(clinicId: number, db: EntityManager): Promise<number[]> {
    return (await this.locations.atOrChildren(clinicId, { includeInactive: true }, db)).map((location) => location.id);
  }
}
