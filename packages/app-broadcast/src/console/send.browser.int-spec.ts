import { ConsoleUsersService } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, type ConversationHarness, describeInChromium, TEST_CHROMIUM } from '@mwana/core/testing';
import { type Browser, chromium } from 'playwright-core';
import { type BroadcastBuilders, createBroadcastHarness } from '../testing/broadcast.harness';

// 170 GSM-7 characters: two SMS of the country's 160, two segments.
const TEXT = `Vaccine stock count on Friday. ${'Please bring the stock cards and the fridge log. '.repeat(3)}Thank you, DHO`;

describeInChromium('the send form in headless Chromium (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<BroadcastBuilders>;
  let browser: Browser;

  beforeAll(async () => {
    // Above one recipient the form asks for a confirmation.
    harness = await createBroadcastHarness({ http: true, broadcast: { confirmAbove: 1 } });
    await harness.get(ConsoleUsersService).add('officer', 'a long enough password');
    const b = harness.build;
    const province = await b.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    const ndola = await b.place({ code: '403000', name: 'Ndola', kind: 'district', parent: province });
    const chifubu = await b.place({ code: '403012', name: 'Chifubu Clinic', parent: ndola });
    const zone = await b.place({ code: '403012-3', name: '3', kind: 'zone', parent: chifubu });
    const kawama = await b.place({ code: '403013', name: 'Kawama Clinic', parent: ndola });
    const kitwe = await b.place({ code: '402000', name: 'Kitwe', kind: 'district', parent: province });
    const buchi = await b.place({ code: '402011', name: 'Buchi Clinic', parent: kitwe });
    await b.person('Mary Phiri', '+260977000001', ['cba'], zone); // a zone two levels below Ndola
    await b.person('Peter Daka', '+260977000002', ['cba'], kawama);
    await b.person('Ruth Tembo', '+260977000003', ['clinic-worker'], chifubu); // another role
    await b.person('Joe Banda', '+260977000004', ['cba'], buchi); // another district
    await b.person('Gone Away', '+260977000005', ['cba'], kawama, { active: false });
    browser = await chromium.launch(TEST_CHROMIUM);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('filters by role and location (its whole subtree), previews count and segments, asks to confirm, then queues one broadcast', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(harness.url)) foreign.push(r.url());
    });
    await page.goto(`${harness.url}/console/broadcast/send`);
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'a long enough password');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/console\/broadcast\/send/);

    await page.selectOption('select[name=role]', 'cba');
    await page.selectOption('select[name=location]', { label: 'Ndola (403000, district)' });
    await page.fill('textarea[name=text]', TEXT);
    await page.click('button[name=preview]');
    await page.waitForSelector('section.preview');
    expect(await page.textContent('.recipients')).toBe('2');
    expect(await page.textContent('.parts')).toBe('2');
    expect(await page.textContent('.total-segments')).toBe('4');
    // The filter stays chosen for another try.
    expect(await page.inputValue('select[name=role]')).toBe('cba');
    expect(await page.inputValue('textarea[name=text]')).toBe(TEXT);

    // Nothing is queued by a preview, nor by a send the browser holds back for its confirmation.
    const send = page.locator('section.preview button[type=submit]');
    expect(await send.textContent()).toBe('Send to 2 people');
    await send.click();
    expect(
      await page
        .locator('input[name=confirm]')
        .evaluate((box) => (box as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing),
    ).toBe(true);
    expect(await harness.dataSource.query("SELECT id FROM message WHERE direction = 'out'")).toEqual([]);

    await page.check('input[name=confirm]');
    const fields = Object.fromEntries(
      await page
        .locator('section.preview form input')
        .evaluateAll((inputs) =>
          (inputs as unknown as Array<{ name: string; value: string }>).map((i) => [i.name, i.value]),
        ),
    ) as Record<string, string>;
    await Promise.all([page.waitForURL(/\/console\/broadcast$/), send.click()]);
    expect(await page.textContent('[role=status]')).toMatch(/^Queued to 2 people: broadcast #\d+\.$/);

    const queued: Array<{ identity: string; text: string; status: string; priority: string; part: number }> =
      await harness.dataSource.query(
        `SELECT c.identity, m.text, m.status, m.priority, m.part FROM message m JOIN connection c ON c.id = m.connection_id
          WHERE m.direction = 'out' ORDER BY c.identity, m.part`,
      );
    expect(queued.map((m) => [m.identity, m.part, m.status, m.priority])).toEqual([
      ['+260977000001', 1, 'queued', 'bulk'],
      ['+260977000001', 2, 'queued', 'bulk'],
      ['+260977000002', 1, 'queued', 'bulk'],
      ['+260977000002', 2, 'queued', 'bulk'],
    ]);
    // Sent as written, split between words.
    expect(
      queued
        .slice(0, 2)
        .map((m) => m.text)
        .join(' '),
    ).toBe(TEXT);
    // Each SMS has its job on the outbound queue.
    const [{ jobs }]: Array<{ jobs: number }> = await harness.dataSource.query(
      "SELECT count(*)::int AS jobs FROM pgboss.job WHERE data->>'messageId' = ANY(SELECT id::text FROM message WHERE direction = 'out')",
    );
    expect(jobs).toBe(4);
    const broadcasts: Array<{ console_user: string; group_label: string; recipients: number; text: string }> =
      await harness.dataSource.query('SELECT console_user, group_label, recipients, text FROM broadcast');
    expect(broadcasts).toEqual([{ console_user: 'officer', group_label: 'cba at Ndola', recipients: 2, text: TEXT }]);
    // The log shows it, every message still queued.
    expect(await page.locator('table.broadcasts tbody tr td').allTextContents()).toEqual([
      expect.stringMatching(/^2026-01-06 \d\d:\d\d$/),
      'console: officer',
      'cba at Ndola',
      TEXT,
      '2',
      '4',
      '0',
      '0',
      '0',
    ]);

    // The same form sent again (a reload, a double click): nothing more is queued.
    const again = await page.request.post(`${harness.url}/console/broadcast/send`, { form: fields });
    expect(again.url()).toBe(`${harness.url}/console/broadcast`);
    expect(await again.text()).toMatch(/sent before: broadcast #\d+/);
    const [{ n }]: Array<{ n: number }> = await harness.dataSource.query(
      "SELECT count(*)::int AS n FROM message WHERE direction = 'out'",
    );
    expect(n).toBe(4);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
