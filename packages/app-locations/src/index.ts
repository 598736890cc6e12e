import type { MigrationList } from '@mwana/core';
export * from './locations.config';
export { LocationsModule } from './locations.module';
export { LOCATIONS_OPTIONS } from './locations.module-definition';
/** This package's migrations, in order; the country's data source runs them. */
export const locationsMigrations: MigrationList = [];
