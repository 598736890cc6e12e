import { ConsoleUsersService } from '../console/console-users.service';
import type { ConversationHarness } from './harness';

/** A browser for tests: keeps cookies, logs in through the real form, reads CSRF tokens off pages. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** Adds a user (if missing) and logs in as them. */
  static async loggedIn(
    harness: ConversationHarness,
    username = 'ana',
    password = 'correct horse battery',
  ): Promise<ConsoleClient> {
    const users = harness.get(ConsoleUsersService);
    if (!(await users.list()).some((u) => u.username === username)) await users.add(username, password);
    const client = new ConsoleClient(harness.url);
    const response = await client.login(username, password);
    if (response.status !== 303) throw new Error(`login as ${username} answered ${response.status}`);
    return client;
  }

  async login(username: string, password: string, next?: string): Promise<Response> {
    const page = await this.get('/console/login');
    return this.post('/console/login', {
      _csrf: csrfOf(await page.text()),
      username,
      password,
      ...(next ? { next } : {}),
    });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request('POST', path, new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request('POST', path, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
  }

  /** A page's HTML, after checking it answered 200. */
  async page(path: string): Promise<string> {
    const response = await this.get(path);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    return response.text();
  }

  /** The CSRF token of this session, read off a page as a browser would. */
  async csrf(): Promise<string> {
    return csrfOf(await (await this.get('/console/contacts')).text());
  }

  private async request(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      body,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

export function csrfOf(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error(`no CSRF field in the page:\n${page.slice(0, 500)}`);
  return match[1];
}
