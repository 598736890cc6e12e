import { DeliveryReports } from '@mwana/core';
import { ConsoleClient, csrfOf, type ConversationHarness, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import type { Location } from '@mwana/app-locations';
import { type BroadcastBuilders, createBroadcastHarness } from '../testing/broadcast.harness';

/** The text of each table body row, cells joined by `|`, tags dropped. */
function rows(page: string): string[] {
  const body = page.replace(/<thead>[\s\S]*?<\/thead>/g, '');
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]
      .split(/<\/td>/)
      .map((cell) =>
        cell
          .replace(/<br>/g, ' ')
          .replace(/<form[\s\S]*?<\/form>/g, '')
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((cell) => cell !== '')
      .join('|'),
  );
}

/** The hidden fields of the preview's send form. */
function sendFields(page: string): Record<string, string> {
  const form = /<section class="preview">[\s\S]*?<form[^>]*>([\s\S]*?)<\/form>/.exec(page)?.[1] ?? '';
  const unescape = (v: string) =>
    v
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], unescape(m[2])]),
  );
}

const outbound = async (harness: ConversationHarness): Promise<number> =>
  (
    (await harness.dataSource.query("SELECT count(*)::int AS n FROM message WHERE direction = 'out'")) as [
      { n: number },
    ]
  )[0].n;

