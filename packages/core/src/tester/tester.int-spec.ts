import { z } from 'zod';
import { Injectable } from '@nestjs/common';
import { defineGateway, type GatewaySender, type SendOutcome } from '../gateways/gateway';
import { ConsoleClient } from '../testing/console-client';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness, type HarnessOptions } from '../testing/harness';

@Injectable()
class FakeSender implements GatewaySender {
  async send(): Promise<SendOutcome> {
    return { providerId: null };
  }
}
const fakeGateway = defineGateway({ type: 'fake', options: z.strictObject({}), sender: FakeSender });

const TOKEN = 'ci-token-0123456789abcdefghij';
const options = (role: 'all' | 'api' | 'worker'): HarnessOptions => ({
  http: true,
  role,
  imports: [EchoModule],
  gateways: [fakeGateway],
  config: {
    console: { apiTokens: { ci: TOKEN } },
    backends: {
      gateways: { tester: { type: 'tester' }, training: { type: 'tester' }, sms: { type: 'fake' } },
      pollMs: 0,
    },
    router: { defaultReply: null },
  },
});
const count = async (harness: ConversationHarness) =>
  ((await harness.dataSource.query('SELECT count(*)::int AS n FROM message')) as Array<{ n: number }>)[0].n;

describe('message tester JSON endpoint, MWANA_ROLE=all (real router, PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let client: ConsoleClient;
  const bearer = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    harness = await ConversationHarness.create(options('all'));
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    client = await ConsoleClient.loggedIn(harness);
  });

  it('accepts an SMS as a phone and answers with the message and the replies to it', async () => {
    const response = await client.postJson(
      '/backends/tester/messages',
      { phone: '0977000001', text: 'ECHO hi' },
      { 'x-csrf-token': await client.csrf() },
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      phone: string;
      message: { id: string; status: string };
      replies: Array<{ id: string; text: string; status: string }>;
    };
    expect(body.phone).toBe('+260977000001');
    expect(body.message).toMatchObject({ id: '1', status: 'handled', direction: 'in', text: 'ECHO hi', app: 'echo' });
    expect(body.replies).toEqual([
      expect.objectContaining({ id: '2', text: 'hi', status: 'queued', inResponseToId: '1', direction: 'out' }),
    ]);

    await harness.work(); // the sender: the tester gateway delivers at once
    const thread = await client.get('/backends/tester/messages?phone=%2B260977000001');
    expect(thread.status).toBe(200);
    const { phone, messages } = (await thread.json()) as {
      phone: string;
      messages: Array<{ id: string; direction: string; text: string; status: string }>;
    };
    expect(phone).toBe('+260977000001');
    expect(messages.map((m) => [m.id, m.direction, m.text, m.status])).toEqual([
      ['1', 'in', 'ECHO hi', 'handled'],
      ['2', 'out', 'hi', 'delivered'],
    ]);
  });

  it("returns a phone's thread oldest first, only its own, on its own gateway, after an id", async () => {
    const send = (backend: string, phone: string, text: string) =>
      client.postJson(`/backends/${backend}/messages`, { phone, text }, bearer);
    await send('tester', '+260977000001', 'echo one'); // 1, 2
    await send('tester', '+260977000002', 'echo two'); // 3, 4
    await send('training', '+260977000001', 'echo three'); // 5, 6: another gateway, another connection
    await send('tester', '+260977000001', 'ping'); // 7, 8
    const thread = async (query: string) =>
      (
        (await (await client.get(`/backends/tester/messages?${query}`)).json()) as {
          messages: Array<{ id: string; text: string }>;
        }
      ).messages.map((m) => `${m.id} ${m.text}`);
    expect(await thread('phone=0977000001')).toEqual(['1 echo one', '2 one', '7 ping', '8 pong']);
    expect(await thread('phone=0977000001&after=2')).toEqual(['7 ping', '8 pong']);
    expect(await thread('phone=0977000001&limit=2')).toEqual(['7 ping', '8 pong']);
    expect(await thread('phone=0977000009')).toEqual([]);
  });

  it('needs a session with its CSRF token, or an API token; refuses anything else and stores nothing', async () => {
    const body = { phone: '+260977000001', text: 'echo hi' };
    const post = (headers: Record<string, string>) =>
      fetch(`${harness.url}/backends/tester/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="mwana"');
    expect((await post({ authorization: 'Bearer not-the-token-0123456789' })).status).toBe(401);
    expect((await client.postJson('/backends/tester/messages', body)).status).toBe(403);
    expect((await client.postJson('/backends/tester/messages', body, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await fetch(`${harness.url}/backends/tester/messages?phone=0977000001`)).status).toBe(401);
    expect(await count(harness)).toBe(0);
    expect((await post(bearer)).status).toBe(201);
    expect((await fetch(`${harness.url}/backends/tester/messages?phone=0977000001`, { headers: bearer })).status).toBe(
      200,
    );
  });

  it('is only for tester gateways, and checks its input', async () => {
    const post = (backend: string, body: unknown) => client.postJson(`/backends/${backend}/messages`, body, bearer);
    expect((await post('sms', { phone: '+260977000001', text: 'echo hi' })).status).toBe(404);
    expect((await post('nope', { phone: '+260977000001', text: 'echo hi' })).status).toBe(404);
    const bad = await post('tester', { phone: '', text: 'echo hi' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid', message: expect.stringContaining('phone') });
    expect((await post('tester', { phone: '+260977000001' })).status).toBe(400);
    expect((await post('tester', { phone: '+260977000001', text: 'x'.repeat(1601) })).status).toBe(400);
    expect((await client.get('/backends/tester/messages?phone=1&after=abc', bearer)).status).toBe(400);
    expect(await count(harness)).toBe(0);
  });

  it('serves the tester page, which also works as a plain form without its script', async () => {
    const page = await (await client.get('/console/tester?phone=0977000005')).text();
    expect(page).toContain('<h2 id="tester-title">+260977000005</h2>');
    expect(page).toMatch(/<script src="\/console\/assets\/tester-[0-9a-f]{10}\.js"><\/script>/);
    const csrf = /data-csrf="([^"]+)"/.exec(page)?.[1] ?? '';
    const sent = await client.post('/console/tester', {
      _csrf: csrf,
      gateway: 'tester',
      phone: '0977000005',
      text: 'echo plain',
    });
    // Two tester gateways are configured, so the page keeps the one in use.
    expect([sent.status, sent.headers.get('location')]).toEqual([
      303,
      '/console/tester?phone=%2B260977000005&gateway=tester',
    ]);
    const after = await (await client.get('/console/tester?phone=%2B260977000005')).text();
    expect(after).toMatch(
      /<li class="in" data-id="1"><span class="bubble">echo plain<\/span>[\s\S]*<li class="out" data-id="2"><span class="bubble">plain<\/span>/,
    );
    expect(after).toContain('data-phone="+260977000005" class="here"');
    expect(after).toContain('<a href="/console/tester?gateway=training">training</a>'); // two tester gateways: a choice
    // A link from before the parameter was renamed still picks its gateway.
    expect(await (await client.get('/console/tester?backend=training')).text()).toContain('data-gateway="training"');
  });
});

describe('message tester JSON endpoint, MWANA_ROLE=api: replies come later, the client polls', () => {
  let harness: ConversationHarness;
  let worker: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create(options('api'));
    // In production a MWANA_ROLE=worker process on the same database.
    worker = await ConversationHarness.create({ ...options('worker'), http: false, database: harness.database });
  });
  afterAll(async () => {
    await worker.close();
    await harness.close();
  });

  it('answers with the stored message and no replies yet; the thread has them once a worker routed it', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const response = await fetch(`${harness.url}/backends/tester/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ phone: '+260977000001', text: 'ECHO later' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ message: { id: '1', status: 'received' }, replies: [] });
    await worker.work();
    const thread = (await (
      await fetch(`${harness.url}/backends/tester/messages?phone=%2B260977000001&after=0`, { headers })
    ).json()) as {
      messages: Array<{ text: string; status: string }>;
    };
    expect(thread.messages.map((m) => [m.text, m.status])).toEqual([
      ['ECHO later', 'handled'],
      ['later', 'delivered'],
    ]);
  });
});
