import type { MigrationList } from '@mwana/core';
export * from './reminders.config';
export { RemindersModule } from './reminders.module';
export { REMINDERS_OPTIONS } from './reminders.module-definition';
/** This package's migrations, in order; the country's data source runs them. */
export const remindersMigrations: MigrationList = [];
