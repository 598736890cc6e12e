import { ConsoleClient, csrfOf, type ConversationHarness } from '@mwana/core/testing';
import type { ZambiaBuilders } from '../testing/zambia.builders';
import { createZambiaHarness } from '../testing/zambia.harness';
import { BlockedPhone } from './blocked-phone.entity';

/** The text of each table row (cells joined by `|`, tags dropped), header rows left out. */
function rows(page: string): string[] {
  const body = page.replace(/<thead>[\s\S]*?<\/thead>/g, '');
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]
      .split(/<\/td>/)
      .map((cell) =>
        cell
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((cell) => cell !== '')
      .join('|'),
  );
}

describe("Zambia's console: blocked phones and user verification (real HTTP and PostgreSQL)", () => {
  let harness: ConversationHarness<ZambiaBuilders>;
  let browser: ConsoleClient;

  beforeAll(async () => {
    harness = await createZambiaHarness({ http: true, now: '2026-01-06T09:00:00Z' });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000090', helpAdmin: true });
    browser = await ConsoleClient.loggedIn(harness);
  });

  it('shows nothing without a login', async () => {
    for (const path of ['blacklist', 'verification']) {
      const response = await fetch(`${harness.url}/console/${path}`, { redirect: 'manual' });
      expect([path, response.status]).toEqual([path, 303]);
    }
    const post = await fetch(`${harness.url}/console/blacklist`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=block&phone=0977000009',
      redirect: 'manual',
    });
    expect(post.status).toBe(303);
    expect(await harness.dataSource.getRepository(BlockedPhone).count()).toBe(0);
  });

  it('blocks a phone (CSRF checked), shows who and when, tells when the admins were told, and lifts it', async () => {
    let page = await browser.page('/console/blacklist');
    expect(page).toContain('>Blocked phones<');
    expect(page).toContain('No phone is blocked.');

    const forged = await browser.post('/console/blacklist', { action: 'block', phone: '0977000009' });
    expect(forged.status).toBe(403);
    expect(await harness.dataSource.getRepository(BlockedPhone).count()).toBe(0);

    const blocked = await browser.post('/console/blacklist', {
      _csrf: csrfOf(page),
      action: 'block',
      phone: '0977 000 009',
      reason: 'abusive messages',
    });
    expect([blocked.status, blocked.headers.get('location')]).toEqual([303, '/console/blacklist']);
    page = await browser.page('/console/blacklist');
    expect(page).toContain('+260977000009 is blocked.');
    expect(rows(page)).toEqual(['+260977000009|abusive messages|console user ana|2026-01-06 11:00|not yet|Lift']);

    // The block holds for the router at once; the page then says when the help admins heard of it.
    harness.clock.set('2026-01-06T10:30:00Z');
    await harness.run(`
      +260977000009 > hello
      +260977000009 < Your number has been blocked from using Mwana. This incident has been reported
      +260977000090 < This blacklisted number is trying to use the system +260977000009
    `);
    page = await browser.page('/console/blacklist');
    expect(rows(page)).toEqual([
      '+260977000009|abusive messages|console user ana|2026-01-06 11:00|2026-01-06 12:30|Lift',
    ]);

    await browser.post('/console/blacklist', { _csrf: csrfOf(page), action: 'block', phone: 'not a phone' });
    expect(await browser.page('/console/blacklist')).toContain('&quot;not a phone&quot; is not a phone number.');
    await browser.post('/console/blacklist', { _csrf: csrfOf(page), action: 'block', phone: '+260977000009' });
    expect(await browser.page('/console/blacklist')).toContain('+260977000009 is already blocked.');
    expect(await harness.dataSource.getRepository(BlockedPhone).count()).toBe(1);

    harness.clock.set('2026-01-06T11:00:00Z');
    await browser.post('/console/blacklist', { _csrf: csrfOf(page), action: 'unblock', phone: '+260977000009' });
    page = await browser.page('/console/blacklist');
    expect(page).toContain('+260977000009 may use Mwana again.');
    expect(rows(page)).toEqual([
      '+260977000009|abusive messages|console user ana|2026-01-06 11:00|console user ana|2026-01-06 13:00',
    ]);
    await harness.run(`
      +260977000009 > hello
      +260977000009 < Invalid Keyword. Please send the keyword HELP if you need to be assisted.
    `);
  });

  it('lists the verification questions, their answers and who was deactivated', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.registered({
      name: 'Mary Phiri',
      phone: '+260977000001',
      roles: ['clinic-worker'],
      locationId: clinic.id,
      at: new Date('2025-09-01T07:00:00Z'),
    });
    expect(await browser.page('/console/verification')).toContain('No question asked yet.');
    await harness.run(`
      ! jobs run zambia.verify-initial
      +260977000001 < Hello Mary Phiri. Are you still working at Chifubu Clinic and still using Results160? Please respond with YES or No
      @ +1h
      +260977000001 > No
    `);
    expect(rows(await browser.page('/console/verification'))).toEqual([
      'Mary Phiri|initial|2026-01-06 11:00|2026-01-06 12:00|No',
      'Mary Phiri|answered NO|2026-01-06 12:00',
    ]);
  });
});
