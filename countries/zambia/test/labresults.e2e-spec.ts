import { join } from 'node:path';
import { Scheduler } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, TesterPhones, useCountryApp } from '@mwana/core/testing';
import { LocationImporter } from '@mwana/app-locations';
import { LabAccountsService } from '@mwana/app-labresults';
import { zambia } from '../src/country';

/*
 * Results160 end to end on Zambia's own configuration, over real HTTP and PostgreSQL: a lab
 * uploads, two clinic workers JOIN through the message tester, the morning job announces the
 * results, one worker sends CHECK and the PIN, and the other is told they were collected.
 */

const TOKEN = 'e2e-token-0123456789abcdefghij';
const LAB = `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}`;
// Kalingalinga Clinic in data/sample-facilities.csv; the lab writes it with a trailing zero.
const CLINIC = '500501';
const READY = (name: string): string =>
  `Hello ${name}. We have 2 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.`;

describe('Results160 end to end (Zambia, real HTTP and PostgreSQL)', () => {
  const running = useCountryApp(zambia, { variables: { MWANA__CONSOLE__API_TOKENS__E2E: TOKEN } });
  let phones: TesterPhones;

  beforeAll(async () => {
    await running()
      .app.get(LocationImporter)
      .importFile(join(zambia.dir, 'data', 'locations.csv'));
    await running()
      .app.get(LocationImporter)
      .importFile(join(zambia.dir, 'data', 'sample-facilities.csv'));
    await running().app.get(LabAccountsService).add('ADH-Lab', 's3cret-lab');
    phones = new TesterPhones(running().url, TOKEN);
  }, STARTUP_TIMEOUT_MS);

  it(
    'lab upload -> notification job -> CHECK -> PIN -> results, and the other worker told',
    async () => {
      const samples = [
        {
          id: '0001',
          fac: `${CLINIC}0`,
          pat_id: '1029023412',
          sync: 'new',
          result: 'negative',
          coll_on: '2026-01-02',
          verified: true,
        },
        {
          id: '0002',
          fac: `${CLINIC}0`,
          pat_id: '1029023413',
          sync: 'new',
          result: 'positive',
          coll_on: '2026-01-01',
          verified: true,
        },
      ];
      const upload = await fetch(`${running().url}/labresults/incoming/`, {
        method: 'POST',
        headers: { authorization: LAB, 'content-type': 'text/json', accept: 'application/json' },
        body: JSON.stringify({
          source: 'lusaka/adh',
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
      expect(await phones.send('0977000001', `JOIN clinic ${CLINIC} Mary Phiri 1234`)).toEqual([
        "Hi Mary Phiri, thanks for registering for Results160 from Kalingalinga Clinic. Your PIN is ••••. Reply with keyword 'HELP' if this is incorrect",
      ]);
      expect(await phones.send('0977000002', `join ${CLINIC} John Banda 4321`)).toEqual([
        "Hi John Banda, thanks for registering for Results160 from Kalingalinga Clinic. Your PIN is ••••. Reply with keyword 'HELP' if this is incorrect",
        // Mary is told of her new colleague.
        'John Banda (+260977000002) joined Kalingalinga Clinic as a clinic worker. If you do not know them, reply REJECT +260977000002.',
      ]);

      expect(await running().app.get(Scheduler).run('labresults.notify-new-results')).toMatchObject({
        ran: true,
        messages: 2,
      });
      expect((await phones.inbox('+260977000001')).at(-1)).toBe(READY('Mary Phiri'));
      expect((await phones.inbox('+260977000002')).at(-1)).toBe(READY('John Banda'));

      expect(await phones.send('0977000001', 'CHECK')).toEqual([READY('Mary Phiri')]);
      expect(await phones.send('0977000001', '1234')).toEqual([
        'Thank you! Here are your results: **** 1029023413;•••. **** 1029023412;•••',
        'Mary Phiri has collected these results',
        'Please record these results in your clinic records and promptly delete them from your phone. Thank you again Mary Phiri!',
      ]);
      expect((await phones.inbox('+260977000002')).at(-1)).toBe('Mary Phiri has collected these results');

      // Collected: the results wait for nobody now, so a PIN is no longer a reply; Zambia says none wait.
      expect(await phones.send('0977000002', '4321')).toEqual([
        'Hello John Banda. Are you trying to retrieve new results? There are no new results ready for you. We shall let you know as soon as they are ready.',
      ]);
    },
    STARTUP_TIMEOUT_MS,
  );
});
