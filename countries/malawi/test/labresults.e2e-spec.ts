import { join } from 'node:path';
import { OutboxSender, Scheduler } from '@mwana/core';
import { Client } from 'pg';
import { STARTUP_TIMEOUT_MS, TesterPhones, useCountryApp } from '@mwana/core/testing';
import { LocationImporter } from '@mwana/app-locations';
import { LabAccountsService } from '@mwana/app-labresults';
import { malawi } from '../src/country';

/*
 * Results160 end to end on Malawi's own configuration, over real HTTP and PostgreSQL: a lab
 * uploads, two clinic workers JOIN through the message tester, the morning job announces the
 * results, one worker sends CHECK and the PIN, and the other is told they were collected.
 */

const TOKEN = 'e2e-token-0123456789abcdefghij';
const LAB = `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}`;
// Limbe Health Centre in data/sample-facilities.csv.
const CLINIC = '2002';
const READY = (name: string): string =>
  `Hello ${name}. We have 2 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.`;

describe('Results160 end to end (Malawi, real HTTP and PostgreSQL)', () => {
  const running = useCountryApp(malawi, { variables: { MWANA__CONSOLE__API_TOKENS__E2E: TOKEN } });
  let phones: TesterPhones;

  beforeAll(async () => {
    await running()
      .app.get(LocationImporter)
      .importFile(join(malawi.dir, 'data', 'locations.csv'));
    await running()
      .app.get(LocationImporter)
      .importFile(join(malawi.dir, 'data', 'sample-facilities.csv'));
    await running().app.get(LabAccountsService).add('ADH-Lab', 's3cret-lab');
    phones = new TesterPhones(running().url, TOKEN);
  }, STARTUP_TIMEOUT_MS);

  it(
    'lab upload -> notification job -> CHECK -> PIN -> results, and the other worker told',
    async () => {
      const samples = [
        {
          id: '0001',
          fac: CLINIC,
          pat_id: '1029023412',
          sync: 'new',
          result: 'negative',
          coll_on: '2026-01-02',
          verified: true,
        },
        {
          id: '0002',
          fac: CLINIC,
          pat_id: '1029023413',
          sync: 'new',
          result: 'positive',
          coll_on: '2026-01-01',
          verified: true,
        },
      ];
      const upload = await fetch(`${running().url}/labresults/incoming/`, {
        method: 'POST',
        // JSON asked for (the labs' uploader takes the bare `SUCCESS` text).
        headers: { authorization: LAB, 'content-type': 'text/json', accept: 'application/json' },
        body: JSON.stringify({
          source: 'blantyre/qech',
          version: '1.0',
          now: '2026-01-06 10:59:00',
          info: 'sync',
          logs: [],
          samples,
        }),
      });
      expect(upload.status).toBe(200);
      expect(await upload.json()).toMatchObject({ status: 'SUCCESS', created: 2 });

      // The message tester is a console page: it shows what the message log keeps, PINs and results masked.
      expect(await phones.send('0999000001', `JOIN clinic ${CLINIC} Chikondi Banda 1234`)).toEqual([
        "Hi Chikondi Banda, thanks for registering for Results160 from Limbe Health Centre. Your PIN is ••••. Reply with keyword 'HELP' if this is incorrect",
      ]);
      expect(await phones.send('0999000002', `join ${CLINIC} Grace Phiri 4321`)).toEqual([
        "Hi Grace Phiri, thanks for registering for Results160 from Limbe Health Centre. Your PIN is ••••. Reply with keyword 'HELP' if this is incorrect",
        // Chikondi is told of her new colleague.
        'Grace Phiri (+265999000002) joined Limbe Health Centre as a clinic worker. If you do not know them, reply REJECT +265999000002.',
      ]);

      expect(await running().app.get(Scheduler).run('labresults.notify-new-results')).toMatchObject({
        ran: true,
        messages: 2,
      });
      expect((await phones.inbox('+265999000001')).at(-1)).toBe(READY('Chikondi Banda'));
      expect((await phones.inbox('+265999000002')).at(-1)).toBe(READY('Grace Phiri'));

      expect(await phones.send('0999000001', 'CHECK')).toEqual([READY('Chikondi Banda')]);
      expect(await phones.send('0999000001', '1234')).toEqual([
        'Thank you! Here are your results: **** 1029023413;•••. **** 1029023412;•••',
        'Chikondi Banda has collected these results',
        'Please record these results in your clinic records and promptly delete them from your phone. Thank you again Chikondi Banda!',
      ]);
      expect((await phones.inbox('+265999000002')).at(-1)).toBe('Chikondi Banda has collected these results');

      // Collected once the gateway took the results SMS: sent here, or by the worker's sender meanwhile.
      const db = new Client({ connectionString: running().database!.url });
      await db.connect();
      try {
        for (let tries = 0; tries < 100; tries++) {
          await running().app.get(OutboxSender).sendDue();
          const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM result_disclosure');
          if (rows[0].n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await db.end();
      }
      // Malawi answers a PIN for results already collected with who collected them.
      expect(await phones.send('0999000002', '4321')).toEqual([
        "Hi Grace Phiri. It looks like the results you are looking for were already collected by Chikondi Banda. To check for new results reply with keyword 'CHECK'",
      ]);
    },
    STARTUP_TIMEOUT_MS,
  );
});
