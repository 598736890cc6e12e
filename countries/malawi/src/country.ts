import { join } from 'node:path';
import { defineCountry } from '@mwana/core';
import { broadcastApp } from '@mwana/app-broadcast';
import { labresultsApp } from '@mwana/app-labresults';
import { locationsApp } from '@mwana/app-locations';
import { remindersApp } from '@mwana/app-reminders';

/** Malawi's deployment: the shared apps it runs; its config chain lives in countries/malawi/config. */
export const malawi = defineCountry({
  name: 'malawi',
  dir: join(__dirname, '..'),
  apps: [locationsApp, labresultsApp, remindersApp, broadcastApp],
});
