import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { ConversationHarness } from '../../testing/harness';
import { GatewaySendError, type OutboundSms } from '../gateway';
import { OutboxSender } from '../../outbox/outbox.sender';
import { FakeGateway, gatewayHarness, messages } from '../../testing/fake-gateway';
import { describeGatewayContract } from '../../testing/gateway-contract';
import { HttpSender } from './http.sender';
import { httpOptions } from './http.options';

const SECRET = 'agg-secret-123';

describeGatewayContract({
  type: 'http',
  options: (url, extra = {}) => ({
    type: 'http',
    secret: SECRET,
    url: `${url}/send`,
    responseIdField: 'message.id',
    headers: { authorization: 'Bearer k1-api-key' },
    ...extra,
  }),
  inbound: (harness, { from, text, id }, auth) =>
    fetch(`${harness.url}/backends/gw/incoming`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(auth === 'none' ? {} : { 'x-mwana-secret': auth === 'wrong' ? 'wrong-secret' : SECRET }),
      },
      body: new URLSearchParams({ from, text, id }).toString(),
    }),
  accepted: async (response, inboundId) => {
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: inboundId, duplicate: false });
  },
  refused: { none: 401, wrong: 403 },
  takes: (id) => ({
    status: 202,
    body: JSON.stringify({ message: { id } }),
    headers: { 'content-type': 'application/json' },
  }),
  keeps: (id) => id,
  sent: (request) => {
    const { to, text } = JSON.parse(request.body.toString()) as { to: string; text: string };
    return { to, text };
  },
  failures: [503, 500, 429, 400, 401, 404].map((status) => ({
    answer: { status, body: 'nope' },
    retryable: status >= 500 || status === 429,
    says: `answered ${status}`,
  })),
  secrets: ['k1-api-key'],
});

describe('generic HTTP gateway (real HTTP, PostgreSQL)', () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;

  beforeAll(async () => {
    fake = await FakeGateway.start();
    harness = await gatewayHarness({
      agg: {
        type: 'http',
        secret: SECRET,
        url: `${fake.url}/send`,
        responseIdField: 'message.id',
        headers: { authorization: 'Bearer k1' },
      },
      custom: {
        type: 'http',
        secret: SECRET,
        secretField: 'token',
        fields: { from: 'msisdn', text: 'message', id: 'uuid' },
        url: `${fake.url}/custom`,
        outboundFields: { id: 'ref', to: 'msisdn', text: 'message' },
      },
      zain: { type: 'kannel', username: 'u', password: 'p', secret: 'kannel-secret-1' },
    });
  });
  afterAll(async () => {
    await harness.close();
    await fake.close();
  });
  beforeEach(async () => {
    await harness.reset();
    fake.requests.length = 0;
    fake.answer = () => ({ status: 200 });
  });

  const post = (name: string, body: string | Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${harness.url}/backends/${name}/incoming`, {
      method: 'POST',
      headers: {
        'content-type': typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('takes JSON with its own field names and the secret in a field', async () => {
    const response = await post('custom', { msisdn: '+260966000002', message: 'ping', uuid: 42, token: SECRET });
    expect(response.status).toBe(200);
    expect(await messages(harness)).toMatchObject([
      { direction: 'in', identity: '+260966000002', text: 'ping', providerId: '42' },
      { direction: 'out', text: 'pong', gateway: 'custom' },
    ]);
  });

  it('answers 400 without a sender and 404 for a name not configured or of another type', async () => {
    expect((await post('agg', 'text=ping', { 'x-mwana-secret': SECRET })).status).toBe(400);
    expect((await post('nobody', 'from=0977000001&text=ping', { 'x-mwana-secret': SECRET })).status).toBe(404);
    expect((await post('zain', 'from=0977000001&text=ping', { 'x-mwana-secret': SECRET })).status).toBe(404);
    expect((await fetch(`${harness.url}/backends/agg/incoming`)).status).toBe(404);
    expect(await messages(harness)).toEqual([]);
  });

  it('stores a repeated gateway id once and replies once', async () => {
    const first = await post('agg', 'from=0977000001&text=ECHO+once&id=gw-9', { 'x-mwana-secret': SECRET });
    const again = await post('agg', 'from=0977000001&text=ECHO+once&id=gw-9', { 'x-mwana-secret': SECRET });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: null, duplicate: true });
    expect((await messages(harness)).map((m) => `${m.direction} ${m.text}`)).toEqual(['in ECHO once', 'out once']);
  });

  it('sends the reply as a JSON POST and keeps the id the gateway answers', async () => {
    fake.answer = () => ({
      status: 202,
      body: JSON.stringify({ message: { id: 'gw-out-7' } }),
      headers: { 'content-type': 'application/json' },
    });
    await post('agg', 'from=0977000001&text=ECHO+Muli+shani', { 'x-mwana-secret': SECRET });
    expect(await harness.get(OutboxSender).sendDue()).toBe(1);
    const [, reply] = await messages(harness);
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: 'POST', url: '/send' });
    expect(sent.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer k1' });
    expect(JSON.parse(sent.body.toString())).toEqual({ id: reply.id, to: '+260977000001', text: 'Muli shani' });
    expect(reply).toMatchObject({ status: 'sent', providerId: 'gw-out-7' });
  });

  it('uses the configured outbound field names', async () => {
    await post('custom', { msisdn: '0977000001', message: 'ECHO hi', token: SECRET });
    await harness.get(OutboxSender).sendDue();
    const [, reply] = await messages(harness);
    expect(JSON.parse(fake.requests[0].body.toString())).toEqual({
      ref: reply.id,
      msisdn: '+260977000001',
      message: 'hi',
    });
    expect(reply).toMatchObject({ status: 'sent', providerId: null });
  });

  describe('send errors', () => {
    const sms: OutboundSms = { id: '1', to: '+260977000001', text: 'hi', encoding: 'GSM-7' };
    const send = (url: string, timeoutMs = 10_000) =>
      harness.get(HttpSender).send(sms, httpOptions.parse({ secret: SECRET, url, timeoutMs }), 'agg');

    it('sends again on a new connection when the gateway drops a kept-alive one it was given', async () => {
      // Each connection's first call is answered; a second call on it is dropped unanswered.
      let calls = 0;
      const answered: number[] = [];
      const gateway = createServer((request, response) => {
        calls++;
        const socket = request.socket as typeof request.socket & { served?: boolean };
        if (socket.served) return socket.destroy();
        socket.served = true;
        answered.push(calls);
        response.writeHead(200, { connection: 'keep-alive' }).end('{}');
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
      try {
        await send(url);
        await send(url);
        expect(calls).toBe(3);
        expect(answered).toEqual([1, 3]);
      } finally {
        gateway.closeAllConnections();
        await new Promise((resolve) => gateway.close(resolve));
      }
    });

    it('fails at once without a url to send to', async () => {
      const error: unknown = await harness
        .get(HttpSender)
        .send(sms, httpOptions.parse({ secret: SECRET }), 'agg')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewaySendError);
      expect(error).toMatchObject({ retryable: false });
    });
  });
});
