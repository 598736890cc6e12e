import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_LOCALE_DIR, coreMigrations, type CountryDefinition } from '@mwana/core';
import { broadcastConfig, broadcastMigrations } from '@mwana/app-broadcast';
import { labresultsConfig, labresultsMigrations } from '@mwana/app-labresults';
import { locationsConfig, locationsMigrations } from '@mwana/app-locations';
import { remindersConfig, remindersMigrations } from '@mwana/app-reminders';
import { AppModule } from './app.module';

const dir = join(__dirname, '..');
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };

/** Zambia's deployment: its config chain lives in countries/zambia/config. */
export const zambia: CountryDefinition = {
  name: 'zambia',
  dir,
  version,
  sections: [locationsConfig, labresultsConfig, remindersConfig, broadcastConfig],
  migrations: [
    ...coreMigrations,
    ...locationsMigrations,
    ...labresultsMigrations,
    ...remindersMigrations,
    ...broadcastMigrations,
  ],
  localeDirs: [CORE_LOCALE_DIR, join(dir, 'locale')],
  appModule: (config) =>
    AppModule.forRoot(config, { version, migrations: zambia.migrations, localeDirs: zambia.localeDirs }),
};
