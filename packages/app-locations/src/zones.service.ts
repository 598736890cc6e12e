import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LocationType } from './entities/location-type.entity';
import { Location } from './entities/location.entity';
import { ensureTypes } from './location-types';
import type { LocationsSettings } from './locations.config';
import { LocationsError, LocationsErrorCode } from './locations.error';
import { LOCATIONS_OPTIONS } from './locations.module-definition';
import { cleanName, slugify } from './names';

/**
 * Zones: the catchment areas of a clinic that community agents cover. They are made on
 * first use (AGENT / JOIN CBA), not imported, so a clinic's zones are whatever its agents name.
 */
@Injectable()
export class ZonesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOCATIONS_OPTIONS) private readonly settings: LocationsSettings,
  ) {}

  /**
   * The clinic's zone with this name (any case), created if it has none. Its code is the
   * clinic's code and the zone's slug (`403012-3`), with `_2`, `_3` ... when another zone of
   * the clinic already has that slug (`Zone 3` and `zone-3`). Codes are unique across the
   * country; prefixing the clinic keeps zone `3` of one clinic from taking `3_2000` elsewhere.
   */
  async zoneFor(
    clinic: Location,
    zoneName: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ zone: Location; created: boolean }> {
    const name = cleanName(zoneName);
    const slug = slugify(name, '-');
    if (!slug) throw new LocationsError(LocationsErrorCode.BadZoneName, `"${zoneName}" is not a zone name.`);
    const types = await ensureTypes(db, new Map([[this.settings.zoneType, undefined]]), this.settings);
    const zoneType = types.get(this.settings.zoneType);
    if (!zoneType) throw new Error(`zone type ${this.settings.zoneType} was not created`);
    // A clinic read without its type (a bare repository find) still gets the right answer.
    const clinicType = clinic.type ?? (await db.findOneBy(LocationType, { id: clinic.typeId }));
    if (!this.settings.clinicTypes.includes(clinicType?.slug ?? '')) {
      throw new LocationsError(LocationsErrorCode.NotAClinic, `${clinic.name} (${clinic.code}) is not a clinic.`);
    }
    for (;;) {
      const existing = await db
        .getRepository(Location)
        .createQueryBuilder('l')
        .innerJoinAndSelect('l.type', 't')
        .where('l.parent_id = :parent AND l.type_id = :type AND lower(l.name) = lower(:name)', {
          parent: clinic.id,
          type: zoneType.id,
          name,
        })
        .getOne();
      if (existing) return { zone: existing, created: false };
      const code = await this.freeCode(db, `${clinic.code}-${slug}`);
      // DO NOTHING: another message may create this zone (or take this code) at the same
      // moment; PostgreSQL waits for it, and the loop then finds the zone or a free code.
      const inserted: Array<{ id: number }> = await db.query(
        `INSERT INTO location (name, code, type_id, parent_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT ((lower(code))) DO NOTHING RETURNING id`,
        [name, code, zoneType.id, clinic.id],
      );
      if (inserted.length === 1) {
        const zone = await db
          .getRepository(Location)
          .findOneOrFail({ where: { id: inserted[0].id }, relations: { type: true } });
        return { zone, created: true };
      }
    }
  }

  /** `base`, or `base_N` with the smallest N >= 2 not taken, from one query. */
  private async freeCode(db: EntityManager, base: string): Promise<string> {
    const taken: Array<{ code: string }> = await db.query(
      `SELECT lower(code) AS code FROM location WHERE lower(code) = lower($1) OR lower(code) LIKE lower($2) ESCAPE '\\'`,
      [base, `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}\\_%`],
    );
    const codes = new Set(taken.map((t) => t.code));
    if (!codes.has(base.toLowerCase())) return base;
    for (let n = 2; ; n++) if (!codes.has(`${base}_${n}`.toLowerCase())) return `${base}_${n}`;
  }
}
