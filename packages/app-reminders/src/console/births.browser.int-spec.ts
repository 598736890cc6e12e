import { ConsoleUsersService } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, type ConversationHarness, describeInChromium, TEST_CHROMIUM } from '@mwana/core/testing';
import { type Browser, chromium } from 'playwright-core';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { ZAMBIA, createRemindersHarness } from '../testing/reminders.harness';

describeInChromium('births page in headless Chromium (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<RemindersBuilders>;
  let browser: Browser;

  beforeAll(async () => {
    harness = await createRemindersHarness(ZAMBIA, { http: true });
    await harness.get(ConsoleUsersService).add('officer', 'a long enough password');
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    const zone = await harness.build.zone(clinic, '3');
    const agent = await harness.build.agent({ zone, name: 'Mary Phiri', phone: '+260977000001' });
    // Four births registered in November, two in December, none in January.
    for (const [i, date] of [
      '2025-11-03',
      '2025-11-10',
      '2025-11-17',
      '2025-11-24',
      '2025-12-01',
      '2025-12-08',
    ].entries())
      await harness.build.event({ zone, clinic, patient: `Patient ${i}`, date, loggedBy: agent });
    browser = await chromium.launch(TEST_CHROMIUM);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('draws a bar per month as tall as its births, with nothing loaded from elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(harness.url)) foreign.push(r.url());
    });
    await page.goto(`${harness.url}/console/reminders/births?from=2025-11&to=2026-01`);
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'a long enough password');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/console\/reminders\/births/);

    const heights = await page
      .locator('svg.chart rect')
      .evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().height));
    expect(heights).toHaveLength(3);
    expect(heights[0]).toBeGreaterThan(50);
    expect(Math.abs(heights[1] - heights[0] / 2)).toBeLessThanOrEqual(1);
    expect(heights[2]).toBe(0);
    expect(await page.locator('svg.chart text').allTextContents()).toEqual([
      '4',
      '2025-11',
      '2',
      '2025-12',
      '0',
      '2026-01',
    ]);
    expect(await page.locator('table.log tbody tr td').allTextContents()).toEqual([
      'Mary Phiri',
      '+260977000001',
      'Chifubu Clinic',
      '3',
      '4',
      '2',
      '0',
      '6',
    ]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
