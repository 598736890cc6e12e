import { ConsoleClient } from '../testing/console-client';
import { ConsoleUsersService } from '../console/console-users.service';
import { SESSION_COOKIE } from '../console/console-sessions.service';
import { ConversationHarness } from '../testing/harness';
import { alwaysSecure } from './http-security';

const PASSWORD = 'correct horse battery';

describe('cookies, proxies and HSTS', () => {
  const harnesses: ConversationHarness[] = [];
  let plain: ConversationHarness;
  let proxied: ConversationHarness;
  let public_: ConversationHarness;

  beforeAll(async () => {
    plain = await ConversationHarness.create({ http: true });
    proxied = await ConversationHarness.create({
      http: true,
      database: plain.database,
      config: { http: { trustProxy: ['127.0.0.1'] } },
    });
    public_ = await ConversationHarness.create({
      http: true,
      database: plain.database,
      config: { http: { publicUrl: 'https://mwana.example.org' } },
    });
    harnesses.push(public_, proxied, plain);
    await plain.get(ConsoleUsersService).add('ana', PASSWORD);
  });
  afterAll(async () => {
    for (const harness of harnesses) await harness.close();
  });

  const sessionCookie = async (harness: ConversationHarness, headers: Record<string, string> = {}) => {
    const client = new ConsoleClient(harness.url);
    const form = await client.get('/console/login', headers);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const login = await client.post('/console/login', { _csrf: csrf, username: 'ana', password: PASSWORD }, headers);
    expect(login.status).toBe(303);
    return { cookie: login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '', login };
  };

  it('believes X-Forwarded-Proto only from a configured proxy', async () => {
    const claimed = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
    expect((await sessionCookie(plain, claimed)).cookie).not.toMatch(/; Secure/);
    expect((await sessionCookie(proxied, claimed)).cookie).toMatch(/; Secure/);
    expect((await sessionCookie(proxied)).cookie).not.toMatch(/; Secure/);
  });

  it('makes every cookie Secure and sends HSTS behind a public https address', async () => {
    const { cookie, login } = await sessionCookie(public_);
    expect(cookie).toMatch(/; Secure/);
    expect(login.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await fetch(`${public_.url}/health`)).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await fetch(`${plain.url}/health`)).headers.get('strict-transport-security')).toBeNull();
  });

  it('is always Secure in staging and production', () => {
    expect(alwaysSecure('production', {})).toBe(true);
    expect(alwaysSecure('staging', {})).toBe(true);
    expect(alwaysSecure('development', {})).toBe(false);
    expect(alwaysSecure('test', { publicUrl: 'https://mwana.example.org' })).toBe(true);
    expect(alwaysSecure('test', { publicUrl: 'http://10.0.0.5:8000' })).toBe(false);
  });
});
