import type { ConversationHarness } from '../../testing/harness';
import type { OutboundSms } from '../gateway';
import { FakeGateway, gatewayHarness, messages } from '../../testing/fake-gateway';
import { describeGatewayContract } from '../../testing/gateway-contract';
import { OutboxSender } from '../../outbox/outbox.sender';
import { decodeKannelText, percentEncode, queryBytes, utf16be } from './kannel-text';
import { KannelSender } from './kannel.sender';
import { kannelOptions } from './kannel.options';

const SECRET = 'kannel-secret-1';
const ACCEPTED = { status: 202, body: '0: Accepted for delivery' };

/** What Kannel's `%b` makes of a UTF-16BE text: every byte escaped, spaces as `+`. */
const kannelBytes = (text: string) => percentEncode(utf16be(text)).replace(/%20/g, '+');

/** The fields of a sendsms request the fake received, text decoded as Kannel would. */
function sendsms(url: string): Record<string, string> {
  const fields = queryBytes(url.slice(url.indexOf('?') + 1));
  const out = Object.fromEntries([...fields].map(([key, bytes]) => [key, bytes.toString('utf8')]));
  return { ...out, text: decodeKannelText(fields.get('text') ?? Buffer.alloc(0), out.coding, out.charset) };
}

describeGatewayContract({
  type: 'kannel',
  options: (url, extra = {}) => ({
    type: 'kannel',
    sendsmsUrl: `${url}/cgi-bin/sendsms`,
    username: 'mwana',
    password: 'p@ss w&rd',
    secret: SECRET,
    ...extra,
  }),
  inbound: (harness, { from, text, id }, auth) => {
    const secret = auth === 'none' ? '' : `secret=${auth === 'wrong' ? 'kannel-secret-2' : SECRET}&`;
    const sms = `id=${encodeURIComponent(from)}&text=${encodeURIComponent(text)}&charset=UTF-8&coding=0&message_id=${id}`;
    return fetch(`${harness.url}/backends/gw/incoming?${secret}${sms}`);
  },
  accepted: async (response) => {
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  },
  refused: { none: 403, wrong: 403 },
  takes: () => ACCEPTED,
  keeps: () => null, // Kannel gives no id of its own: reports come by Mwana's
  sent: (request) => {
    const { to, text } = sendsms(request.url);
    return { to, text };
  },
  failures: [
    { answer: { status: 503, body: 'Sending sms failed' }, retryable: true, says: 'answered 503' },
    { answer: { status: 500, body: '' }, retryable: true, says: 'answered 500' },
    { answer: { status: 403, body: 'Authorization failed for sendsms' }, retryable: false, says: 'answered 403' },
    { answer: { status: 400, body: 'Missing receiver number' }, retryable: false, says: 'answered 400' },
  ],
  // Kannel takes the password in the URL: it must not end up in the message's error.
  secrets: ['p@ss'],
  reports: {
    send: (_harness, message, status, auth) => {
      const type = { delivered: 1, failed: 2, sent: 8 }[status];
      const reason = status === 'failed' ? 'NACK/0x0000000b/Invalid Destination Address' : 'ACK/';
      const url = sendsms(message.request.url)
        ['dlr-url'].replace('%d', String(type))
        .replace('%F', 'smsc-77')
        .replace('%A', encodeURIComponent(reason));
      return fetch(auth === 'none' ? url.replace(`&secret=${SECRET}`, '') : url);
    },
    unknown: (harness) => fetch(`${harness.url}/backends/gw/dlr?secret=${SECRET}&message=999999&status=1`),
    ok: 200,
    failedWith: 'NACK/0x0000000b/Invalid Destination Address',
  },
});

