import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocationImporter } from '@mwana/app-locations';
import { ConsoleUsersService, ContactsService, Scheduler } from '@mwana/core';
import { ConsoleClient, csrfOf, STARTUP_TIMEOUT_MS, TesterPhones, useCountryApp } from '@mwana/core/testing';
import { DataSource } from 'typeorm';
import { zambia } from '../src/country';

/*
 * Zambia's own code in the assembled country app, over real HTTP and PostgreSQL: the
 * role-aware replies, the blacklist (console page and `mwana blacklist` in its own process)
 * and user verification (its jobs; the questions' timing is moved by planting old dates,
 * as the app runs on the system clock here: the fake clock's day-by-day runs are in
 * src/verification/verification.int-spec.ts).
 */

const TOKEN = 'e2e-token-zambia-only-0123456789';
const CLI = join(__dirname, '..', 'dist', 'cli.js');
const UNKNOWN = 'Invalid Keyword. Please send the keyword HELP if you need to be assisted.';
const CLINIC_KEYWORDS =
  'Invalid Keyword. Valid keywords are CHECK, RESULT, SENT, TRACE, MSG CBA, MSG CLINIC, MSG ALL and MSG DHO. Respond with any keyword or HELP for more information.';
const BLOCKED = 'Your number has been blocked from using Mwana. This incident has been reported';

describe("Zambia's own behaviour in the assembled country app (real HTTP and PostgreSQL)", () => {
  const running = useCountryApp(zambia, { variables: { MWANA__CONSOLE__API_TOKENS__E2E: TOKEN } });
  let phones: TesterPhones;
  let db: DataSource;

  beforeAll(async () => {
    const importer = running().app.get(LocationImporter);
    await importer.importFile(join(zambia.dir, 'data', 'locations.csv'));
    await importer.importFile(join(zambia.dir, 'data', 'sample-facilities.csv'));
    phones = new TesterPhones(running().url, TOKEN);
    db = running().app.get(DataSource);
    expect(
      await phones.send('0977000001', 'JOIN clinic 500501 Mary Phiri 1234'),
      // Zambia's production config wants new workers approved; its test config does not.
    ).toEqual([
      "Hi Mary Phiri, thanks for registering for Results160 from Kalingalinga Clinic. Your PIN is ••••. Reply with keyword 'HELP' if this is incorrect",
    ]);
  }, STARTUP_TIMEOUT_MS);

  it('answers what no app handled by who sent it, instead of the generic list', async () => {
    expect(await phones.send('0977000099', 'hello')).toEqual([UNKNOWN]);
    expect(await phones.send('0977000001', 'what do I send')).toEqual([CLINIC_KEYWORDS]);
    expect(await phones.send('0977000001', '1234')).toEqual([
      'Hello Mary Phiri. Are you trying to retrieve new results? There are no new results ready for you. We shall let you know as soon as they are ready.',
    ]);
    expect(await phones.send('0977000001', 'remind me tomorrow')).toEqual([
      "Sorry Mary Phiri, we didn't understand that message. Send the keyword HELP if you need to be helped.",
    ]);
  });

  it(
    'blocks a phone from the console, answers it with the blocked reply, tells the help admins once, and lists it by command',
    async () => {
      const contacts = running().app.get(ContactsService);
      await phones.send('0977000050', 'JOIN clinic 500502 Help Desk 5050');
      await contacts.setHelpAdmin((await contacts.getByPhone('0977000050')).id, true);
      await running().app.get(ConsoleUsersService).add('ana', 'correct horse battery');
      const browser = new ConsoleClient(running().url);
      expect((await browser.login('ana', 'correct horse battery')).status).toBe(303);
      const page = await browser.page('/console/blacklist');
      const blocked = await browser.post('/console/blacklist', {
        _csrf: csrfOf(page),
        action: 'block',
        phone: '0977 000 066',
        reason: 'abuse',
      });
      expect(blocked.status).toBe(303);
      expect(await browser.page('/console/blacklist')).toContain('+260977000066 is blocked.');

      expect(await phones.send('0977000066', 'JOIN clinic 500501 Spam Sender 6666')).toEqual([
        BLOCKED,
        'This blacklisted number is trying to use the system +260977000066',
      ]);
      expect(await phones.inbox('+260977000050')).toContain(
        'This blacklisted number is trying to use the system +260977000066',
      );
      expect(await phones.send('0977000066', 'CHECK')).toEqual([BLOCKED]);
      expect(await contacts.findByPhone('0977000066')).toMatchObject({ contact: null });

      const env = { ...process.env, MWANA_ENV: 'test', DATABASE_URL: running().database!.url };
      const list = await promisify(execFile)(process.execPath, [CLI, 'blacklist', 'list'], { env });
      expect(list.stdout).toMatch(
        /^\+260977000066 {2}blocked \S+ by console user ana \(abuse\), help admins told \S+\n1 phone\(s\) blocked\n$/,
      );
      const lifted = await promisify(execFile)(process.execPath, [CLI, 'blacklist', 'remove', '0977000066'], { env });
      expect(lifted.stdout).toBe('+260977000066 may use Mwana again.\n');
      expect(await phones.send('0977000066', 'hello')).toEqual([UNKNOWN]);
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    "asks silent users on Zambia's verification jobs, and a NO to the open question deactivates",
    async () => {
      expect(
        running()
          .app.get(Scheduler)
          .jobs.filter((j) => j.options.name.startsWith('zambia.'))
          .map((j) => j.options.name),
      ).toEqual(['zambia.verify-initial', 'zambia.verify-final', 'zambia.deactivate-lost-users']);
      await phones.send('0977000002', 'JOIN clinic 500503 John Banda 4321');
      // John joined and wrote 80 days ago: silent long enough for the first question.
      const john = await running().app.get(ContactsService).getByPhone('0977000002');
      const longAgo = new Date(Date.now() - 80 * 86_400_000);
      await db.query('UPDATE contact SET created_at = $2 WHERE id = $1', [john.id, longAgo]);
      await db.query(`UPDATE message SET created_at = $2 WHERE contact_id = $1 AND direction = 'in'`, [
        john.id,
        longAgo,
      ]);

      expect(await running().app.get(Scheduler).run('zambia.verify-initial')).toMatchObject({ ran: true, messages: 1 });
      expect((await phones.inbox('+260977000002')).at(-1)).toBe(
        'Hello John Banda. Are you still working at Chawama Clinic and still using Results160? Please respond with YES or No',
      );
      expect(await phones.send('0977000002', 'NO')).toEqual([]);
      expect(await phones.send('0977000002', 'CHECK')).toEqual([
        'Sorry you must be registered with a clinic to check results. To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>',
      ]);
      // Mary was never asked: her NO is an ordinary message, and she stays.
      expect(await phones.send('0977000001', 'NO')).toEqual([CLINIC_KEYWORDS]);
      expect((await running().app.get(ContactsService).getByPhone('0977000001')).active).toBe(true);
    },
    STARTUP_TIMEOUT_MS,
  );
});
