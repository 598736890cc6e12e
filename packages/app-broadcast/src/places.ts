import { type LocationKind, LocationsService, placeOf, type Place } from '@mwana/app-locations';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

export type { Place };

/**
 * Everything broadcast asks of the location tree, in one file so that `@mwana/app-locations`
 * stays behind it. Country apps import `LocationsModule.forRoot(...)` beside this module, so
 * its service is looked up in the whole container (once, on first use).
 */
@Injectable()
export class BroadcastPlaces {
  private service: LocationsService | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  private get locations(): LocationsService {
    this.service ??= this.moduleRef.get(LocationsService, { strict: false }) as LocationsService;
    return this.service;
  }

  async get(id: number, db: EntityManager): Promise<Place | null> {
    return placeOf(await this.locations.get(id, db));
  }

  async byCode(code: string, db: EntityManager): Promise<Place | null> {
    return placeOf(await this.locations.findByCode(code, {}, db));
  }

  /** The clinic a location belongs to: up past zones (docs/keywords.md#roles); a district for a DHO. */
  async clinicOf(locationId: number, db: EntityManager): Promise<Place | null> {
    return placeOf(await this.locations.clinicOf(locationId, db));
  }

  /** `clinicOf`, and in the same statement the ids of that clinic and its (active) zones (`atOrChildrenIds`). */
  async clinicWithZones(
    locationId: number,
    db: EntityManager,
  ): Promise<{ clinic: Place; atOrChildren: number[] } | null> {
    const found = await this.locations.clinicOfWithChildren(locationId, {}, db);
    return found ? { clinic: placeOf(found.clinic)!, atOrChildren: found.atOrChildrenIds } : null;
  }

  /** Ids of the place and its direct children (a clinic's zones). */
  async atOrChildrenIds(id: number, db: EntityManager): Promise<number[]> {
    return (await this.locations.atOrChildren(id, {}, db)).map((l) => l.id);
  }

  /** Ids of the place and every place above it (clinic, district, province). */
  async lineIds(id: number, db: EntityManager): Promise<number[]> {
    return [id, ...(await this.locations.ancestors(id, db)).map((l) => l.id)];
  }

  /** Every place, by name (the console's filters). */
  async all(db: EntityManager): Promise<Place[]> {
    const rows: Array<{ id: number; name: string; code: string; kind: LocationKind; parent_id: number | null }> =
      await db.query(
        `SELECT l.id, l.name, l.code, t.kind, l.parent_id FROM location l JOIN location_type t ON t.id = l.type_id
          WHERE l.active AND t.kind <> 'zone' ORDER BY l.name, l.id`,
      );
    return rows.map((r) => ({ id: r.id, name: r.name, code: r.code, kind: r.kind, parentId: r.parent_id }));
  }

  /** Ids of a place and everything below it (the console's location filter). */
  subtreeIds(id: number, db: EntityManager): Promise<number[]> {
    return this.locations.subtreeIds(id, db);
  }
}
