import {
  type LocationKind,
  LocationsError,
  LocationsErrorCode,
  LocationsService,
  type Place,
  placeOf,
  ZonesService,
  cleanName,
} from '@mwana/app-locations';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

export type { Place };

/**
 * Everything RemindMi asks of the location tree, in one file so that `@mwana/app-locations`
 * stays behind it. Country apps import `LocationsModule.forRoot(...)` beside this module, not
 * into it, so its services are looked up in the whole container (once, on first use). Every
 * method takes the caller's transaction.
 */
@Injectable()
export class Places {
  private services: { locations: LocationsService; zones: ZonesService } | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  private get locations(): LocationsService {
    return this.lookup().locations;
  }

  private lookup(): { locations: LocationsService; zones: ZonesService } {
    this.services ??= {
      locations: this.moduleRef.get(LocationsService, { strict: false }),
      zones: this.moduleRef.get(ZonesService, { strict: false }),
    };
    return this.services;
  }

  async get(id: number, db: EntityManager): Promise<Place | null> {
    return placeOf(await this.locations.get(id, db));
  }

  /** A clinic by its code as typed (AGENT, JOIN CBA). */
  async clinicByCode(code: string, db: EntityManager): Promise<Place | null> {
    return placeOf(await this.locations.findByCode(code, { kinds: ['clinic'] }, db));
  }

  /** A place of any kind by its code (RMDEMO takes a clinic's or a district's). */
  async byCode(code: string, db: EntityManager): Promise<Place | null> {
    return placeOf(await this.locations.findByCode(code, {}, db));
  }

  /** The clinic a location belongs to: up past zones (docs/keywords.md#roles). */
  async clinicOf(locationId: number, db: EntityManager): Promise<Place | null> {
    return placeOf(await this.locations.clinicOf(locationId, db));
  }

  /** True when `location` is the clinic's zone called `zoneName` (any case or spacing). */
  isZoneNamed(location: Place, clinic: Place, zoneName: string): boolean {
    return (
      location.kind === 'zone' &&
      location.parentId === clinic.id &&
      location.name.toLowerCase() === cleanName(zoneName).toLowerCase()
    );
  }

  /** The clinic's zone of this name, made on first use; null for a name that makes no zone (`###`). */
  async zoneFor(clinic: Place, zoneName: string, db: EntityManager): Promise<Place | null> {
    const location = await this.locations.get(clinic.id, db);
    if (!location) return null;
    try {
      return placeOf((await this.lookup().zones.zoneFor(location, zoneName, db)).zone);
    } catch (error) {
      if (error instanceof LocationsError && error.code === LocationsErrorCode.BadZoneName) return null;
      throw error;
    }
  }

  /** The clinic's zones, by name. */
  async zonesOf(clinicId: number, db: EntityManager): Promise<Place[]> {
    return (await this.locations.children(clinicId, { kinds: ['zone'] }, db)).map((l) => placeOf(l)!);
  }

  /** Names of places by id, in one query (the reminders job names each reminder's clinic). */
  async namesOf(ids: readonly number[], db: EntityManager): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: number; name: string }> = await db.query(
      'SELECT id, name FROM location WHERE id = ANY($1)',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Places by id with the clinic each belongs to (a zone's parent), in one query: the console names zones and clinics. */
  async withClinics(
    ids: readonly number[],
    db: EntityManager,
  ): Promise<Map<number, { name: string; kind: LocationKind; clinicId: number | null; clinic: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{
      id: number;
      name: string;
      kind: LocationKind;
      clinic_id: number | null;
      clinic: string | null;
    }> = await db.query(
      `SELECT l.id, l.name, t.kind,
                CASE WHEN t.kind = 'zone' THEN p.id ELSE l.id END AS clinic_id,
                CASE WHEN t.kind = 'zone' THEN p.name ELSE l.name END AS clinic
           FROM location l JOIN location_type t ON t.id = l.type_id LEFT JOIN location p ON p.id = l.parent_id
          WHERE l.id = ANY($1)`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind, clinicId: r.clinic_id, clinic: r.clinic }]));
  }

  /** Every clinic that has zones or events, by name, for the console's filters. */
  async clinicsWithZones(db: EntityManager): Promise<Place[]> {
    const rows: Array<{ id: number }> = await db.query(
      `SELECT DISTINCT l.parent_id AS id FROM location l JOIN location_type t ON t.id = l.type_id
        WHERE t.kind = 'zone' AND l.parent_id IS NOT NULL`,
    );
    const places = await Promise.all(rows.map((r) => this.get(r.id, db)));
    return places.filter((p): p is Place => p !== null).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Ids of the clinic and its direct children (its zones): where its staff and agents are. */
  async clinicAndZoneIds(clinicId: number, db: EntityManager): Promise<number[]> {
    return (await this.locations.atOrChildren(clinicId, {}, db)).map((l) => l.id);
  }
}
