import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ContactLocations } from '@mwana/core';
import type { EntityManager } from 'typeorm';

/** Tells core's contact writes (`/api/contacts`, the import) which location ids exist. */
@Injectable()
export class LocationsForContacts implements OnModuleInit {
  constructor(private readonly contactLocations: ContactLocations) {}

  onModuleInit(): void {
    this.contactLocations.use({
      existing: async (ids: readonly number[], db: EntityManager) => {
        const rows: Array<{ id: number }> = await db.query('SELECT id FROM location WHERE id = ANY($1::integer[])', [
          [...ids],
        ]);
        return new Set(rows.map((r) => r.id));
      },
    });
  }
}
