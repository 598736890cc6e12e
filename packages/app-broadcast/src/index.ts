import type { MigrationList } from '@mwana/core';
export * from './broadcast.config';
export { BroadcastModule } from './broadcast.module';
export { BROADCAST_OPTIONS } from './broadcast.module-definition';
/** This package's migrations, in order; the country's data source runs them. */
export const broadcastMigrations: MigrationList = [];