describe('Kannel gateway (real HTTP, PostgreSQL)', () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;
  const kannel = (extra: Record<string, unknown>) => ({
    type: 'kannel',
    sendsmsUrl: `${fake.url}/cgi-bin/sendsms`,
    username: 'mwana',
    password: 'p@ss w&rd',
    ...extra,
  });

  beforeAll(async () => {
    fake = await FakeGateway.start();
    harness = await gatewayHarness({
      zain: kannel({ smsc: 'zain-smsc', from: '5555', secret: SECRET }),
      local: kannel({ allowFrom: ['127.0.0.1'], stripPlus: true }),
      lan: kannel({ allowFrom: ['10.0.0.0/8', '::1'] }),
    });
  });
  afterAll(async () => {
    await harness.close();
    await fake.close();
  });
  beforeEach(async () => {
    await harness.reset();
    fake.requests.length = 0;
    fake.answer = () => ACCEPTED;
  });

  const incoming = (name: string, query: string) => fetch(`${harness.url}/backends/${name}/incoming?${query}`);
  const sms = (from: string, text: string, id: string, extra = '') =>
    `secret=${SECRET}&id=${encodeURIComponent(from)}&text=${text}&charset=UTF-8&coding=0&smsc=fake&message_id=${id}${extra}`;
  const sendDue = () => harness.get(OutboxSender).sendDue();

  it('decodes UTF-16BE text (coding 2) exactly, and sends the reply as UCS-2 that decodes back exactly', async () => {
    const text = 'ECHO ሉሠ ሰላም 😀 Muli shani';
    const query = `secret=${SECRET}&id=0977000001&text=${kannelBytes(text)}&charset=UTF-16BE&coding=2&message_id=u1`;
    expect((await incoming('zain', query)).status).toBe(200);
    expect((await messages(harness))[0].text).toBe(text);
    expect(await sendDue()).toBe(1);
    const sent = sendsms(fake.requests[0].url);
    expect(sent).toMatchObject({ coding: '2', charset: 'UTF-16BE', text: 'ሉሠ ሰላም 😀 Muli shani' });
    // The bytes themselves: UTF-16BE, the emoji as its surrogate pair.
    const bytes = queryBytes(fake.requests[0].url.split('?')[1]).get('text');
    expect(bytes?.subarray(0, 4)).toEqual(Buffer.from([0x12, 0x09, 0x12, 0x20]));
  });

  it('sends GSM-7 text as it is, with username, password, smsc, from and a dlr-url back to Mwana', async () => {
    await incoming('zain', sms('+260977000001', 'ECHO+%40home+%E2%82%AC5', 'g1'));
    expect(await sendDue()).toBe(1);
    const [, reply] = await messages(harness);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'GET' });
    expect(fake.requests[0].url.startsWith('/cgi-bin/sendsms?')).toBe(true);
    expect(sendsms(fake.requests[0].url)).toEqual({
      username: 'mwana',
      password: 'p@ss w&rd',
      to: '+260977000001',
      text: '@home €5',
      coding: '0',
      charset: 'UTF-8',
      smsc: 'zain-smsc',
      from: '5555',
      'dlr-mask': '31',
      'dlr-url': `${harness.url}/backends/zain/dlr?message=${reply.id}&status=%d&smsc_id=%F&reason=%A&secret=${SECRET}`,
    });
    expect(reply).toMatchObject({ status: 'sent', providerId: null });
  });

  it('lets an allowed address in without the secret, and refuses others with 403, storing nothing', async () => {
    expect((await incoming('local', 'id=0977000002&text=ping&message_id=l1')).status).toBe(200);
    expect((await incoming('lan', 'id=0977000003&text=ping&message_id=l2')).status).toBe(403);
    expect((await incoming('zain', 'id=0977000003&text=ping&message_id=l3')).status).toBe(403);
    expect((await incoming('zain', 'secret=kannel-secret-2&id=0977000003&text=ping')).status).toBe(403);
    expect((await incoming('nowhere', sms('0977000003', 'ping', 'l4'))).status).toBe(404);
    expect((await messages(harness)).map((m) => `${m.identity} ${m.direction} ${m.text}`)).toEqual([
      '+260977000002 in ping',
      '+260977000002 out pong',
    ]);
    await sendDue();
    expect(sendsms(fake.requests[0].url)).toMatchObject({ to: '260977000002', text: 'pong' });
    expect(sendsms(fake.requests[0].url)['dlr-url']).not.toContain('secret=');
  });

  describe('delivery reports', () => {
    it('ends delivered when the report comes back before Kannel has answered the send', async () => {
      fake.answer = (request) => {
        const template = sendsms(request.url)['dlr-url'];
        void fetch(template.replace('%d', '1').replace('%F', '').replace('%A', ''));
        return { ...ACCEPTED, delayMs: 300 };
      };
      await incoming('zain', sms('0977000001', 'ECHO+race', 'race-1'));
      await sendDue();
      expect((await messages(harness))[1]).toMatchObject({ status: 'delivered' });
    });

    it('answers 400 to a report that names no message', async () => {
      expect((await fetch(`${harness.url}/backends/zain/dlr?secret=${SECRET}&status=1`)).status).toBe(400);
    });
  });

  describe('send errors', () => {
    const one: OutboundSms = { id: '1', to: '+260977000001', text: 'hi', encoding: 'GSM-7' };
    const send = (extra: Record<string, unknown> = {}) => {
      const { type: _type, ...options } = kannel({ secret: SECRET, ...extra });
      return harness.get(KannelSender).send(one, kannelOptions.parse(options), 'zain');
    };

    it('takes "3: Queued for later delivery" as sent', async () => {
      fake.answer = () => ({ status: 202, body: '3: Queued for later delivery' });
      await expect(send()).resolves.toEqual({ providerId: null });
    });
  });
});
