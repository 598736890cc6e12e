import { countryConfig } from '@mwana/core';
import { locationsConfig } from '@mwana/app-locations';
import { startCountryForTest, type RunningCountry } from '@mwana/core/testing';
import { malawi } from '../src/country';

describe.each(['postgresql', 'embedded'] as const)('malawi on %s', (engine) => {
  let running: RunningCountry;

  beforeAll(async () => {
    running = await startCountryForTest(malawi, { engine });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers GET /health over HTTP with the database, migrations, version, country and environment', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      country: 'malawi',
      environment: 'test',
      role: 'all',
      version: malawi.version,
      database: { reachable: true, engine, latencyMs: expect.any(Number) },
      migrations: { current: true, pending: [] },
    });
  });

  it('composes the shared apps with Malawi\'s own sections of the config chain', () => {
    expect(running.config.section(countryConfig).name).toBe('Malawi');
    expect(running.config.section(locationsConfig).codeFormat).toBe('DDFF');
  });
});
