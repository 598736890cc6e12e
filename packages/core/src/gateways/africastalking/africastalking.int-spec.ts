import type { FakeAnswer } from '../../testing/fake-gateway';
import { FakeGateway, gatewayHarness, messages } from '../../testing/fake-gateway';
import { describeGatewayContract } from '../../testing/gateway-contract';
import type { ConversationHarness } from '../../testing/harness';
import { OutboxSender } from '../../outbox/outbox.sender';

const SECRET = 'at-callback-secret-0123';
const API_KEY = 'atsk_0123456789abcdef';

/** What Africa's Talking answers a send: 201, and each recipient's statusCode, status and messageId. */
function answer(
  recipients: Array<Record<string, unknown>>,
  message = 'Sent to 1/1 Total Cost: ZMW 0.2000',
): FakeAnswer {
  return {
    status: 201,
    body: JSON.stringify({ SMSMessageData: { Message: message, Recipients: recipients } }),
    headers: { 'content-type': 'application/json' },
  };
}
const recipient = (statusCode: number, status: string, messageId = 'None') => ({
  statusCode,
  number: '+260977000001',
  status,
  cost: statusCode <= 102 ? 'ZMW 0.2000' : '0',
  messageId,
});

/** POSTs a form to Mwana as Africa's Talking does, the secret in the URL the dashboard was given. */
function callback(harness: ConversationHarness, path: string, form: Record<string, string>, secret?: string) {
  return fetch(`${harness.url}${path}${secret === undefined ? '' : `?secret=${secret}`}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}
const incoming = (from: string, text: string, id: string) => ({
  from,
  to: '40404',
  text,
  date: '2026-05-06 10:30:45',
  id,
  linkId: 'SmsLinkId_0001',
  networkCode: '64501',
});

describeGatewayContract({
  type: 'africastalking',
  options: (url, extra = {}) => ({
    type: 'africastalking',
    username: 'mwana-zm',
    apiKey: API_KEY,
    from: '40404',
    apiBaseUrl: url,
    secret: SECRET,
    ...extra,
  }),
  inbound: (harness, { from, text, id }, auth) =>
    callback(
      harness,
      '/backends/gw/incoming',
      incoming(from, text, id),
      auth === 'none' ? undefined : auth === 'wrong' ? 'not-the-callback-secret' : SECRET,
    ),
  accepted: async (response) => {
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  },
  refused: { none: 403, wrong: 403 },
  takes: (messageId) => answer([recipient(101, 'Success', messageId)]),
  keeps: (messageId) => messageId,
  sent: (request) => {
    const form = new URLSearchParams(request.body.toString());
    return { to: form.get('to') ?? '', text: form.get('message') ?? '' };
  },
  failures: [
    {
      answer: { status: 401, body: 'The supplied authentication is invalid' },
      retryable: false,
      says: 'answered 401',
    },
    { answer: { status: 500, body: 'Internal Server Error' }, retryable: true, says: 'answered 500' },
    { answer: answer([recipient(401, 'RiskHold')], 'Sent to 0/1'), retryable: false, says: '401 RiskHold' },
    { answer: answer([recipient(402, 'InvalidSenderId')]), retryable: false, says: '402 InvalidSenderId' },
    { answer: answer([recipient(403, 'InvalidPhoneNumber')]), retryable: false, says: '403 InvalidPhoneNumber' },
    { answer: answer([recipient(404, 'UnsupportedNumberType')]), retryable: false, says: '404 UnsupportedNumberType' },
    { answer: answer([recipient(405, 'InsufficientBalance')]), retryable: true, says: '405 InsufficientBalance' },
    { answer: answer([recipient(406, 'UserInBlacklist')]), retryable: false, says: '406 UserInBlacklist' },
    { answer: answer([recipient(407, 'CouldNotRoute')]), retryable: false, says: '407 CouldNotRoute' },
    { answer: answer([recipient(409, 'DoNotDisturbRejection')]), retryable: false, says: '409 DoNotDisturbRejection' },
    { answer: answer([recipient(500, 'InternalServerError')]), retryable: true, says: '500 InternalServerError' },
    { answer: answer([recipient(501, 'GatewayError')]), retryable: true, says: '501 GatewayError' },
    { answer: answer([recipient(502, 'RejectedByGateway')]), retryable: false, says: '502 RejectedByGateway' },
    { answer: answer([], 'InvalidSenderId'), retryable: false, says: 'sent it to nobody: InvalidSenderId' },
  ],
  secrets: [API_KEY],
  reports: {
    send: (harness, message, status, auth) =>
      callback(
        harness,
        '/backends/gw/dlr',
        {
          id: message.providerId ?? '',
          status: { delivered: 'Success', failed: 'Failed', sent: 'Sent' }[status],
          phoneNumber: '+260977000001',
          networkCode: '64501',
          retryCount: '0',
          ...(status === 'failed' ? { failureReason: 'DeliveryFailure' } : {}),
        },
        auth === 'none' ? undefined : SECRET,
      ),
    unknown: (harness) => callback(harness, '/backends/gw/dlr', { id: 'ATXid_unknown', status: 'Success' }, SECRET),
    ok: 200,
    failedWith: "Africa's Talking: Failed (DeliveryFailure)",
  },
});

describe("Africa's Talking gateway (real HTTP, PostgreSQL, a fake Africa's Talking API)", () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;
  const at = (extra: Record<string, unknown>) => ({
    type: 'africastalking',
    username: 'mwana-zm',
    apiKey: API_KEY,
    apiBaseUrl: fake.url,
    ...extra,
  });

  beforeAll(async () => {
    fake = await FakeGateway.start();
    harness = await gatewayHarness({
      at: at({ from: '40404', secret: SECRET }),
      local: at({ allowFrom: ['127.0.0.1'] }),
      lan: at({ allowFrom: ['10.0.0.0/8'] }),
    });
  });
  afterAll(async () => {
    await harness.close();
    await fake.close();
  });
  beforeEach(async () => {
    await harness.reset();
    fake.requests.length = 0;
    fake.answer = () => answer([recipient(101, 'Success', 'ATXid_1')]);
  });
  const sendDue = () => harness.get(OutboxSender).sendDue();

  it('sends the documented form with the apiKey header, asking for JSON, from the sender id when set', async () => {
    await callback(harness, '/backends/at/incoming', incoming('+260977000001', 'ECHO hello', 'in-1'), SECRET);
    await callback(harness, '/backends/local/incoming', incoming('+260977000002', 'ping', 'in-2'));
    expect(await sendDue()).toBe(2);
    const byTo = new Map(fake.requests.map((r) => [new URLSearchParams(r.body.toString()).get('to'), r]));
    const first = byTo.get('+260977000001')!;
    expect(first).toMatchObject({ method: 'POST', url: '/version1/messaging' });
    expect(first.headers).toMatchObject({
      apikey: API_KEY,
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(Object.fromEntries(new URLSearchParams(first.body.toString()))).toEqual({
      username: 'mwana-zm',
      to: '+260977000001',
      message: 'hello',
      from: '40404',
    });
    expect(new URLSearchParams(byTo.get('+260977000002')!.body.toString()).has('from')).toBe(false);
  });

  it('takes statusCode 100 (Processed) and 102 (Queued) as sent, as 101 (Sent)', async () => {
    for (const [code, status] of [
      [100, 'Processed'],
      [102, 'Queued'],
    ] as const) {
      fake.answer = () => answer([recipient(code, status, `ATXid_${code}`)]);
      await callback(
        harness,
        '/backends/at/incoming',
        incoming('+260977000001', `ECHO ${status}`, `q-${code}`),
        SECRET,
      );
      await sendDue();
    }
    const out = (await messages(harness)).filter((m) => m.direction === 'out');
    expect(out.map((m) => [m.status, m.providerId])).toEqual([
      ['sent', 'ATXid_100'],
      ['sent', 'ATXid_102'],
    ]);
  });

  it('lets an allowed address in without the secret, and refuses others with 403, storing nothing', async () => {
    expect((await callback(harness, '/backends/local/incoming', incoming('0977000002', 'ping', 'l1'))).status).toBe(
      200,
    );
    expect((await callback(harness, '/backends/lan/incoming', incoming('0977000003', 'ping', 'l2'))).status).toBe(403);
    expect((await callback(harness, '/backends/at/incoming', incoming('0977000003', 'ping', 'l3'))).status).toBe(403);
    expect((await messages(harness)).map((m) => `${m.identity} ${m.direction} ${m.text}`)).toEqual([
      '+260977000002 in ping',
      '+260977000002 out pong',
    ]);
  });

  it('answers 400 to an SMS without a sender and to a report without its id or status, storing nothing', async () => {
    const { from: _from, ...noSender } = incoming('0977000001', 'ping', 'x1');
    expect((await callback(harness, '/backends/at/incoming', noSender, SECRET)).status).toBe(400);
    expect((await callback(harness, '/backends/at/dlr', { status: 'Success' }, SECRET)).status).toBe(400);
    expect((await callback(harness, '/backends/at/dlr', { id: 'ATXid_1' }, SECRET)).status).toBe(400);
    expect(await messages(harness)).toEqual([]);
  });

  describe('delivery reports', () => {
    async function sent(): Promise<{ id: string; report: (form: Record<string, string>) => Promise<Response> }> {
      await callback(
        harness,
        '/backends/at/incoming',
        incoming('+260977000001', 'ECHO report', `r-${Date.now()}`),
        SECRET,
      );
      await sendDue();
      const [, reply] = await messages(harness);
      const report = (form: Record<string, string>) =>
        callback(harness, '/backends/at/dlr', { id: 'ATXid_1', phoneNumber: '+260977000001', ...form }, SECRET);
      return { id: reply.id, report };
    }
    const row = async (id: string) => (await messages(harness)).find((m) => m.id === id);

    it('keep a message sent while the network holds it (Submitted, Buffered), and change nothing for a status they do not know', async () => {
      const { id, report } = await sent();
      for (const status of ['Submitted', 'Buffered', 'Expired']) expect((await report({ status })).status).toBe(200);
      expect(await row(id)).toMatchObject({ status: 'sent', error: null });
    });

    it('fail a Rejected message with its reason, and one without a reason still says what happened', async () => {
      const first = await sent();
      await first.report({ status: 'Rejected', failureReason: 'UserInBlackList', retryCount: '0' });
      expect(await row(first.id)).toMatchObject({
        status: 'failed',
        error: "Africa's Talking: Rejected (UserInBlackList)",
      });
      await harness.reset();
      fake.requests.length = 0;
      const second = await sent();
      await second.report({ status: 'Failed', networkCode: '64502', retryCount: '3' });
      expect(await row(second.id)).toMatchObject({ status: 'failed', error: "Africa's Talking: Failed" });
    });
  });
});
