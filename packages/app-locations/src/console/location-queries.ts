import { ContactsService } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Location } from '../entities/location.entity';

/** What the console shows under a location: active locations and contacts below it. */
export interface LocationCounts {
  readonly children: number;
  readonly clinics: number;
  readonly zones: number;
  readonly contacts: number;
}

const NONE: LocationCounts = { children: 0, clinics: 0, zones: 0, contacts: 0 };

/**
 * The few reads the console pages need beyond `LocationsService`, each one query for a whole
 * list (the GIN index on `path` finds everything below a location).
 */
@Injectable()
export class LocationConsoleQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
  ) {}

  /** The top of the tree (provinces, or Malawi's regions), inactive ones too. */
  roots(): Promise<Location[]> {
    return this.dataSource
      .getRepository(Location)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.type', 't')
      .where('l.parent_id IS NULL')
      .orderBy('l.name')
      .addOrderBy('l.id')
      .getMany();
  }

  /** Active children, facilities, zones and contacts anywhere below each location. */
  async counts(ids: readonly number[]): Promise<Map<number, LocationCounts>> {
    if (ids.length === 0) return new Map();
    const [below, trees]: [
      Array<{ id: number; children: string; clinics: string; zones: string }>,
      Array<{ id: number; ids: number[] }>,
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT p.id,
                  count(*) FILTER (WHERE d.parent_id = p.id) AS children,
                  count(*) FILTER (WHERE t.kind = 'clinic') AS clinics,
                  count(*) FILTER (WHERE t.kind = 'zone') AS zones
             FROM location p
             JOIN location d ON d.path @> ARRAY[p.id] AND d.id <> p.id AND d.active
             JOIN location_type t ON t.id = d.type_id
            WHERE p.id = ANY($1::integer[])
            GROUP BY p.id`,
        [ids],
      ),
      this.dataSource.query(
        `SELECT p.id, array_agg(d.id) AS ids FROM location p JOIN location d ON d.path @> ARRAY[p.id]
          WHERE p.id = ANY($1::integer[]) GROUP BY p.id`,
        [ids],
      ),
    ]);
    // Contacts are counted through their own contract, per location, then summed over each subtree.
    const perLocation = await this.contacts.countAt(trees.flatMap((t) => t.ids));
    const contacts = trees.map((t) => ({
      id: t.id,
      contacts: t.ids.reduce((sum, id) => sum + (perLocation.get(id) ?? 0), 0),
    }));
    const counts = new Map<number, LocationCounts>(ids.map((id) => [id, NONE]));
    for (const row of below) {
      counts.set(row.id, {
        ...NONE,
        children: Number(row.children),
        clinics: Number(row.clinics),
        zones: Number(row.zones),
      });
    }
    for (const row of contacts) counts.set(row.id, { ...(counts.get(row.id) ?? NONE), contacts: Number(row.contacts) });
    return counts;
  }

  /** The names above each location, top first (`Lusaka › Lusaka` for a Lusaka clinic). */
  async lineages(ids: readonly number[]): Promise<Map<number, string[]>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: number; names: string[] }> = await this.dataSource.query(
      `SELECT l.id, array_agg(a.name ORDER BY array_position(l.path, a.id)) AS names
         FROM location l
         JOIN location a ON a.id = ANY(l.path) AND a.id <> l.id
        WHERE l.id = ANY($1::integer[])
        GROUP BY l.id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.names]));
  }

  /** The phone numbers (or other identities) of each contact, oldest first. */
  async phones(contactIds: readonly number[]): Promise<Map<number, string[]>> {
    const connections = await this.contacts.connectionsOf(contactIds);
    return new Map([...connections].map(([id, list]) => [id, list.map((c) => c.identity)]));
  }
}
