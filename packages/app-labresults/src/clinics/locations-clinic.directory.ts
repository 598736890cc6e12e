import { type Contact, type Role } from '@mwana/core';
import { type Location, LocationsService, parseCode } from '@mwana/app-locations';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { ClinicDirectory, type CodeLevel, type Place, type PlaceKind } from './clinic-directory';

function place(location: Location | null): Place | null {
  return location ? { id: location.id, name: location.name, code: location.code, sendLiveResults: location.sendLiveResults } : null;
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
    const service = this.service ?? this.moduleRef.get<LocationsService, LocationsService>(LocationsService, { strict: false });
    this.service = service;
    return service;
  }

  async findByCode(code: string, kinds: readonly PlaceKind[], db: EntityManager): Promise<Place | null> {
    return place(await this.locations.findByCode(code, { kinds }, db));
  }

  async findByLabCode(code: string, db: EntityManager): Promise<Place | null> {
    return place(await this.locations.findByLabCode(code, db));
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

  async districtOf(placeId: number, db: EntityManager): Promise<Place | null> {
    const location = await this.locations.get(placeId, db);
    return location?.parentId ? place(await this.locations.get(location.parentId, db)) : null;
  }

  staffAt(clinicId: number, role: Role, db: EntityManager): Promise<Contact[]> {
    return this.locations.contactsAt(clinicId, { role, withChildren: true }, db);
  }
}
