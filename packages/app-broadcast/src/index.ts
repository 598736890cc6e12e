import { defineApp, type MigrationList, type MwanaApp } from '@mwana/core';
import { broadcastConfig } from './broadcast.config';
import { BroadcastModule } from './broadcast.module';
export * from './broadcast.config';
export { BroadcastModule } from './broadcast.module';
export { BROADCAST_OPTIONS } from './broadcast.module-definition';
/** This package's migrations, in order; the country's data source runs them. */
export const broadcastMigrations: MigrationList = [];

/** Broadcast, as a country lists it: `defineCountry({ apps: [..., broadcastApp] })`. */
export const broadcastApp: MwanaApp = defineApp({
  name: 'broadcast',
  config: broadcastConfig,
  module: (settings) => BroadcastModule.forRoot(settings),
  migrations: broadcastMigrations,
});
