import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Scheduler } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, TesterPhones, useCountryApp } from '@mwana/core/testing';
import { LocationImporter } from '@mwana/app-locations';
import { reminderDay } from '@mwana/app-reminders';
import { zambia } from '../src/country';

/*
 * RemindMi end to end on Zambia's own configuration, over real HTTP and PostgreSQL: a clinic
 * worker JOINs, agents register with JOIN CBA and AGENT, one logs a birth, the reminders job
 * reminds the zone's agents, TOLD and CONFIRM close the trace; a worker's TRACE is answered and
 * the worker told. Then the job is run by several `mwana` processes at once: each reminder once.
 */

const TOKEN = 'e2e-token-0123456789abcdefghij';
// Kalingalinga Clinic in data/sample-facilities.csv.
const CLINIC = '500501';
const CLI = join(__dirname, '..', 'dist', 'cli.js');

/** `YYYY-MM-DD` and `dd/mm/YYYY` of today in Lusaka, `days` days moved. */
function lusakaDay(days: number): { iso: string; sms: string } {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Lusaka' })
    .format(new Date())
    .split('-')
    .map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  const iso = date.toISOString().slice(0, 10);
  return { iso, sms: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

function cli(args: string[], databaseUrl: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, MWANA_ENV: 'test', DATABASE_URL: databaseUrl, MWANA__SCHEDULER__ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('RemindMi end to end (Zambia, real HTTP and PostgreSQL)', () => {
  const running = useCountryApp(zambia, { variables: { MWANA__CONSOLE__API_TOKENS__E2E: TOKEN } });
  let phones: TesterPhones;
  const today = lusakaDay(0);

  beforeAll(async () => {
    await running()
      .app.get(LocationImporter)
      .importFile(join(zambia.dir, 'data', 'locations.csv'));
    await running()
      .app.get(LocationImporter)
      .importFile(join(zambia.dir, 'data', 'sample-facilities.csv'));
    phones = new TesterPhones(running().url, TOKEN);
  }, STARTUP_TIMEOUT_MS);

  it('agents register, a birth is logged, the job reminds, TOLD and CONFIRM; a TRACE answered and its worker told', async () => {
    expect(await phones.send('0977000009', `JOIN clinic ${CLINIC} Ruth Tembo 1234`)).toEqual([
      "Hi Ruth Tembo, thanks for registering for Results160 from Kalingalinga Clinic. Your PIN is ••••. Reply with keyword 'HELP' if this is incorrect",
    ]);
    // JOIN CBA is RemindMi's, though Results160 answers JOIN: the longer keyword is tried first.
    expect((await phones.send('0977000001', `JOIN CBA eng ${CLINIC} 3 mary phiri`)).join(' ')).toBe(
      'Thank you Mary Phiri! You have successfully registered as a RemindMi Agent for zone 3 of Kalingalinga Clinic. Please notify us next time there is a birth in your zone.',
    );
    expect((await phones.send('0977000002', `AGENT ${CLINIC} 3 John Banda`)).join(' ')).toBe(
      'Thank you John Banda! You have successfully registered as a RemindMi Agent for zone 3 of Kalingalinga Clinic. Please notify us next time there is a birth in your zone.',
    );

    // What nobody handles is answered by role in Zambia (docs/keywords.md#role-aware-replies): an agent hears RemindMi's keywords.
    expect(await phones.send('0977000077', 'hello')).toEqual([
      'Invalid Keyword. Please send the keyword HELP if you need to be assisted.',
    ]);
    expect(await phones.send('0977000002', 'hello')).toEqual([
      'Invalid Keyword. Valid keywords are BIRTH, MWANA, TOLD, CONFIRM, MSG CBA, MSG CLINIC and MSG ALL. Respond with any keyword or HELP for more information.',
    ]);

    const born = lusakaDay(-4);
    expect((await phones.send('0977000002', `BIRTH ${born.sms} Ruth Banda`)).join(' ')).toBe(
      `Thank you John Banda! You have successfully registered a birth for Ruth Banda on ${born.sms}. You will be notified when it is time for his or her next appointment at the clinic.`,
    );

    const job = await reminderDay.run(today.iso, () => running().app.get(Scheduler).run('reminders.send-reminders'));
    expect(job).toMatchObject({ ran: true, messages: 2 });
    const reminder = (agent: string) =>
      `Hi ${agent}.Ruth Banda is due for 6 day clinic visit on ${lusakaDay(2).sms}.Please remind them to visit Kalingalinga Clinic, then reply with TOLD Ruth Banda`;
    expect((await phones.inbox('+260977000001')).at(-1)).toBe(reminder('Mary Phiri'));
    expect((await phones.inbox('+260977000002')).at(-1)).toBe(reminder('John Banda'));

    expect(await phones.send('0977000001', 'TOLD Ruth Banda')).toEqual([
      'Thank you Mary Phiri! After you confirm Ruth Banda has visited the clinic, please send: CONFIRM Ruth Banda.',
    ]);
    expect(await phones.send('0977000001', 'CONFIRM Ruth Banda')).toEqual([
      'Thank you Mary Phiri! You have confirmed that Ruth Banda has been to the clinic!',
    ]);

    const ask = (agent: string) =>
      `Hi ${agent}, please find Ann Phiri and tell them to come to the clinic within 3 days. After telling them, reply with: TOLD Ann Phiri`;
    expect(await phones.send('0977000009', 'TRACE Ann Phiri')).toEqual([
      'Thank you Ruth Tembo. RemindMi Agents have been asked to find Ann Phiri.',
      ask('John Banda'),
      ask('Mary Phiri'),
    ]);
    expect(await phones.send('0977000002', 'TOLD Ann Phiri')).toEqual([
      'Hi Ruth Tembo, CBA John Banda has just told Ann Phiri to come to the clinic.',
      'Thank you John Banda! After you confirm Ann Phiri has visited the clinic, please send: CONFIRM Ann Phiri.',
    ]);
    expect(await phones.send('0977000002', 'CONFIRM Ann Phiri')).toEqual([
      'Hi Ruth Tembo, CBA John Banda has CONFIRMED that Ann Phiri has been to the clinic.',
      'Thank you John Banda! You have confirmed that Ann Phiri has been to the clinic!',
    ]);
    expect((await phones.inbox('+260977000009')).slice(-2)).toEqual([
      'Hi Ruth Tembo, CBA John Banda has just told Ann Phiri to come to the clinic.',
      'Hi Ruth Tembo, CBA John Banda has CONFIRMED that Ann Phiri has been to the clinic.',
    ]);
  });

  it('sends each reminder once when several mwana processes run the job at the same moment', async () => {
    await phones.send('0977000011', `AGENT ${CLINIC} 7 Grace Mwale`);
    await phones.send('0977000012', `AGENT ${CLINIC} 7 Peter Daka`);
    for (let i = 0; i < 5; i++) {
      const born = lusakaDay(-40 - (i % 3)); // 6 week visits two, one and no day ahead
      expect((await phones.send('0977000011', `BIRTH ${born.sms} Patient ${'ABCDE'[i]}`))[0]).toMatch(
        /^Thank you Grace Mwale!/,
      );
    }
    const url = running().database!.url;
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => cli(['reminders', 'run', '--date', today.iso], url)),
    );
    for (const run of runs) expect([run.code, run.err]).toEqual([0, '']);
    const queued = runs.map((r) => Number(/(\d+) reminder SMS queued/.exec(r.out)?.[1]));
    // Five 6-week reminders (two agents each): ten SMS in all, whichever process sent them.
    expect(queued.reduce((sum, n) => sum + n, 0)).toBe(10);
    const sixWeek = (await phones.inbox('+260977000012')).filter((t) => t.includes('6 week'));
    expect(sixWeek).toHaveLength(5);
    expect(new Set(sixWeek).size).toBe(5);
  });
});
