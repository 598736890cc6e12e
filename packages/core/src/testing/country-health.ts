/// <reference types="jest" />
import type { CountryDefinition } from '../app/country';
import { type RunningCountry, startCountryForTest } from './country-app';

/**
 * The e2e suite every country runs: the whole app on a real port, on PostgreSQL and on the
 * embedded engine, answering /health; `more` adds the country's own checks on the same app.
 */
export function describeCountryApp(country: CountryDefinition, more: (running: () => RunningCountry) => void = () => undefined): void {
  describe.each(['postgresql', 'embedded'] as const)(`${country.name} on %s`, (engine) => {
    let running: RunningCountry;

    beforeAll(async () => {
      running = await startCountryForTest(country, { engine });
    });
    afterAll(async () => {
      await running?.close();
    });

    it('answers GET /health over HTTP with the database, migrations, version, country and environment', async () => {
      const response = await fetch(`${running.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        country: country.name,
        environment: 'test',
        role: 'all',
        version: country.version,
        database: { reachable: true, engine, latencyMs: expect.any(Number) },
        migrations: { current: true, pending: [] },
      });
    });

    more(() => running);
  });
}
