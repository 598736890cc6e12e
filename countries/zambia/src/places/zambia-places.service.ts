import { type Location, LocationsService } from '@mwana/app-locations';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/**
 * The location tree as Zambia's own code reads it. The country imports `LocationsModule`
 * beside Zambia's module, not into it, so the service is looked up in the whole container
 * (once, on first use), as Results160's clinic directory does.
 */
@Injectable()
export class ZambiaPlaces {
  private service: LocationsService | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  private get locations(): LocationsService {
    this.service ??= this.moduleRef.get<LocationsService, LocationsService>(LocationsService, { strict: false });
    return this.service;
  }

  get(id: number, db?: EntityManager): Promise<Location | null> {
    return this.locations.get(id, db);
  }

  /** The clinic of a location: up past zones (docs/keywords.md#roles). */
  clinicOf(locationId: number, db?: EntityManager): Promise<Location | null> {
    return this.locations.clinicOf(locationId, db);
  }

  /**
   * The ids of every location at or below the places with these codes; null when no code is
   * given (everywhere). A code no place has is an error: a typo in the config would otherwise
   * silently ask nobody.
   */
  async within(codes: readonly string[], db?: EntityManager): Promise<Set<number> | null> {
    if (codes.length === 0) return null;
    const ids = new Set<number>();
    for (const code of codes) {
      const place = await this.locations.findByCode(code, {}, db);
      if (!place) throw new Error(`zambia.verification.locations: no location has the code ${code}`);
      for (const id of await this.locations.subtreeIds(place.id, db)) ids.add(id);
    }
    return ids;
  }
}
