/// <reference types="jest" />
import { DataSource } from 'typeorm';
import type { CountryDefinition } from '../app/country';
import { InboundService } from '../messaging/inbound.service';
import { InboxWorker } from '../messaging/inbox.worker';
import { QUEUE_SCHEMA } from '../outbox/outbound-queue';
import { OutboxWorker } from '../outbox/outbox.worker';
import { type RunningCountry, useCountryApp } from './country-app';

/**
 * The e2e suite every country runs: the whole app on a real port, on PostgreSQL and on the
 * embedded engine, answering /health and answering an SMS; `more` adds the country's own checks on the same app.
 */
export function describeCountryApp(
  country: CountryDefinition,
  more: (running: () => RunningCountry) => void = () => undefined,
): void {
  describe.each(['postgresql', 'embedded'] as const)(`${country.name} on %s`, (engine) => {
    const started = useCountryApp(country, { engine });

    it('answers GET /health over HTTP with the database, migrations, version, country and environment', async () => {
      const response = await fetch(`${started().url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        country: country.name,
        environment: 'test',
        role: 'all',
        version: country.version,
        database: { reachable: true, engine, latencyMs: expect.any(Number) },
        migrations: { current: true, pending: [] },
        spool: { pending: 0, path: expect.any(String) },
      });
    });

    it('routes an SMS from the message tester and sends its reply through the outbound queue', async () => {
      const accepted = await started()
        .app.get(InboundService)
        .accept({ gateway: 'tester', identity: '+15550000001', text: 'hello' });
      expect(accepted.duplicate).toBe(false);
      const [inbox, outbox] = [started().app.get(InboxWorker), started().app.get(OutboxWorker)];
      // The app's own worker may be sending it too: its job is completed just after the message is marked.
      for (let pass = 0; pass < 20 && !(await settled()); pass++) {
        await inbox.runOnce();
        await outbox.runOnce();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await replies()).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
      expect(await jobs()).toEqual([{ state: 'completed' }]);

      function replies(): Promise<Array<{ status: string; attempts: number }>> {
        return started()
          .app.get(DataSource)
          .query(`SELECT status, attempts FROM message WHERE direction = 'out' AND in_response_to_id = $1`, [
            accepted.messageId,
          ]);
      }
      function jobs(): Promise<Array<{ state: string }>> {
        return started().app.get(DataSource).query(`SELECT state FROM ${QUEUE_SCHEMA}.job`);
      }
      async function settled(): Promise<boolean> {
        const [sent, queued] = [await replies(), await jobs()];
        return (
          sent.length > 0 && sent.every((r) => r.status === 'delivered') && queued.every((j) => j.state === 'completed')
        );
      }
    });

    more(started);
  });
}
