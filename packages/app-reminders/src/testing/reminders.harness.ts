import { LocationsModule, locationsConfig, locationsMigrations } from '@mwana/app-locations';
import { ConversationHarness, type TestDatabase } from '@mwana/core/testing';
import { remindersConfig } from '../reminders.config';
import { RemindersModule } from '../reminders.module';
import { remindersMigrations } from '../migrations';
import { RemindersBuilders } from './reminders.builders';

/** Zambia's RemindMi settings and Malawi's, as their country.yaml files write them. */
export const ZAMBIA = { joinCbaLanguage: true };
export const MALAWI = { everyJoinerIsAgent: true };

/** Both countries' settings and SMS lengths, for tests that hold in each: `describe.each(COUNTRIES)('... $name', ...)`. */
export const COUNTRIES = [
  { name: 'Zambia', settings: ZAMBIA, smsLength: 160 },
  { name: 'Malawi', settings: MALAWI, smsLength: 158 },
] as const;

export interface RemindersHarnessOptions {
  readonly http?: boolean;
  /** Another harness's database: a second process's view of the same data. */
  readonly database?: TestDatabase;
  readonly localeDirs?: readonly string[];
  readonly now?: string;
  /** Other sections' values (`console.apiTokens`). */
  readonly config?: Record<string, Record<string, unknown>>;
}

/** The router with locations and RemindMi on a fresh database; `reminders` is the section as a country.yaml writes it. */
export function createRemindersHarness(
  reminders: Record<string, unknown> = ZAMBIA,
  options: RemindersHarnessOptions = {},
): Promise<ConversationHarness<RemindersBuilders>> {
  const locations = {
    codeFormat: 'PPDDFF',
    clinicTypes: ['clinic'],
    districtType: 'district',
    provinceType: 'province',
  };
  // Malawi's SMS are 158 characters (its printers need 2 for a sequence prefix), its clock Blantyre's.
  const country =
    reminders === MALAWI
      ? { code: 'MW', timezone: 'Africa/Blantyre', smsMaxLength: 158 }
      : { code: 'ZM', timezone: 'Africa/Lusaka', smsMaxLength: 160 };
  return ConversationHarness.create({
    imports: [
      LocationsModule.forRoot(locationsConfig.schema.parse(locations)),
      RemindersModule.forRoot(remindersConfig.schema.parse(reminders)),
    ],
    sections: [locationsConfig, remindersConfig],
    config: { ...options.config, locations, reminders, country },
    migrations: [...locationsMigrations, ...remindersMigrations],
    builders: RemindersBuilders,
    now: options.now ?? '2026-01-06T09:00:00Z',
    http: options.http ?? false,
    database: options.database,
    localeDirs: options.localeDirs,
  });
}
