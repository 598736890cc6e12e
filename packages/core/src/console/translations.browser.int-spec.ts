import { rmSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { ConsoleUsersService } from './console-users.service';
import { describeInChromium, TEST_CHROMIUM } from '../testing/chromium';
import { ConsoleClient } from '../testing/console-client';
import { ConversationHarness } from '../testing/harness';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { stateOf, writeBembaCatalogue } from './__fixtures__/bemba-catalogue';

describeInChromium('approving a translation on the console in headless Chromium (real PostgreSQL and HTTP)', () => {
  let database: TestDatabase;
  let harness: ConversationHarness | undefined;
  let browser: Browser;
  let locale: string;

  beforeAll(async () => {
    locale = writeBembaCatalogue();
    database = await createTestDatabase('mwana_translations');
    harness = await ConversationHarness.create({ http: true, localeDirs: [locale], database });
    await harness.get(ConsoleUsersService).add('reviewer', 'a long enough password');
    browser = await chromium.launch(TEST_CHROMIUM);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await database?.drop();
    rmSync(locale, { recursive: true, force: true });
  }, SHUTDOWN_TIMEOUT_MS);

  it('approves one fuzzy Bemba draft, and the approval survives a restart', async () => {
    const app = harness!;
    const page = await browser.newPage();
    await page.goto(`${app.url}/console/translations`);
    await page.fill('input[name=username]', 'reviewer');
    await page.fill('input[name=password]', 'a long enough password');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/console\/translations$/);
    await page.click('text=Bemba (bem)');
    await page.waitForURL(/language=bem$/);
    expect(await page.textContent('h1')).toBe('Translations: Bemba');
    const row = page.locator('tr[data-entry="contacts.leaveDone"]');
    expect(await row.getAttribute('data-state')).toBe('fuzzy');
    expect(await page.locator('#counts td[data-label="fuzzy"]').textContent()).toBe('2');

    await row.locator('button', { hasText: 'Approve' }).click();
    await page.locator('text=Approved contacts.leaveDone.').waitFor();
    expect(await row.getAttribute('data-state')).toBe('translated');
    expect(await row.locator('td[data-label="state"]').textContent()).toBe(
      'translatedapproved by reviewer, 2026-01-05 11:00',
    );
    expect(await row.locator('button').count()).toBe(0);
    expect(await page.locator('#counts td[data-label="fuzzy"]').textContent()).toBe('1');
    // The other draft is still waiting for its reviewer.
    expect(await page.locator('tr[data-entry="contacts.languageUnknownSender"]').getAttribute('data-state')).toBe(
      'fuzzy',
    );
    await page.close();

    // A restart: a new app on the same database and the same (unchanged) .po file.
    await app.close();
    harness = undefined;
    harness = await ConversationHarness.create({ http: true, localeDirs: [locale], database });
    const client = await ConsoleClient.loggedIn(harness, 'reviewer', 'a long enough password');
    const after = await client.page('/console/translations?language=bem');
    expect(stateOf(after, 'contacts.leaveDone')).toBe('translated');
    expect(stateOf(after, 'contacts.languageUnknownSender')).toBe('fuzzy');
  });
});