describe('Broadcast console pages (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<BroadcastBuilders>;
  let browser: ConsoleClient;
  let ndola: Location;
  let kawama: Location;

  beforeAll(async () => {
    harness = await createBroadcastHarness({ http: true, broadcast: { confirmAbove: 2, maxRecipients: 3 } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const b = harness.build;
    const province = await b.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    ndola = await b.place({ code: '403000', name: 'Ndola', kind: 'district', parent: province });
    const chifubu = await b.place({ code: '403012', name: 'Chifubu Clinic', parent: ndola });
    const zone = await b.place({ code: '403012-3', name: '3', kind: 'zone', parent: chifubu });
    kawama = await b.place({ code: '403013', name: 'Kawama Clinic', parent: ndola });
    await b.person('Mary Phiri', '+260977000001', ['cba'], zone);
    await b.person('Peter Daka', '+260977000002', ['cba'], kawama);
    await b.person('Ruth Tembo', '+260977000003', ['clinic-worker'], chifubu);
    await b.person('Hub Man', '+260977000004', ['hub-worker'], chifubu);
    await b.person('Dan Lungu', '+260977000005', ['district-worker'], ndola);
    browser = await ConsoleClient.loggedIn(harness, 'officer');
  });

  it('shows and changes nothing without a login', async () => {
    for (const path of ['broadcast', 'broadcast/send', 'broadcast/help']) {
      const response = await fetch(`${harness.url}/console/${path}`, { redirect: 'manual' });
      expect([path, response.status]).toEqual([path, 303]);
    }
    const post = await fetch(`${harness.url}/console/broadcast/send`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ role: 'cba', text: 'hello', count: '2', nonce: 'abcdefgh-1234' }).toString(),
    });
    expect(post.status).toBe(303);
    expect(await outbound(harness)).toBe(0);
  });

  it('previews without queueing, refuses a send without its CSRF token, and counts below the threshold need no confirmation', async () => {
    const page = await browser.page(
      `/console/broadcast/send?role=cba&location=${kawama.id}&text=${encodeURIComponent('Stock count Friday')}&preview=1`,
    );
    expect(page).toContain('<strong class="recipients">1</strong>');
    expect(page).not.toContain('name="confirm"');
    const fields = sendFields(page);
    expect(fields).toMatchObject({ role: 'cba', location: String(kawama.id), text: 'Stock count Friday', count: '1' });
    const { _csrf, ...withoutCsrf } = fields;
    expect(_csrf).toMatch(/./);
    expect((await browser.post('/console/broadcast/send', withoutCsrf)).status).toBe(403);
    expect(await outbound(harness)).toBe(0);
    // The same form sent ten times at once (an impatient double click): one broadcast.
    const sent = await Promise.all(Array.from({ length: 10 }, () => browser.post('/console/broadcast/send', fields)));
    expect(sent.map((r) => [r.status, r.headers.get('location')])).toEqual(
      Array.from({ length: 10 }, () => [303, '/console/broadcast']),
    );
    expect(await outbound(harness)).toBe(1);
    expect(await browser.page('/console/broadcast')).toMatch(/Queued to 1 person|sent before/);
    expect(((await harness.dataSource.query('SELECT count(*)::int AS n FROM broadcast')) as [{ n: number }])[0].n).toBe(
      1,
    );
  });

  it('refuses above the threshold without the confirmation, and when the recipients changed since the preview', async () => {
    // Everyone under Ndola but hub staff: Mary, Peter, Ruth and Dan.
    const page = await browser.page(`/console/broadcast/send?location=${ndola.id}&text=hello&preview=1`);
    expect(page).toContain('<strong class="recipients">4</strong>');
    expect(page).toContain('name="confirm" value="yes" required');
    const fields = sendFields(page);
    const unconfirmed = await browser.post('/console/broadcast/send', fields);
    expect(unconfirmed.headers.get('location')).toContain('/console/broadcast/send?');
    expect(await browser.page(unconfirmed.headers.get('location')!)).toContain(
      'Tick the confirmation to send to 4 people.',
    );
    // Four is more than broadcast.maxRecipients (3): refused whole, nothing queued.
    const tooMany = await browser.post('/console/broadcast/send', { ...fields, confirm: 'yes' });
    expect(await browser.page(tooMany.headers.get('location')!)).toContain('more than the 3 a broadcast may reach');
    await harness.build.person('New Agent', '+260977000006', ['cba'], kawama);
    const cba = sendFields(
      await browser.page(`/console/broadcast/send?role=cba&location=${ndola.id}&text=hello&preview=1`),
    );
    expect(cba.count).toBe('3');
    await harness.build.person('Late Agent', '+260977000007', ['cba'], kawama);
    const changed = await browser.post('/console/broadcast/send', { ...cba, confirm: 'yes' });
    expect(await browser.page(changed.headers.get('location')!)).toContain(
      'The recipients changed since the preview (3 then, 4 now)',
    );
    const bad = await browser.post('/console/broadcast/send', { ...cba, role: 'patient', confirm: 'yes' });
    expect(await browser.page(bad.headers.get('location')!)).toContain(
      'No role a broadcast may go to is named patient.',
    );
    expect(await outbound(harness)).toBe(0);
  });

  it('logs each broadcast with its sent, delivered and failed counts', async () => {
    const fields = sendFields(
      await browser.page(`/console/broadcast/send?role=cba&location=${ndola.id}&text=hello&preview=1`),
    );
    await browser.post('/console/broadcast/send', fields);
    await harness.run(`
      +260977000003 > ALL meeting at noon
      +260977000001 < meeting at noon [from Ruth Tembo to ALL]
    `);
    const [first]: Array<{ id: string }> = await harness.dataSource.query(
      "SELECT id::text FROM message WHERE direction = 'out' AND text = 'hello' ORDER BY id LIMIT 1",
    );
    expect(await harness.get(DeliveryReports).report('tester', { messageId: first.id }, 'failed', 'no route')).toBe(
      true,
    );
    const before = rows(await browser.page('/console/broadcast'));
    expect(before.map((r) => r.split('|').slice(1).join('|'))).toEqual([
      'Ruth Tembo|ALL|meeting at noon|1|1|0|0|0',
      'console: officer|cba at Ndola|hello|2|1|0|0|1',
    ]);
    await harness.work();
    const after = rows(await browser.page('/console/broadcast'));
    expect(after.map((r) => r.split('|').slice(-5).join('|'))).toEqual(['1|0|1|1|0', '2|0|1|1|1']);
  });

  it('lists open help requests; marks them addressed, then resolved, with a note and who did it', async () => {
    await harness.run(`
      +260977000002 > HELP my phone lost the PIN
      +260977000002 < Sorry you're having trouble Peter Daka. Your help request has been forwarded to a support team member and they will call you soon.
      +260977000099 > help
      +260977000099 < Sorry you're having trouble. Your help request has been forwarded to a support team member and they will call you soon.
    `);
    const [peter, stranger]: Array<{ id: number }> = await harness.dataSource.query(
      'SELECT id FROM help_request ORDER BY id',
    );
    expect(rows(await browser.page('/console/broadcast/help')).map((r) => r.replace(/^[^|]*\|/, ''))).toEqual([
      '+260977000099|pending',
      'Peter Daka +260977000002|my phone lost the PIN|pending',
    ]);
    const page = await browser.page('/console/broadcast/help');
    const csrf = csrfOf(page);
    const marked = await browser.post('/console/broadcast/help', {
      _csrf: csrf,
      id: String(peter.id),
      action: 'addressed',
      note: 'Called back, PIN reset tomorrow',
    });
    expect(marked.status).toBe(303);
    expect(await browser.page('/console/broadcast/help')).toContain(`Help request #${peter.id} marked addressed.`);
    await browser.post('/console/broadcast/help', {
      _csrf: csrf,
      id: String(stranger.id),
      action: 'resolved',
      note: '',
    });
    // Bad input changes nothing.
    for (const form of <Array<Record<string, string>>>[
      { id: String(peter.id), action: 'deleted' },
      { id: '999999', action: 'resolved' },
      { id: String(peter.id), action: 'resolved', note: 'x'.repeat(501) },
    ])
      await browser.post('/console/broadcast/help', { _csrf: csrf, ...form });
    const stored: Array<{ status: string; note: string | null; handled_by: string | null }> =
      await harness.dataSource.query('SELECT status, note, handled_by FROM help_request ORDER BY id');
    expect(stored).toEqual([
      { status: 'addressed', note: 'Called back, PIN reset tomorrow', handled_by: 'officer' },
      { status: 'resolved', note: null, handled_by: 'officer' },
    ]);
    // Resolved requests leave the list; ?all=1 shows them.
    const open = rows(await browser.page('/console/broadcast/help'));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatch(
      /Peter Daka \+260977000002\|my phone lost the PIN\|addressed\|officer \S+ \S+ Called back, PIN reset tomorrow$/,
    );
    expect(rows(await browser.page('/console/broadcast/help?all=1'))).toHaveLength(2);
  });
  it('manages the places each help admin answers for, and HELP follows them', async () => {
    const province = (await harness.dataSource.query("SELECT id FROM location WHERE code = '400000'")) as [
      { id: number },
    ];
    const kitwe = await harness.build.place({
      code: '402000',
      name: 'Kitwe',
      kind: 'district',
      parent: { id: province[0].id } as Location,
    });
    const desk = await harness.build.person('Kitwe Desk', '+260977000050', [], null, { helpAdmin: true });
    await harness.build.person('Any Desk', '+260977000051', [], null, { helpAdmin: true });
    const page = await browser.page('/console/broadcast/help-admins');
    expect(rows(page).map((r) => r.split('|').slice(0, 3).join('|'))).toEqual([
      'Any Desk|+260977000051|everyone',
      'Kitwe Desk|+260977000050|everyone',
    ]);
    const csrf = csrfOf(page);
    const add = { _csrf: csrf, contact: String(desk.id), location: String(kitwe.id), action: 'add' };
    expect((await browser.post('/console/broadcast/help-admins', add)).status).toBe(303);
    // Bad input changes nothing.
    await browser.post('/console/broadcast/help-admins', { ...add, location: '999999' });
    await browser.post('/console/broadcast/help-admins', { ...add, contact: '999999' });
    await browser.post('/console/broadcast/help-admins', { ...add, action: 'drop' });
    expect(await harness.dataSource.query('SELECT contact_id, location_id FROM help_admin_place')).toEqual([
      { contact_id: desk.id, location_id: kitwe.id },
    ]);
    const mapped = await browser.page('/console/broadcast/help-admins');
    expect(mapped).toContain('Choose a help admin and a place.'); // the last refusal's line
    expect(mapped).toContain('Kitwe (402000) <button title="Remove">');
    const told = 'Peter Daka (cba) at Kawama Clinic(403013) has requested help. Please call them at +260977000002.';
    const thanks =
      "Sorry you're having trouble Peter Daka. Your help request has been forwarded to a support team member and they will call you soon.";
    await harness.run(`
      +260977000002 > HELP
      +260977000051 < ${told}
      +260977000002 < ${thanks}
    `);
    await browser.post('/console/broadcast/help-admins', { ...add, action: 'remove' });
    expect(await harness.dataSource.query('SELECT * FROM help_admin_place')).toEqual([]);
    await harness.run(`
      +260977000002 > HELP
      +260977000050 < ${told}
      +260977000051 < ${told}
      +260977000002 < ${thanks}
    `);
  });
});
