import { type Contact, coreMigrations, databaseConfig, dataSourceOptions, runMigrations, type Role } from '@mwana/core';
import {
  ConnectionEntity,
  ContactEntity,
  ContactsRepository,
  createTestDatabase,
  type TestDatabase,
} from '@mwana/core/testing';
import { DataSource } from 'typeorm';
import { LocationType } from '../entities/location-type.entity';
import { Location } from '../entities/location.entity';
import { LocationImporter } from '../import/location-importer.service';
import { locationsConfig, type LocationsSettings } from '../locations.config';
import { LocationsService } from '../locations.service';
import { locationsMigrations } from '../migrations';
import { ZonesService } from '../zones.service';

/** The services of this package on a fresh PostgreSQL database, without a Nest container. */
export interface LocationsTestDatabase {
  readonly database: TestDatabase;
  readonly dataSource: DataSource;
  readonly settings: LocationsSettings;
  readonly locations: LocationsService;
  readonly zones: ZonesService;
  readonly importer: LocationImporter;
  /** Core's contact queries, without a Nest container (apps use `ContactsService`). */
  readonly contacts: ContactsRepository;
  /** A contact in core's table, for the contact queries. */
  contact(spec: { name?: string; locationId: number | null; roles?: Role[]; active?: boolean }): Promise<Contact>;
  /** Empties the location and contact tables (migrations stay). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh database with core's and this package's migrations, for int-specs and the
 * benchmark. `config` is the `locations` section as a country.yaml would write it.
 */
export async function createLocationsDatabase(
  config: Record<string, unknown> = {},
  options: { prefix?: string; poolSize?: number } = {},
): Promise<LocationsTestDatabase> {
  const database = await createTestDatabase(options.prefix ?? 'mwana_locations');
  const source = dataSourceOptions(
    databaseConfig.schema.parse({ url: database.url, poolSize: options.poolSize ?? 4 }),
    process.cwd(),
    [...coreMigrations, ...locationsMigrations],
  );
  const dataSource = new DataSource({ ...source, entities: [ContactEntity, ConnectionEntity, LocationType, Location] });
  await dataSource.initialize();
  await runMigrations(dataSource, false);
  const settings = locationsConfig.schema.parse(config);
  return {
    database,
    dataSource,
    settings,
    locations: new LocationsService(dataSource, settings),
    zones: new ZonesService(dataSource, settings),
    importer: new LocationImporter(dataSource, settings),
    contacts: new ContactsRepository(),
    contact: (spec) =>
      dataSource.getRepository(ContactEntity).save({
        name: spec.name ?? 'Contact',
        language: null,
        locationId: spec.locationId,
        roles: spec.roles ?? [],
        active: spec.active ?? true,
        isHelpAdmin: false,
      }),
    reset: async () => {
      await dataSource.query('TRUNCATE connection, contact, location, location_type RESTART IDENTITY CASCADE');
    },
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
