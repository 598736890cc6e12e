import { defineApp, type MwanaApp } from '@mwana/core';
import { zambiaMigrations } from './migrations';
import { zambiaConfig } from './zambia.config';
import { ZambiaModule } from './zambia.module';

/**
 * Zambia's own code as an app of the country (docs/keywords.md#zambia-only): listed last in
 * `defineCountry`, after the shared apps its hooks must follow; its tables' migrations run
 * after theirs.
 */
export const zambiaApp: MwanaApp = defineApp({
  name: 'zambia',
  config: zambiaConfig,
  module: (settings) => ZambiaModule.forRoot(settings),
  migrations: zambiaMigrations,
});
