import type { CliIo } from '../cli/operator-command';
import { ApiTokensCommand } from '../console/api-tokens.command';
import { ConversationHarness } from '../testing/harness';

describe('`mwana api-token`: stored, hashed, scoped, revocable and rate limited per token (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let out: string[];
  let err: string[];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const cli = (...args: string[]) => harness.get(ApiTokensCommand).run(args, io);
  const add = async (name: string, scope: string): Promise<string> => {
    out = [];
    expect(await cli('add', name, '--scope', scope)).toBe(0);
    return /^Token: (\S+) /.exec(out[1])?.[1] ?? '';
  };
  const get = (token: string) =>
    fetch(`${harness.url}/api/messages`, { headers: { authorization: `Bearer ${token}` } });
  const post = (token: string) =>
    fetch(`${harness.url}/backends/tester/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '+260977000001', text: 'hello' }),
    });

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      config: { http: { rateLimit: { perToken: { max: 30 }, tokens: { max: 1000 } } }, backends: { pollMs: 0 } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    out = [];
    err = [];
    await harness.reset();
  });

  it('adds a token shown once and stored only as a hash, lists it without the secret, revokes it', async () => {
    const token = await add('dhis2', 'read,send');
    expect(out[0]).toBe('Added API token dhis2 (scopes read, send).');
    expect(token).toMatch(/^mwana_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(await harness.dataSource.query('SELECT * FROM api_token'));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(6));
    expect((await get(token)).status).toBe(200);
    out = [];
    expect(await cli('list')).toBe(0);
    expect(out[0]).toMatch(/^dhis2\s+read,send\s+last used 20/);
    expect(out.join('\n')).not.toContain(token);
    expect(await cli('revoke', 'dhis2')).toBe(0);
    expect((await get(token)).status).toBe(401);
    out = [];
    expect(await cli('list')).toBe(0);
    expect(out).toEqual(['0 API token(s)']);
    // The name is free again; the revoked row stays, listed with --all.
    await add('dhis2', 'read');
    out = [];
    await cli('list', '--all');
    expect(out).toHaveLength(3);
  });

  it('refuses bad names, unknown or missing scopes and duplicates, changing nothing', async () => {
    await add('ci', 'read');
    expect(await cli('add', 'ci', '--scope', 'send')).toBe(1);
    expect(err.pop()).toBe('A token named "ci" exists already; revoke it first.');
    expect(await cli('add', 'Bad Name', '--scope', 'read')).toBe(1);
    expect(await cli('add', 'other', '--scope', 'read,delete')).toBe(1);
    expect(err.pop()).toBe('Unknown scope delete: the scopes are read, send, admin.');
    expect(await cli('add', 'other')).toBe(1);
    expect(await cli('revoke', 'nobody')).toBe(1);
    expect(await cli('add')).toBe(2);
    const [{ n }] = (await harness.dataSource.query('SELECT count(*)::int AS n FROM api_token')) as Array<{
      n: number;
    }>;
    expect(n).toBe(1);
  });

  it('holds a token to its scopes: read may GET, not POST; send may POST', async () => {
    const reader = await add('reader', 'read');
    const sender = await add('sender', 'send');
    expect((await get(reader)).status).toBe(200);
    const refused = await post(reader);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'forbidden', message: 'This API token lacks the scope "send".' });
    expect((await get(sender)).status).toBe(403);
    expect((await post(sender)).status).toBe(201);
    const [{ n }] = (await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'in'`,
    )) as Array<{ n: number }>;
    expect(n).toBe(1);
  });

  it('counts each token on its own, across requests at once: 30 of 40 pass, the rest get 429', async () => {
    const busy = await add('busy', 'read');
    const calm = await add('calm', 'read');
    const statuses = await Promise.all(Array.from({ length: 40 }, () => get(busy).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const limited = await get(busy);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get(calm)).status).toBe(200);
  });
});
