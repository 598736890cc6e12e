import { coreMigrations, loadCountryConfig, readEnvironment } from '@mwana/core';
import { ConversationHarness, type TestDatabase } from '@mwana/core/testing';
import { zambia } from '../country';
import { ZambiaBuilders } from './zambia.builders';

// The layers of the chain a test takes from Zambia's files; the rest (database, HTTP, logs,
// gateways, console, PIN pepper) are the test harness's own.
const FROM_ZAMBIA = ['country', 'router', 'text', 'locations', 'labresults', 'reminders', 'broadcast', 'zambia'];

/**
 * The router with every app Zambia runs (its own included), on Zambia's configuration as its
 * `config/country.yaml` sets it, on a fresh database; the fake clock starts at `now`.
 */
export async function createZambiaHarness(
  options: {
    now?: string;
    http?: boolean;
    database?: TestDatabase;
    /** MWANA_ROLE (all by default). */
    role?: 'all' | 'api' | 'worker';
    /** Sections set over Zambia's (a benchmark's gateways and logs). */
    config?: Record<string, Record<string, unknown>>;
  } = {},
): Promise<ConversationHarness<ZambiaBuilders>> {
  const loaded = loadCountryConfig(zambia, { environment: readEnvironment({ MWANA_ENV: 'test' }) });
  const values = Object.fromEntries(FROM_ZAMBIA.map((name) => [name, loaded.values[name] as Record<string, unknown>]));
  const scheduler = loaded.values.scheduler as { jobs: Record<string, unknown> };
  return ConversationHarness.create({
    imports: zambia.apps.map((app) => app.module(loaded.section(app.config))),
    sections: zambia.sections,
    config: { ...values, scheduler: { jobs: scheduler.jobs }, ...options.config },
    migrations: zambia.migrations.slice(coreMigrations.length),
    builders: ZambiaBuilders,
    now: options.now ?? '2026-01-06T09:00:00Z',
    http: options.http ?? false,
    database: options.database,
    role: options.role,
  });
}
