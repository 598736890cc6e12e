import { defineApp, type MwanaApp } from '@mwana/core';
import { remindersMigrations } from './migrations';
import { remindersConfig } from './reminders.config';
import { RemindersModule } from './reminders.module';

export * from './reminders.config';
export { RemindersModule } from './reminders.module';
export { REMINDERS_OPTIONS } from './reminders.module-definition';
export { remindersMigrations } from './migrations';
export { remindersTexts } from './reminders.texts';
export { PatientEvent, type EventPlace } from './events/patient-event.entity';
export { SentReminder } from './reminders/sent-reminder.entity';
export { PatientTrace, TRACE_STATUSES, type TraceStatus } from './tracing/patient-trace.entity';
export { reminderDay } from './reminders/send-reminders.job';

/** RemindMi, as a country lists it: `defineCountry({ apps: [..., remindersApp] })`. */
export const remindersApp: MwanaApp = defineApp({
  name: 'reminders',
  config: remindersConfig,
  module: (settings) => RemindersModule.forRoot(settings),
  migrations: remindersMigrations,
});
