import { countryConfig } from '@mwana/core';
import { locationsConfig } from '@mwana/app-locations';
import { startCountryForTest, type RunningCountry } from '@mwana/core/testing';
import { zambia } from '../src/country';

describe.each(['postgresql', 'embedded'] as const)('zambia on %s', (engine) => {
  let running: RunningCountry;

  beforeAll(async () => {
    running = await startCountryForTest(zambia, { engine });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers GET /health over HTTP with the database, migrations, version, country and environment', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      country: 'zambia',
      environment: 'test',
      role: 'all',
      version: zambia.version,
      database: { reachable: true, engine, latencyMs: expect.any(Number) },
      migrations: { current: true, pending: [] },
    });
  });

  it('composes the shared apps with Zambia\'s own sections of the config chain', () => {
    expect(running.config.section(countryConfig).name).toBe('Zambia');
    expect(running.config.section(locationsConfig).codeFormat).toBe('PPDDFF');
  });
});
