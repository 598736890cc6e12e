import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What an app that owns locations tells contacts about them (app-locations registers one). */
export interface ContactLocationLookup {
  /** The ids of `ids` that are locations (active or not). */
  existing(ids: readonly number[], db: EntityManager): Promise<Set<number>>;
}

/**
 * Where the locations app plugs in, so operators' contact writes (`/api/contacts`, the CSV
 * import) refuse a location that does not exist. Core knows no locations: with no app
 * registered, every id is taken as given.
 */
@Injectable()
export class ContactLocations {
  private lookup: ContactLocationLookup | null = null;

  use(lookup: ContactLocationLookup): void {
    this.lookup = lookup;
  }

  /** The ids of `ids` that name no location (none when no locations app is installed). */
  async unknown(ids: readonly number[], db: EntityManager): Promise<number[]> {
    if (!this.lookup || ids.length === 0) return [];
    const found = await this.lookup.existing(ids, db);
    return [...new Set(ids)].filter((id) => !found.has(id));
  }
}
