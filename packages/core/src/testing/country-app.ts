import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createCountryApp, listen } from '../app/bootstrap';
import { type CountryDefinition, loadCountryConfig } from '../app/country';
import { readEnvironment } from '../config/environment';
import type { MwanaConfig } from '../config/mwana-config';
import { PinoLoggerService } from '../logging/pino-logger';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface RunningCountry {
  readonly app: NestFastifyApplication;
  readonly config: MwanaConfig;
  /** Base URL of the listening server (a real port on loopback). */
  readonly url: string;
  readonly database?: TestDatabase;
  close(): Promise<void>;
}

/**
 * A country's whole app on a real port, in the test environment: on a fresh PostgreSQL
 * database (the default) or on the embedded engine in memory.
 */
export async function startCountryForTest(
  country: CountryDefinition,
  options: { engine?: 'postgresql' | 'embedded'; variables?: Record<string, string> } = {},
): Promise<RunningCountry> {
  const database = options.engine === 'embedded' ? undefined : await createTestDatabase(`mwana_${country.name}`);
  const variables: Record<string, string> = { MWANA_ENV: 'test', MWANA__HTTP__PORT: '0', ...options.variables };
  if (database) variables.DATABASE_URL = database.url;
  const config = loadCountryConfig(country, { environment: readEnvironment(variables) });
  const app = await createCountryApp(country, config, { logger: new PinoLoggerService('warn') });
  const url = await listen(app, config);
  return {
    app,
    config,
    url,
    database,
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}
