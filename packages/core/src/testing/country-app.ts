/// <reference types="jest" />
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createCountryApp, listen } from '../app/bootstrap';
import { Clock, type FakeClock } from '../clock/clock';
import { httpConfig } from '../config/core.config';
import { mwanaHttpAdapter } from '../security/http-security';
import { type CountryDefinition, loadCountryConfig } from '../app/country';
import { readEnvironment } from '../config/environment';
import type { MwanaConfig } from '../config/mwana-config';
import { databaseConfig } from '../database/database.config';
import { embeddedDataDir, isEmbedded } from '../database/data-source.options';
import { closeEmbedded } from '../database/embedded-driver';
import { PinoLoggerService } from '../logging/pino-logger';
import { createTestDatabase, type TestDatabase } from './test-database';
import { SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from './timeouts';

export interface RunningCountry {
  readonly app: NestFastifyApplication;
  readonly config: MwanaConfig;
  /** Base URL of the listening server (a real port on loopback). */
  readonly url: string;
  readonly database?: TestDatabase;
  /** The app's clock, when the test gave it a fake one. */
  readonly clock?: FakeClock;
  close(): Promise<void>;
}

export interface CountryTestOptions {
  readonly engine?: 'postgresql' | 'embedded';
  /** Environment variables, as a deployment would set them (`MWANA__SECTION__KEY`). */
  readonly variables?: Record<string, string>;
  /**
   * The clock every part of the app reads (requests, jobs, the outbox), moved by the test:
   * a week passes in milliseconds. The system clock without it.
   */
  readonly clock?: FakeClock;
  /** The app's log level ('warn' by default). */
  readonly logLevel?: 'warn' | 'error';
}

/** The country's app as `createCountryApp` makes it, with `clock` in place of the system clock. */
async function createWithClock(
  country: CountryDefinition,
  config: MwanaConfig,
  clock: FakeClock,
  logger: PinoLoggerService,
): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({ imports: [country.appModule(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = module.createNestApplication<NestFastifyApplication>(mwanaHttpAdapter(config.section(httpConfig)), {
    logger,
    bufferLogs: true,
    abortOnError: false,
  });
  await app.init();
  return app;
}

/**
 * A country's whole app on a real port, in the test environment: on a fresh PostgreSQL
 * database (the default) or on the embedded engine in memory. A start that fails leaves
 * nothing behind (its database dropped, its embedded engine closed) and throws its cause.
 */
export async function startCountryForTest(
  country: CountryDefinition,
  options: CountryTestOptions = {},
): Promise<RunningCountry> {
  const database = options.engine === 'embedded' ? undefined : await createTestDatabase(`mwana_${country.name}`);
  let config: MwanaConfig | undefined;
  let app: NestFastifyApplication | undefined;
  try {
    const variables: Record<string, string> = { MWANA_ENV: 'test', MWANA__HTTP__PORT: '0', ...options.variables };
    if (database) variables.DATABASE_URL = database.url;
    config = loadCountryConfig(country, { environment: readEnvironment(variables) });
    const logger = new PinoLoggerService(options.logLevel ?? 'warn');
    app = options.clock
      ? await createWithClock(country, config, options.clock, logger)
      : await createCountryApp(country, config, { logger });
    const url = await listen(app, config);
    const started = { app, config, clock: options.clock };
    return {
      ...started,
      url,
      database,
      async close() {
        await started.app.close();
        await database?.drop();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    // Nest leaves what it had created when a start fails: the embedded engine is closed here.
    const db = config?.section(databaseConfig);
    if (config && db && isEmbedded(db)) await closeEmbedded(embeddedDataDir(db, config.countryDir));
    await database?.drop().catch(() => undefined);
    throw error;
  }
}

/**
 * Starts the country before the tests of the enclosing `describe` and closes it after them,
 * bounded by STARTUP_TIMEOUT_MS and SHUTDOWN_TIMEOUT_MS. The app is closed only once its start
 * has settled, however the start went: an engine still starting is never left running into
 * a torn-down test environment.
 *
 * @example
 * const running = useCountryApp(zambia);
 * it('answers', async () => expect((await fetch(`${running().url}/health`)).status).toBe(200));
 */
export function useCountryApp(
  country: CountryDefinition,
  options: CountryTestOptions | (() => CountryTestOptions) = {},
): () => RunningCountry {
  let starting: Promise<RunningCountry> | undefined;
  let running: RunningCountry | undefined;
  beforeAll(async () => {
    starting = startCountryForTest(country, typeof options === 'function' ? options() : options);
    running = await starting;
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    const started = await starting?.catch(() => undefined);
    await started?.close();
  }, SHUTDOWN_TIMEOUT_MS);
  return () => {
    if (!running) throw new Error(`${country.name} did not start: see the error of its beforeAll`);
    return running;
  };
}
