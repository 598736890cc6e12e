import { getExpectedTwilioSignature } from 'twilio';
import type { ConversationHarness } from '../../testing/harness';
import type { OutboundSms } from '../gateway';
import { FakeGateway, gatewayHarness, messages } from '../../testing/fake-gateway';
import { OutboxSender } from '../../outbox/outbox.sender';
import { TwilioSender } from './twilio.sender';
import { twilioOptions } from './twilio.options';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const SERVICE = `MG${'fedcba9876543210'.repeat(2)}`;
const TOKEN = 'twilio-auth-token';
const PUBLIC = 'https://mwana.example.org/sms';

describe('Twilio gateway (real HTTP, PostgreSQL, a fake Twilio API)', () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;
  let sids = 0;

  beforeAll(async () => {
    fake = await FakeGateway.start();
    const common = { type: 'twilio', accountSid: SID, authToken: TOKEN, apiBaseUrl: fake.url };
    harness = await gatewayHarness({
      twilio: { ...common, from: '+15005550006' },
      proxied: { ...common, messagingServiceSid: SERVICE, publicUrl: PUBLIC },
    });
  });
  afterAll(async () => {
    await harness.close();
    await fake.close();
  });
  beforeEach(async () => {
    await harness.reset();
    fake.requests.length = 0;
    fake.answer = () => ({
      status: 201,
      body: JSON.stringify({ sid: `SM${++sids}`, status: 'queued' }),
      headers: { 'content-type': 'application/json' },
    });
  });

  /** POSTs a form as Twilio does, signed for `signedUrl` (the URL Twilio believes it calls). */
  const twilioPost = (
    path: string,
    params: Record<string, string>,
    options: { signedUrl?: string; token?: string; headers?: Record<string, string>; signature?: string } = {},
  ) => {
    const signature =
      options.signature ??
      getExpectedTwilioSignature(options.token ?? TOKEN, options.signedUrl ?? `${harness.url}${path}`, params);
    return fetch(`${harness.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
        ...options.headers,
      },
      body: new URLSearchParams(params).toString(),
    });
  };
  const inbound = (sid: string, body: string) => ({
    MessageSid: sid,
    SmsSid: sid,
    AccountSid: SID,
    From: '+260977000001',
    To: '+15005550006',
    Body: body,
  });

  it('stores a signed webhook and answers an empty TwiML response', async () => {
    const response = await twilioPost('/backends/twilio/incoming', inbound('SMin1', 'ECHO Muli bwanji'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await messages(harness)).toMatchObject([
      {
        direction: 'in',
        identity: '+260977000001',
        connection: 'twilio',
        text: 'ECHO Muli bwanji',
        providerId: 'SMin1',
        status: 'handled',
      },
      { direction: 'out', text: 'Muli bwanji', status: 'queued', gateway: 'twilio' },
    ]);
  });

  it('refuses a missing, wrong or foreign signature and a tampered body with 403, storing nothing', async () => {
    const path = '/backends/twilio/incoming';
    const signedForOther = getExpectedTwilioSignature(TOKEN, `${harness.url}${path}`, inbound('SMx', 'ECHO original'));
    expect((await twilioPost(path, inbound('SMx', 'ECHO x'), { signature: '' })).status).toBe(403);
    expect((await twilioPost(path, inbound('SMx', 'ECHO x'), { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    expect((await twilioPost(path, inbound('SMx', 'ECHO x'), { token: 'another-account-token' })).status).toBe(403);
    expect((await twilioPost(path, inbound('SMx', 'ECHO tampered'), { signature: signedForOther })).status).toBe(403);
    expect(await messages(harness)).toEqual([]);
  });

  it('checks the signature against the public URL behind a proxy', async () => {
    const path = '/backends/proxied/incoming';
    expect((await twilioPost(path, inbound('SMp1', 'ping'))).status).toBe(403);
    expect((await twilioPost(path, inbound('SMp2', 'ping'), { signedUrl: `${PUBLIC}${path}` })).status).toBe(200);
    // Without a configured public URL, the proxy's X-Forwarded-Proto and -Host say what Twilio called.
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sms.example.net' };
    const signedUrl = 'https://sms.example.net/backends/twilio/incoming';
    expect(
      (await twilioPost('/backends/twilio/incoming', inbound('SMp3', 'ping'), { signedUrl, headers: forwarded }))
        .status,
    ).toBe(200);
    expect((await messages(harness)).filter((m) => m.direction === 'in').map((m) => m.providerId)).toEqual([
      'SMp2',
      'SMp3',
    ]);
  });

  it('stores a repeated MessageSid once and replies once', async () => {
    await twilioPost('/backends/twilio/incoming', inbound('SMdup', 'ECHO once'));
    const again = await twilioPost('/backends/twilio/incoming', inbound('SMdup', 'ECHO once'));
    expect(again.status).toBe(200);
    expect((await messages(harness)).map((m) => `${m.direction} ${m.text}`)).toEqual(['in ECHO once', 'out once']);
  });

  it('sends through the REST API with a status callback and keeps the message sid', async () => {
    await twilioPost('/backends/twilio/incoming', inbound('SMo1', 'ECHO ሰላም 😀'));
    await twilioPost('/backends/proxied/incoming', inbound('SMo2', 'ping'), {
      signedUrl: `${PUBLIC}/backends/proxied/incoming`,
    });
    expect(await harness.get(OutboxSender).sendDue()).toBe(2);
    // Sent at once: in either order.
    const [direct, viaService] = [...fake.requests].sort(
      (a, b) => Number(a.body.includes('MessagingServiceSid')) - Number(b.body.includes('MessagingServiceSid')),
    );
    expect(direct).toMatchObject({ method: 'POST', url: `/2010-04-01/Accounts/${SID}/Messages.json` });
    expect(direct.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(direct.body.toString()))).toEqual({
      To: '+260977000001',
      From: '+15005550006',
      Body: 'ሰላም 😀',
      StatusCallback: `${harness.url}/backends/twilio/status`,
    });
    expect(Object.fromEntries(new URLSearchParams(viaService.body.toString()))).toEqual({
      To: '+260977000001',
      MessagingServiceSid: SERVICE,
      Body: 'pong',
      StatusCallback: `${PUBLIC}/backends/proxied/status`,
    });
    const out = (await messages(harness)).filter((m) => m.direction === 'out');
    expect(out.map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(out.map((m) => m.providerId).sort()).toEqual([`SM${sids - 1}`, `SM${sids}`]);
  });

  describe('status callbacks', () => {
    async function sent(): Promise<{ id: string; sid: string }> {
      await twilioPost('/backends/twilio/incoming', inbound(`SMs${Date.now()}`, 'ECHO status'));
      await harness.get(OutboxSender).sendDue();
      const reply = (await messages(harness)).find((m) => m.direction === 'out');
      return { id: reply?.id ?? '', sid: reply?.providerId ?? '' };
    }
    const callback = (sid: string, status: string, extra: Record<string, string> = {}) =>
      twilioPost('/backends/twilio/status', {
        MessageSid: sid,
        SmsSid: sid,
        MessageStatus: status,
        AccountSid: SID,
        ...extra,
      });
    const row = async (id: string) => (await messages(harness)).find((m) => m.id === id);

    it('move the message to delivered in any order', async () => {
      const { id, sid } = await sent();
      expect((await callback(sid, 'queued')).status).toBe(204);
      expect((await callback(sid, 'delivered')).status).toBe(204);
      expect((await callback(sid, 'sent')).status).toBe(204);
      expect((await callback(sid, 'undelivered', { ErrorCode: '30003' })).status).toBe(204);
      expect(await row(id)).toMatchObject({ status: 'delivered' });
    });

    it('fail the message with the Twilio error code', async () => {
      const { id, sid } = await sent();
      await callback(sid, 'undelivered', { ErrorCode: '30003' });
      expect(await row(id)).toMatchObject({ status: 'failed', error: 'Twilio: undelivered (error 30003)' });
    });

    it('are refused unsigned, and acknowledged for an unknown sid', async () => {
      const { id, sid } = await sent();
      expect(
        (await twilioPost('/backends/twilio/status', { MessageSid: sid, MessageStatus: 'failed' }, { signature: 'x' }))
          .status,
      ).toBe(403);
      expect(await row(id)).toMatchObject({ status: 'sent' });
      expect((await callback('SMunknown', 'delivered')).status).toBe(204);
    });
  });

  describe('send errors', () => {
    const one: OutboundSms = { id: '1', to: '+260977000001', text: 'hi', encoding: 'GSM-7' };
    const send = (timeoutMs = 10_000) =>
      harness.get(TwilioSender).send(
        one,
        twilioOptions.parse({
          accountSid: SID,
          authToken: TOKEN,
          from: '+15005550006',
          apiBaseUrl: fake.url,
          timeoutMs,
        }),
        'twilio',
      );

    it.each([
      [
        400,
        false,
        'error 21211',
        { code: 21211, message: "The 'To' number +260977000001 is not a valid phone number.", status: 400 },
      ],
      [401, false, 'error 20003', { code: 20003, message: 'Authenticate', status: 401 }],
      [429, true, 'error 20429', { code: 20429, message: 'Too Many Requests', status: 429 }],
      [500, true, 'answered 500', { message: 'Internal error' }],
    ])('an answer %i is retryable: %s (%s)', async (status, retryable, reason, body) => {
      fake.answer = () => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      await expect(send()).rejects.toMatchObject({
        name: 'GatewaySendError',
        retryable,
        message: expect.stringContaining(reason),
      });
    });

    it('retries an API that does not answer in time', async () => {
      fake.answer = () => ({ status: 201, body: '{}', delayMs: 1_000 });
      await expect(send(200)).rejects.toMatchObject({ retryable: true });
    });
  });
});
