import { join } from 'node:path';
import { defineCountry } from '@mwana/core';
import { broadcastApp } from '@mwana/app-broadcast';
import { labresultsApp } from '@mwana/app-labresults';
import { locationsApp } from '@mwana/app-locations';
import { remindersApp } from '@mwana/app-reminders';
import { zambiaApp } from './zambia.app';

/**
 * Zambia's deployment: the shared apps it runs, then its own (the blacklist, user
 * verification, role-aware replies); its config chain lives in countries/zambia/config.
 */
export const zambia = defineCountry({
  name: 'zambia',
  dir: join(__dirname, '..'),
  apps: [locationsApp, labresultsApp, remindersApp, broadcastApp, zambiaApp],
});
