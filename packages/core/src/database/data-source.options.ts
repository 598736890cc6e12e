import { isAbsolute, join } from 'node:path';
import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import type { DatabaseConfig } from './database.config';
import { embeddedDriver } from './embedded-driver';

/** Migration classes in the order they run; each package exports its own list. */
export type MigrationList = ReadonlyArray<new () => MigrationInterface>;

export const MIGRATIONS_TABLE = 'mwana_migrations';

/** Where the embedded engine keeps its files, or `memory`. */
export function embeddedDataDir(config: DatabaseConfig, countryDir: string): string {
  const dir = config.embedded.dataDir;
  return dir === 'memory' || isAbsolute(dir) ? dir : join(countryDir, dir);
}

/** Where the country's build writes its embedded template (scripts/embedded-template.mjs). */
export function embeddedTemplateDir(countryDir: string): string {
  return join(countryDir, 'dist', 'embedded');
}

export function isEmbedded(config: DatabaseConfig): boolean {
  return !config.url;
}

/**
 * TypeORM options for PostgreSQL at `database.url`, or for the embedded engine when no URL
 * is configured. Both are PostgreSQL, so the migrations are the same. Entities come from
 * each module's `TypeOrmModule.forFeature` (autoLoadEntities), never a glob.
 */
export function dataSourceOptions(
  config: DatabaseConfig,
  countryDir: string,
  migrations: MigrationList,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    migrations: [...migrations],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: config.logging,
  };
  if (config.url) {
    return { ...common, url: config.url, poolSize: config.poolSize, applicationName: 'mwana' };
  }
  const template = { dir: embeddedTemplateDir(countryDir), migrations };
  return { ...common, driver: embeddedDriver(embeddedDataDir(config, countryDir), template), poolSize: 1 };
}
