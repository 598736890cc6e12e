import { STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ConsoleUsersService } from '../console/console-users.service';
import { EchoModule } from '../testing/echo.app';
import { describeInChromium, TEST_CHROMIUM } from '../testing/chromium';
import { ConversationHarness } from '../testing/harness';

describeInChromium('message tester page in headless Chromium (real router, PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let browser: Browser;
  let page: Page;
  const bubbles = (direction: 'in' | 'out') => page.locator(`#thread li.${direction} .bubble`).allTextContents();
  /** Waits until the thread's heading names this phone. */
  const talkingAs = (phone: string) =>
    page.locator('#tester-title', { hasText: new RegExp(`^${phone.replace('+', '\\+')}$`) }).waitFor();

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      imports: [EchoModule],
      config: { router: { defaultReply: null }, backends: { pollMs: 200 } },
    });
    await harness.get(ConsoleUsersService).add('trainer', 'a long enough password');
    browser = await chromium.launch(TEST_CHROMIUM);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it(
    'logs in, sends ECHO as one phone and sees the reply, then keeps a separate thread per phone, all without reloading',
    async () => {
      page = await browser.newPage({ viewport: { width: 400, height: 800 } });
      // Nothing may come from anywhere but the server under test.
      const foreign: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(harness.url)) foreign.push(r.url());
      });
      await page.goto(`${harness.url}/console/tester`);
      expect(page.url()).toBe(`${harness.url}/console/login?next=%2Fconsole%2Ftester`);
      await page.fill('input[name=username]', 'trainer');
      await page.fill('input[name=password]', 'a long enough password');
      await page.click('button[type=submit]');
      await page.waitForURL(/\/console\/tester/);
      expect(await page.textContent('h1')).toBe('Message tester');

      await page.fill('#tester-phone', '+260977000001');
      await page.click('#tester-switch button');
      await talkingAs('+260977000001');
      await page.evaluate(() => ((globalThis as unknown as { stillHere: boolean }).stillHere = true));

      await page.fill('#tester-text', 'ECHO hello');
      await page.press('#tester-text', 'Enter');
      await page.locator('#thread li.out .bubble', { hasText: 'hello' }).waitFor();
      expect(await bubbles('in')).toEqual(['ECHO hello']);
      expect(await bubbles('out')).toEqual(['hello']);
      // Times as the server writes them: the country's zone (the fake clock says 09:00 UTC).
      expect(await page.locator('#thread li.in .meta').first().textContent()).toMatch(/^2026-01-05 11:00 /);
      // The sender delivers the reply in the background; the page's polling shows it.
      await page.locator('#thread li.out .status-delivered').waitFor();
      expect(await page.inputValue('#tester-text')).toBe('');

      await page.fill('#tester-phone', '0977000002');
      await page.click('#tester-switch button');
      await talkingAs('+260977000002'); // typed 0977000002: the server's way of writing it is adopted
      expect(await bubbles('in')).toEqual([]);
      await page.fill('#tester-text', 'ECHO second phone');
      await page.click('#tester-send button');
      await page.locator('#thread li.out .bubble', { hasText: 'second phone' }).waitFor();
      expect(await bubbles('in')).toEqual(['ECHO second phone']);
      // The new phone first; then the one before, and the number the page suggested at the start.
      expect((await page.locator('#phones a').allTextContents()).slice(0, 2)).toEqual([
        '+260977000002',
        '+260977000001',
      ]);

      await page.click('#phones a[data-phone="+260977000001"]');
      await talkingAs('+260977000001');
      expect(await bubbles('in')).toEqual(['ECHO hello']);
      expect(await bubbles('out')).toEqual(['hello']);
      expect(await page.evaluate(() => (globalThis as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      expect(page.url()).toBe(`${harness.url}/console/tester?phone=%2B260977000001`);
      expect(foreign).toEqual([]);

      // The server kept two threads, one per phone.
      const rows: Array<{ identity: string; n: number }> = await harness.dataSource.query(
        `SELECT c.identity, count(*)::int AS n FROM message m JOIN connection c ON c.id = m.connection_id GROUP BY c.identity ORDER BY c.identity`,
      );
      expect(rows).toEqual([
        { identity: '+260977000001', n: 2 },
        { identity: '+260977000002', n: 2 },
      ]);
    },
    STARTUP_TIMEOUT_MS,
  );
});
