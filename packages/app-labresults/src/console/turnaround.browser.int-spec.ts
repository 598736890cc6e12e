import { ConsoleUsersService } from '@mwana/core';
import { type ConversationHarness, describeInChromium, TEST_CHROMIUM, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import { type Browser, chromium } from 'playwright-core';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

describeInChromium('turnaround page in headless Chromium (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let browser: Browser;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA, { http: true });
    await harness.get(ConsoleUsersService).add('officer', 'a long enough password');
    const ndola = await harness.build.place({ code: '403000', name: 'Ndola', kind: 'district' });
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: ndola.id });
    // December: 4 + 2 + 1 + 1 days; January: 2 + 6 + 1 + 3 days.
    const dates = [
      ['2025-12-01', '2025-12-05', '2025-12-07', '2025-12-08', '2025-12-09'],
      ['2026-01-01', '2026-01-03', '2026-01-09', '2026-01-10', '2026-01-13'],
    ];
    for (const [i, [collected, received, tested, arrived, sent]] of dates.entries()) {
      await harness.build.result({
        clinic,
        requisitionId: `R${i}`,
        result: 'N',
        status: 'sent',
        collectedOn: collected,
        enteredOn: received,
        processedOn: tested,
        arrivalDate: new Date(`${arrived}T08:00:00Z`),
        resultSentDate: new Date(`${sent}T08:00:00Z`),
      });
    }
    browser = await chromium.launch(TEST_CHROMIUM);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('draws a bar per month, each stage as long as its days, with nothing loaded from elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(harness.url)) foreign.push(r.url());
    });
    await page.goto(`${harness.url}/console/labresults/turnaround?from=2025-12&to=2026-01`);
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'a long enough password');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/console\/labresults\/turnaround/);

    // Each bar's four segments as drawn, in pixels: January's first, then December's.
    const widths = await page
      .locator('svg.chart rect')
      .evaluateAll((rects) => rects.map((r) => Math.round(r.getBoundingClientRect().width)));
    expect(widths).toHaveLength(8);
    const [january, december] = [widths.slice(0, 4), widths.slice(4)];
    const perDay = january[1] / 6;
    expect(perDay).toBeGreaterThan(10);
    for (const [drawn, days] of [
      ...january.map((w, i) => [w, [2, 6, 1, 3][i]]),
      ...december.map((w, i) => [w, [4, 2, 1, 1][i]]),
    ]) {
      expect(Math.abs(drawn - days * perDay)).toBeLessThanOrEqual(2);
    }
    expect(await page.locator('svg.chart text').allTextContents()).toEqual(['2026-01', '12.0 d', '2025-12', '8.0 d']);
    expect(await page.locator('ul.legend li').allTextContents()).toEqual([
      ' Collected → received at lab',
      ' Received → tested',
      ' Tested → arrived',
      ' Arrived → delivered',
    ]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
