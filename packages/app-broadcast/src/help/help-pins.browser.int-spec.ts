import { ConsoleUsersService } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, type ConversationHarness, describeInChromium, TEST_CHROMIUM } from '@mwana/core/testing';
import { type Browser, chromium } from 'playwright-core';
import { HelpPinsMasked1796400024001 } from '../migrations/1796400024001-HelpPinsMasked';
import { type BroadcastBuilders, createBroadcastHarness } from '../testing/broadcast.harness';

const TOKEN = 'help-pins-token-0123456789abcdef';
const RUTH = '+260977000001'; // PIN 1234
const JOHN = '+260977000002'; // PIN 87654321
const DESK = '+260977000050';
const GRACE = '+260977000003'; // PIN 2002, also a place's code as typed
/** The PINs typed below: Ruth's, a wrong one of four digits, and John's long one. */
const PINS = ['1234', '4321', '87654321'];
const ALSO_A_CODE = '2002';

/**
 * A PIN typed after HELP (in the request, or as the next SMS) is never shown: not on the
 * console's help requests page (in Chromium), not in `GET /api/messages`, not in any row of
 * the message log or the help requests, not in the help admins' notices. A clinic code in
 * the same request stays, so the test cannot pass by everything being masked.
 */
describeInChromium('PINs typed after HELP (real PostgreSQL, HTTP and Chromium)', () => {
  let harness: ConversationHarness<BroadcastBuilders>;
  let browser: Browser;

  beforeAll(async () => {
    harness = await createBroadcastHarness({ http: true, config: { console: { apiTokens: { ci: TOKEN } } } });
    await harness.get(ConsoleUsersService).add('officer', 'a long enough password');
    const b = harness.build;
    const chifubu = await b.place({ code: '403012', name: 'Chifubu Clinic' });
    await b.person('Ruth Tembo', RUTH, ['clinic-worker'], chifubu);
    await b.contact({
      name: 'John Banda',
      phone: JOHN,
      roles: ['clinic-worker'],
      locationId: chifubu.id,
      pin: '87654321',
    });
    // Four digits that name a place (here Zambia's district 200200 as typed; a clinic in Malawi,
    // whose codes are four digits): shown, unless they are the sender's PIN.
    const kafue = await b.place({ code: '200200', name: 'Kafue District' });
    await b.contact({
      name: 'Grace Phiri',
      phone: GRACE,
      roles: ['clinic-worker'],
      locationId: kafue.id,
      pin: ALSO_A_CODE,
    });
    await b.person('Help Desk', DESK, [], null, { helpAdmin: true });
    browser = await chromium.launch(TEST_CHROMIUM);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('masks the PIN in the request, the notices, the message log, the console page and the API', async () => {
    await harness.run(`
      ${RUTH} > HELP 1234
      ${DESK} <~ Their message was: ••••$
      ${RUTH} <~ ^Sorry you're having trouble Ruth Tembo
      ${RUTH} > HELP
      ${DESK} <~ has requested help
      ${RUTH} <~ ^Sorry
      ${RUTH} > 1234
      ${RUTH} <~ ^Invalid Keyword
      ${RUTH} > help my pin 4321 fails
      ${DESK} <~ Their message was: my pin •••• fails$
      ${RUTH} <~ ^Sorry
      ${JOHN} > HELP clinic 403012 PIN 87654321 is refused
      ${DESK} <~ Their message was: clinic 403012 PIN •••• is refused$
      ${JOHN} <~ ^Sorry
      ${RUTH} > HELP cannot join 2002
      ${DESK} <~ Their message was: cannot join 2002$
      ${RUTH} <~ ^Sorry
      ${GRACE} > HELP my PIN 2002 fails
      ${DESK} <~ Their message was: my PIN •••• fails$
      ${GRACE} <~ ^Sorry
    `);
    const leaks: string[] = [];
    const search = (where: string, text: string | null) => {
      for (const pin of PINS) if (text?.includes(pin)) leaks.push(`${where}: ${pin}`);
    };

    const requests: Array<{ text: string }> = await harness.dataSource.query(
      'SELECT text FROM help_request ORDER BY id',
    );
    expect(requests.map((r) => r.text)).toEqual([
      '••••',
      '',
      'my pin •••• fails',
      'clinic 403012 PIN •••• is refused',
      'cannot join 2002',
      'my PIN •••• fails',
    ]);
    const messages: Array<{ text: string; cleaned_text: string | null; original: string | null }> =
      await harness.dataSource.query('SELECT text, cleaned_text, original FROM message');
    expect(messages.map((m) => m.text)).toContain('••••'); // the PIN sent on its own after HELP
    for (const m of messages) for (const v of [m.text, m.cleaned_text, m.original]) search('message', v);

    const page = await browser.newPage();
    await page.goto(`${harness.url}/console/broadcast/help`);
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'a long enough password');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/console\/broadcast\/help/);
    const shown = await page.textContent('table.help');
    expect(shown).toContain('clinic 403012 PIN •••• is refused');
    search('help requests page', await page.content());
    await page.goto(`${harness.url}/console/messages`);
    const log = await page.content();
    expect(log).toContain('HELP clinic 403012 PIN ••••');
    search('message log page', log);

    const api = await fetch(`${harness.url}/api/messages?limit=500`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(api.status).toBe(200);
    const body = await api.text();
    expect(body).toContain('my pin •••• fails');
    search('GET /api/messages', body);
    expect(leaks).toEqual([]);
  });

  it('masks the PINs of the requests and HELP messages stored before (migration HelpPinsMasked)', async () => {
    await harness.reset();
    const [{ id: connection }]: Array<{ id: number }> = await harness.dataSource.query(
      `INSERT INTO connection (backend, identity) VALUES ('tester', '+260977000009') RETURNING id`,
    );
    const at = new Date('2026-01-05T09:00:00Z');
    await harness.dataSource.query(
      `INSERT INTO help_request (connection_id, text, created_at) VALUES ($1, 'pin 1234 at 403012', $2), ($1, 'call 0977000009', $2)`,
      [connection, at],
    );
    const insert = `INSERT INTO message (direction, connection_id, text, status, handled_by_handler, in_response_to_id, created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`;
    const [{ id: help }]: Array<{ id: string }> = await harness.dataSource.query(insert, [
      'in',
      connection,
      'HELP 1234',
      'handled',
      'HelpHandler',
      null,
      at,
    ]);
    await harness.dataSource.query(insert, ['out', connection, 'Their message was: 1234', 'sent', null, help, at]);
    await harness.dataSource.query(insert, ['in', connection, ' 4321 ', 'unhandled', null, null, at]);
    await harness.dataSource.query(insert, ['in', connection, 'REPORT 2026', 'handled', 'ReportHandler', null, at]);
    const runner = harness.dataSource.createQueryRunner();
    await new HelpPinsMasked1796400024001().up(runner).finally(() => runner.release());
    const requests: Array<{ text: string }> = await harness.dataSource.query(
      'SELECT text FROM help_request ORDER BY id',
    );
    expect(requests.map((r) => r.text)).toEqual(['pin •••• at 403012', 'call 0977000009']);
    const messages: Array<{ text: string }> = await harness.dataSource.query('SELECT text FROM message ORDER BY id');
    expect(messages.map((m) => m.text)).toEqual(['HELP ••••', 'Their message was: ••••', ' •••• ', 'REPORT 2026']);
  });
});
