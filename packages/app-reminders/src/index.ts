import { defineApp, type MigrationList, type MwanaApp } from '@mwana/core';
import { remindersConfig } from './reminders.config';
import { RemindersModule } from './reminders.module';
export * from './reminders.config';
export { RemindersModule } from './reminders.module';
export { REMINDERS_OPTIONS } from './reminders.module-definition';
/** This package's migrations, in order; the country's data source runs them. */
export const remindersMigrations: MigrationList = [];

/** RemindMi, as a country lists it: `defineCountry({ apps: [..., remindersApp] })`. */
export const remindersApp: MwanaApp = defineApp({
  name: 'reminders',
  config: remindersConfig,
  module: (settings) => RemindersModule.forRoot(settings),
  migrations: remindersMigrations,
});
