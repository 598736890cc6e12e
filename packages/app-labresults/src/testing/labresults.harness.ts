import { LocationsModule, locationsConfig, locationsMigrations } from '@mwana/app-locations';
import { ConversationHarness, type TestDatabase } from '@mwana/core/testing';
import { LabResultsModule } from '../labresults.module';
import { labresultsConfig } from '../labresults.config';
import { labresultsMigrations } from '../migrations';
import { LabResultsBuilders } from './labresults.builders';

/** Zambia's result words, and Malawi's (docs/keywords.md#countries). */
export const ZAMBIA = { resultWords: { detected: 'Detected', notDetected: 'NotDetected' }, weeklyRenotify: true };
export const MALAWI = {
  resultWords: { detected: 'Positive', notDetected: 'Negative' },
  joinAddsCbaRole: true,
  alreadyCollectedReply: true,
};

/** The router with locations and Results160 on a fresh database; `labresults` is the section as a country.yaml writes it. */
export function createLabResultsHarness(
  labresults: Record<string, unknown> = ZAMBIA,
  options: {
    http?: boolean;
    config?: Record<string, Record<string, unknown>>;
    database?: TestDatabase;
    role?: 'all' | 'api' | 'worker';
  } = {},
): Promise<ConversationHarness<LabResultsBuilders>> {
  const locations = {
    codeFormat: 'PPDDFF',
    clinicTypes: ['clinic'],
    districtType: 'district',
    provinceType: 'province',
  };
  return ConversationHarness.create({
    imports: [
      LocationsModule.forRoot(locationsConfig.schema.parse(locations)),
      LabResultsModule.forRoot(labresultsConfig.schema.parse(labresults)),
    ],
    sections: [locationsConfig, labresultsConfig],
    // Malawi's SMS are 158 characters (its printers need 2 for their sequence prefix).
    config: { ...options.config, locations, labresults, country: { smsMaxLength: labresults === MALAWI ? 158 : 160 } },
    migrations: [...locationsMigrations, ...labresultsMigrations],
    builders: LabResultsBuilders,
    now: '2026-01-06T09:00:00Z',
    http: options.http ?? false,
    database: options.database,
    role: options.role,
  });
}
