import { ConversationHarness } from '../testing/harness';
import { ConsoleClient, csrfOf } from '../testing/console-client';
import { ConsoleUsersService } from './console-users.service';
import { SESSION_COOKIE } from './console-sessions.service';

describe('console shell: login, sessions, CSRF, layout (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      imports: [],
      config: { console: { lockAfter: 3, lockMinutes: 10, idleMinutes: 30, sessionHours: 1 } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('refuses a wrong password and an unknown user, with nothing set but the login form cookie', async () => {
    await harness.get(ConsoleUsersService).add('ana', 'correct horse battery');
    const client = new ConsoleClient(harness.url);
    const wrong = await client.login('ana', 'not the password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong username or password.');
    expect((await client.login('nobody', 'correct horse battery')).status).toBe(401);
    expect(client.cookie(SESSION_COOKIE)).toBeUndefined();
    expect((await client.get('/console/messages')).status).toBe(303);
  });

  it('logs in with a signed HttpOnly SameSite=Lax cookie, goes back to the page asked for, and logs out', async () => {
    await harness.get(ConsoleUsersService).add('Ana', 'correct horse battery');
    const client = new ConsoleClient(harness.url);
    const asked = await client.get('/console/contacts?q=mary');
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Fcontacts%3Fq%3Dmary');
    const login = await client.login('ANA', 'correct horse battery', '/console/contacts?q=mary');
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/console/contacts?q=mary');
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).not.toMatch(/; Secure/); // plain HTTP here; behind HTTPS it is Secure
    const page = await client.get('/console/contacts');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = await page.text();
    expect(text).toContain('<h1>Contacts</h1>');
    expect(text).toMatch(/<nav><a href="\/console\/messages">Messages<\/a><a href="\/console\/contacts" class="here"/);
    expect(text).not.toMatch(/https?:\/\//); // nothing loaded from anywhere else

    const logout = await client.post('/console/logout', { _csrf: csrfOf(text) });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/console/login');
    expect((await client.get('/console/contacts')).status).toBe(303);
    const { count } = (await harness.dataSource.query('SELECT count(*)::int AS count FROM console_session'))[0] as {
      count: number;
    };
    expect(count).toBe(0);
  });

  it('refuses a forged or tampered session cookie, and one whose session has ended', async () => {
    const client = await ConsoleClient.loggedIn(harness);
    const cookie = client.cookie(SESSION_COOKIE) ?? '';
    const tampered = `${cookie.slice(0, 10)}x${cookie.slice(11)}`;
    for (const value of [tampered, 'made-up.value', cookie.split('.')[0]]) {
      const response = await fetch(`${harness.url}/console/messages`, {
        redirect: 'manual',
        headers: { cookie: `${SESSION_COOKIE}=${value}` },
      });
      expect(response.status).toBe(303);
    }
    await harness.get(ConsoleUsersService).setPassword('ana', 'a brand new password');
    expect((await client.get('/console/messages')).status).toBe(303);
  });

  it('ends a session after the idle time and after its lifetime, on the app clock', async () => {
    const client = await ConsoleClient.loggedIn(harness);
    harness.clock.advance('29m');
    expect((await client.get('/console/messages')).status).toBe(200);
    harness.clock.advance('29m'); // active 29 minutes ago: still in
    expect((await client.get('/console/messages')).status).toBe(200);
    harness.clock.advance('31m');
    expect((await client.get('/console/messages')).status).toBe(303);

    const busy = await ConsoleClient.loggedIn(harness);
    harness.clock.advance('25m');
    expect((await busy.get('/console/messages')).status).toBe(200);
    harness.clock.advance('25m');
    expect((await busy.get('/console/messages')).status).toBe(200);
    harness.clock.advance('25m'); // never idle, but 75 minutes after a login that lasts an hour
    expect((await busy.get('/console/messages')).status).toBe(303);
  });

  it('locks a username after repeated wrong passwords, even against the right one, until the lock ends', async () => {
    await harness.get(ConsoleUsersService).add('ana', 'correct horse battery');
    const client = new ConsoleClient(harness.url);
    expect((await client.login('ana', 'guess 1')).status).toBe(401);
    expect((await client.login('ana', 'guess 2')).status).toBe(401);
    expect((await client.login('ana', 'guess 3')).status).toBe(429);
    expect((await client.login('ana', 'correct horse battery')).status).toBe(429);
    harness.clock.advance('11m');
    expect((await client.login('ana', 'correct horse battery')).status).toBe(303);
  });

  it('refuses a login POST without the login form token (login CSRF)', async () => {
    await harness.get(ConsoleUsersService).add('ana', 'correct horse battery');
    const response = await fetch(`${harness.url}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'ana', password: 'correct horse battery' }).toString(),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it('redirects every page and action to the login without a session', async () => {
    for (const path of [
      '/console',
      '/console/messages',
      '/console/messages/thread?connection=1',
      '/console/contacts',
      '/console/no-such-page',
    ]) {
      const response = await fetch(`${harness.url}${path}`, { redirect: 'manual' });
      expect([path, response.status, response.headers.get('location')?.startsWith('/console/login')]).toEqual([
        path,
        303,
        true,
      ]);
    }
    for (const path of ['/console/contacts', '/console/logout']) {
      const response = await fetch(`${harness.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        body: 'action=deactivate&contact=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect([path, response.status]).toEqual([path, 303]);
    }
  });

  it('keeps `next` inside the console', async () => {
    await harness.get(ConsoleUsersService).add('ana', 'correct horse battery');
    for (const next of ['https://evil.example/', '//evil.example/', '/consolefoo', '/console\\@evil']) {
      const client = new ConsoleClient(harness.url);
      expect((await client.login('ana', 'correct horse battery', next)).headers.get('location')).toBe('/console');
    }
  });

  it('serves its stylesheet itself, cached, and 404s unknown assets and pages', async () => {
    const client = await ConsoleClient.loggedIn(harness);
    const page = await (await client.get('/console/messages')).text();
    const css = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1] ?? '';
    const response = await fetch(`${harness.url}${css}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await response.text()).length).toBeLessThan(4000);
    expect((await fetch(`${harness.url}/console/assets/nope.css`)).status).toBe(404);
    expect((await client.get('/console/no-such-page')).status).toBe(404);
    for (const home of ['/console', '/console/']) {
      const response = await client.get(home);
      expect([home, response.status, response.headers.get('location')]).toEqual([home, 303, '/console/messages']);
    }
  });
});
