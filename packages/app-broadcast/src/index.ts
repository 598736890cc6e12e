import { defineApp, type MwanaApp } from '@mwana/core';
import { broadcastConfig } from './broadcast.config';
import { BroadcastModule } from './broadcast.module';
import { broadcastMigrations } from './migrations';

export * from './broadcast.config';
export { BroadcastModule } from './broadcast.module';
export { BROADCAST_OPTIONS } from './broadcast.module-definition';
export { broadcastMigrations } from './migrations';
export { broadcastTexts } from './broadcast.texts';
export { Broadcaster, deliveryCounts, type BroadcastRow } from './groups/broadcaster.service';
export { GROUPS, type Group } from './groups/groups';
export { HelpDesk, type HelpRequestRow } from './help/help-desk.service';
export { StaffBroadcasts, AudienceError, type Audience, type Preview } from './staff/staff-broadcasts.service';
export { sendBroadcastBody, broadcastResult } from './staff/broadcast-schemas';

/** Broadcast, as a country lists it: `defineCountry({ apps: [..., broadcastApp] })`. */
export const broadcastApp: MwanaApp = defineApp({
  name: 'broadcast',
  config: broadcastConfig,
  module: (settings) => BroadcastModule.forRoot(settings),
  migrations: broadcastMigrations,
});
