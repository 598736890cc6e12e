import { Contact } from '../contacts/contact.entity';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { ConsoleClient, csrfOf } from '../testing/console-client';

/** The message ids a message-log page lists, in order. */
const ids = (page: string) => [...page.matchAll(/<br>#(\d+)<\/td>/g)].map((m) => Number(m[1]));

describe('console pages: message log, conversation, contacts (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let client: ConsoleClient;
  const page = async (path: string) => {
    const response = await client.get(path);
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      imports: [EchoModule],
      config: { router: { defaultReply: null } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    client = await ConsoleClient.loggedIn(harness);
  });

  it('lists messages newest first and filters by phone, text, app, status and direction', async () => {
    await harness.build.contact({ name: 'Mary Phiri', phone: '+260977000001' });
    await harness.deliver('+260977000001', 'echo one'); // 1 in, 2 out
    await harness.deliver('+260977000002', 'echo two'); // 3 in, 4 out
    await harness.deliver('+260977000001', 'nothing handles this'); // 5 in
    expect(ids(await page('/console/messages'))).toEqual([5, 4, 3, 2, 1]);
    expect(ids(await page('/console/messages?phone=0977000001'))).toEqual([5, 2, 1]);
    expect(ids(await page('/console/messages?phone=7000002'))).toEqual([4, 3]);
    expect(ids(await page('/console/messages?text=TWO'))).toEqual([4, 3]);
    expect(ids(await page('/console/messages?app=echo'))).toEqual([4, 3, 2, 1]);
    expect(ids(await page('/console/messages?direction=out'))).toEqual([4, 2]);
    expect(ids(await page('/console/messages?status=unhandled'))).toEqual([5]);
    expect(ids(await page('/console/messages?direction=in&phone=%2B260977000001&app=echo'))).toEqual([1]);
    const filtered = await page('/console/messages?text=one');
    expect(filtered).toContain('Mary Phiri');
    expect(filtered).toContain('value="one"');
    expect(ids(await page('/console/messages?text=100%25'))).toEqual([]); // % is a character, not a wildcard
  });

  it('pages through the log with an "older" cursor that keeps the filters', async () => {
    for (let i = 1; i <= 30; i++) await harness.deliver('+260977000001', `echo n${i}`); // 60 messages
    await harness.deliver('+260977000009', 'echo other');
    const first = await page('/console/messages?phone=0977000001');
    expect(ids(first)).toHaveLength(50);
    expect(ids(first)[0]).toBe(60);
    const older = /<a href="([^"]+)" rel="next">/.exec(first)?.[1].replace(/&amp;/g, '&') ?? '';
    expect(older).toBe('/console/messages?phone=0977000001&before=11');
    const second = await page(older);
    expect(ids(second)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(second).not.toContain('rel="next"');
    expect(second).toContain('« Newest');
  });

  it('escapes what people send', async () => {
    await harness.deliver('+260977000001', 'echo <script>alert("x")</script> & <b>');
    const log = await page('/console/messages');
    expect(log).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(log).not.toContain('<script>alert');
  });

  it("shows one phone's conversation, in and out, oldest first", async () => {
    await harness.deliver('+260977000001', 'echo first');
    await harness.deliver('+260977000002', 'echo elsewhere');
    await harness.deliver('+260977000001', 'ping');
    const log = await page('/console/messages?phone=0977000001');
    const link = /href="(\/console\/messages\/thread\?connection=\d+)"/.exec(log)?.[1] ?? '';
    const thread = await page(link);
    expect(thread).toContain('<h1>Conversation with +260977000001</h1>');
    const bubbles = [...thread.matchAll(/<li class="(in|out)" data-id="\d+"><span class="bubble">([^<]*)</g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(bubbles).toEqual(['in echo first', 'out first', 'in ping', 'out pong']);
    expect(thread).toMatch(/<a href="\/console\/messages" class="here"/); // its section stays lit in the nav
    expect(await page('/console/messages/thread?connection=999')).toContain('No such conversation.');
  });

  it('lists contacts with their phones, roles, language and flags', async () => {
    await harness.build.contact({
      name: 'Mary Phiri',
      phone: '+260977000001',
      roles: ['clinic-worker'],
      language: 'bem',
      helpAdmin: true,
    });
    await harness.build.contact({ name: 'Old Contact', phone: '+260977000002', active: false });
    const list = await page('/console/contacts');
    expect(list).toMatch(
      /<strong>Mary Phiri<\/strong>[\s\S]*\+260977000001[\s\S]*<td>clinic-worker<\/td><td data-label="language">bem<\/td>\s*<td data-label="active">yes<\/td><td data-label="help admin">yes<\/td>/,
    );
    expect(list).not.toContain('Old Contact');
    expect(await page('/console/contacts?all=1')).toContain('Old Contact');
    expect(await page('/console/contacts?q=0977000001')).toContain('Mary Phiri');
    expect(await page('/console/contacts?q=nobody')).not.toContain('Mary Phiri');
  });

  it('marks and unmarks a help admin and deactivates a contact, after asking, with a notice shown once', async () => {
    const mary = await harness.build.contact({ name: 'Mary Phiri', phone: '+260977000001' });
    const contact = () => harness.dataSource.manager.findOneByOrFail(Contact, { id: mary.id });
    const csrf = csrfOf(await page('/console/contacts'));

    const on = await client.post('/console/contacts', {
      _csrf: csrf,
      contact: String(mary.id),
      action: 'help-admin-on',
    });
    expect([on.status, on.headers.get('location')]).toEqual([303, '/console/contacts']);
    expect((await contact()).isHelpAdmin).toBe(true);
    const after = await page('/console/contacts');
    expect(after).toContain('<p class="notice" role="status">Mary Phiri is now a help admin.</p>');
    expect(await page('/console/contacts')).not.toContain('class="notice"');
    await client.post('/console/contacts', { _csrf: csrf, contact: String(mary.id), action: 'help-admin-off' });
    expect((await contact()).isHelpAdmin).toBe(false);

    const asking = await page(`/console/contacts?deactivate=${mary.id}`);
    expect(asking).toContain('Deactivate <strong>Mary Phiri</strong> (+260977000001)?');
    expect((await contact()).active).toBe(true); // asking changes nothing
    await client.post('/console/contacts', { _csrf: csrf, contact: String(mary.id), action: 'deactivate' });
    expect((await contact()).active).toBe(false);
    expect(await page('/console/contacts')).toContain('Deactivated Mary Phiri');

    await client.post('/console/contacts', { _csrf: csrf, contact: '4242', action: 'deactivate' });
    expect(await page('/console/contacts')).toContain('<p class="error" role="status">No such contact.</p>');
  });

  it("refuses a POST without, with a wrong, or with another session's CSRF token: 403, nothing changed", async () => {
    const mary = await harness.build.contact({ name: 'Mary Phiri', phone: '+260977000001' });
    const other = await ConsoleClient.loggedIn(harness, 'bo', 'another long password');
    const form = { contact: String(mary.id), action: 'deactivate' };
    for (const token of [undefined, 'wrong', await other.csrf(), '']) {
      const response = await client.post('/console/contacts', token === undefined ? form : { ...form, _csrf: token });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('nothing was changed');
    }
    const json = await client.postJson('/console/contacts', form, { 'x-csrf-token': 'wrong' });
    expect(json.status).toBe(403);
    const logout = await client.post('/console/logout', {});
    expect(logout.status).toBe(403);
    const after = await harness.dataSource.manager.findOneByOrFail(Contact, { id: mary.id });
    expect([after.active, after.isHelpAdmin]).toEqual([true, false]);
    expect((await client.get('/console/contacts')).status).toBe(200); // still logged in
  });
});
