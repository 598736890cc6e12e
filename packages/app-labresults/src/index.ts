import type { MigrationList } from '@mwana/core';
export * from './labresults.config';
export { LabResultsModule } from './labresults.module';
export { LABRESULTS_OPTIONS } from './labresults.module-definition';
/** This package's migrations, in order; the country's data source runs them. */
export const labresultsMigrations: MigrationList = [];
