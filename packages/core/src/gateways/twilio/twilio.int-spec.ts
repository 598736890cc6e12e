import { getExpectedTwilioSignature } from 'twilio';
import type { ConversationHarness } from '../../testing/harness';
import { FakeGateway, gatewayHarness, messages } from '../../testing/fake-gateway';
import { describeGatewayContract } from '../../testing/gateway-contract';
import type { ConversationHarness as Harness } from '../../testing/harness';
import { OutboxSender } from '../../outbox/outbox.sender';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const SERVICE = `MG${'fedcba9876543210'.repeat(2)}`;
const TOKEN = 'twilio-auth-token';
const PUBLIC = 'https://mwana.example.org/sms';

/** POSTs a form to Mwana as Twilio does: signed with the auth token, with another account's, or not at all. */
function signedPost(harness: Harness, path: string, params: Record<string, string>, auth?: 'none' | 'wrong') {
  const signature = getExpectedTwilioSignature(
    auth === 'wrong' ? 'another-token' : TOKEN,
    `${harness.url}${path}`,
    params,
  );
  return fetch(`${harness.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth === 'none' ? {} : { 'x-twilio-signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
}

describeGatewayContract({
  type: 'twilio',
  options: (url, extra = {}) => ({
    type: 'twilio',
    accountSid: SID,
    authToken: TOKEN,
    from: '+15005550006',
    apiBaseUrl: url,
    ...extra,
  }),
  inbound: (harness, { from, text, id }, auth) =>
    signedPost(
      harness,
      '/backends/gw/incoming',
      { MessageSid: id, SmsSid: id, AccountSid: SID, From: from, To: '+15005550006', Body: text },
      auth,
    ),
  accepted: async (response) => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  },
  refused: { none: 403, wrong: 403 },
  takes: (sid) => ({
    status: 201,
    body: JSON.stringify({ sid, status: 'queued' }),
    headers: { 'content-type': 'application/json' },
  }),
  keeps: (sid) => sid,
  sent: (request) => {
    const form = new URLSearchParams(request.body.toString());
    return { to: form.get('To') ?? '', text: form.get('Body') ?? '' };
  },
  failures: [
    {
      answer: json(400, { code: 21211, message: "The 'To' number +260977000001 is not a valid phone number." }),
      retryable: false,
      says: 'error 21211',
    },
    { answer: json(401, { code: 20003, message: 'Authenticate', status: 401 }), retryable: false, says: 'error 20003' },
    { answer: json(429, { code: 20429, message: 'Too Many Requests' }), retryable: true, says: 'error 20429' },
    { answer: json(500, { message: 'Internal error' }), retryable: true, says: 'answered 500' },
  ],
  secrets: [TOKEN],
  reports: {
    send: (harness, message, status, auth) =>
      signedPost(
        harness,
        '/backends/gw/status',
        {
          MessageSid: message.providerId ?? '',
          SmsSid: message.providerId ?? '',
          MessageStatus: { delivered: 'delivered', failed: 'undelivered', sent: 'sent' }[status],
          AccountSid: SID,
          ...(status === 'failed' ? { ErrorCode: '30003' } : {}),
        },
        auth,
      ),
    unknown: (harness) =>
      signedPost(harness, '/backends/gw/status', { MessageSid: 'SMunknown', MessageStatus: 'delivered' }),
    ok: 204,
    failedWith: 'Twilio: undelivered (error 30003)',
  },
});

function json(status: number, body: Record<string, unknown>) {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

describe('Twilio gateway (real HTTP, PostgreSQL, a fake Twilio API)', () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;
  let sids = 0;

  beforeAll(async () => {
    fake = await FakeGateway.start();
    const common = { type: 'twilio', accountSid: SID, authToken: TOKEN, apiBaseUrl: fake.url };
    harness = await gatewayHarness(
      {
        twilio: { ...common, from: '+15005550006' },
        proxied: { ...common, messagingServiceSid: SERVICE, publicUrl: PUBLIC },
      },
      // The test's requests come through a proxy on loopback (http.trustProxy).
      { trustProxy: ['127.0.0.1'] },
    );
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
    // Without a configured public URL, a trusted proxy's X-Forwarded-Proto and -Host say what Twilio called.
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

    it('change nothing for the statuses before sent (queued, accepted, sending)', async () => {
      const { id, sid } = await sent();
      for (const status of ['queued', 'accepted', 'sending']) expect((await callback(sid, status)).status).toBe(204);
      expect(await row(id)).toMatchObject({ status: 'sent' });
      expect((await callback(sid, 'delivered')).status).toBe(204);
      expect(await row(id)).toMatchObject({ status: 'delivered' });
    });
  });
});
