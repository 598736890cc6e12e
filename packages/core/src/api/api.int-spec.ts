import { ConsoleClient } from '../testing/console-client';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';

const TOKEN = 'script-token-0123456789abcdef';

interface Page {
  messages: Array<{
    id: string;
    direction: string;
    text: string;
    phone: string;
    status: string;
    app: string | null;
    createdAt: string;
  }>;
  next: string | null;
}

describe('/api/messages and /api/openapi.json (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  const api = async (query: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
    const response = await fetch(`${harness.url}/api/messages${query}`, { headers });
    return { status: response.status, body: (await response.json()) as Page & { error?: string; message?: string } };
  };
  const ids = async (query: string) => (await api(query)).body.messages.map((m) => Number(m.id));

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      imports: [EchoModule],
      config: { console: { apiTokens: { ci: TOKEN } }, router: { defaultReply: null }, backends: { pollMs: 0 } },
      now: '2026-01-05T09:00:00Z',
    });
    await harness.build.contact({ name: 'Mary Phiri', phone: '+260977000001' });
    await harness.deliver('+260977000001', 'echo one'); // 1 in, 2 out   09:00
    harness.clock.advance('1h');
    await harness.deliver('+260977000002', 'echo two'); // 3 in, 4 out   10:00
    harness.clock.advance('1h');
    await harness.deliver('+260977000001', 'hello there'); // 5 in, unhandled   11:00
  });
  afterAll(() => harness.close());

  it('needs an API token or a console session', async () => {
    const anonymous = await api('', {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('unauthorized');
    expect((await api('', { authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(401);
    const client = await ConsoleClient.loggedIn(harness);
    const viaSession = await client.get('/api/messages');
    expect(viaSession.status).toBe(200);
    expect(((await viaSession.json()) as Page).messages).toHaveLength(5);
  });

  it('lists messages newest first, with the fields a script needs', async () => {
    const { status, body } = await api('');
    expect(status).toBe(200);
    expect(body.next).toBeNull();
    expect(body.messages.map((m) => Number(m.id))).toEqual([5, 4, 3, 2, 1]);
    expect(body.messages[3]).toEqual({
      id: '2',
      direction: 'out',
      status: 'queued',
      text: 'one',
      connectionId: 1,
      phone: '+260977000001',
      backend: 'tester',
      contactId: 1,
      contactName: 'Mary Phiri',
      app: 'echo',
      handler: null, // the inbound message records its handler; a reply records the app
      inResponseToId: '1',
      error: null,
      encoding: 'GSM-7',
      segments: 1,
      parts: 1,
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-05T09:00:00.000Z',
    });
  });

  it('filters by phone, direction, status, app, text and time', async () => {
    expect(await ids('?phone=0977000001')).toEqual([5, 2, 1]);
    expect(await ids('?phone=%2B260977000002')).toEqual([4, 3]);
    expect(await ids('?direction=in')).toEqual([5, 3, 1]);
    expect(await ids('?status=unhandled')).toEqual([5]);
    expect(await ids('?app=echo&direction=out')).toEqual([4, 2]);
    expect(await ids('?text=HELLO')).toEqual([5]);
    expect(await ids('?since=2026-01-05T10:00:00Z')).toEqual([5, 4, 3]);
    expect(await ids('?until=2026-01-05T12:00:00%2B02:00')).toEqual([2, 1]); // 10:00 UTC, exclusive
    expect(await ids('?since=2026-01-05T09:30:00Z&until=2026-01-05T10:30:00Z&direction=out')).toEqual([4]);
  });

  it('pages by cursor, newest first or oldest first, without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const { body }: { body: Page } = await api(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.messages.map((m) => Number(m.id)));
      cursor = body.next;
      pages++;
    }
    expect([seen, pages]).toEqual([[5, 4, 3, 2, 1], 3]);
    const first = await api('?order=asc&limit=3');
    expect([first.body.messages.map((m) => Number(m.id)), first.body.next]).toEqual([[1, 2, 3], '3']);
    expect(await ids('?order=asc&cursor=3')).toEqual([4, 5]);
    expect(await ids('?phone=0977000001&limit=1&cursor=5')).toEqual([2]);
  });

  it('refuses what it does not understand with 400 and a reason', async () => {
    for (const query of [
      '?status=lost',
      '?direction=sideways',
      '?since=yesterday',
      '?cursor=abc',
      '?limit=0',
      '?limit=501',
      '?colour=red',
    ]) {
      const { status, body } = await api(query);
      expect([query, status, body.error]).toEqual([query, 400, 'invalid']);
    }
    expect((await api('?status=lost')).body.message).toContain('status');
  });
});
