import { ConversationHarness } from '../testing/harness';
import { EchoModule } from '../testing/echo.app';
import { FakeGateway, messages } from '../testing/fake-gateway';
import { decodeKannelText, queryBytes } from '../gateways/kannel/kannel-text';
import { OutboxSender } from './outbox.sender';
import { OUTBOUND_QUEUE, QUEUE_SCHEMA } from './outbound-queue';

const SECRET = 'order-secret-0001';

describe('a reply in several parts leaves in order, also after retries (real HTTP, PostgreSQL)', () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;

  beforeAll(async () => {
    fake = await FakeGateway.start();
    harness = await ConversationHarness.create({
      http: true,
      imports: [EchoModule],
      config: {
        backends: {
          gateways: {
            zain: {
              type: 'kannel',
              sendsmsUrl: `${fake.url}/cgi-bin/sendsms`,
              username: 'u',
              password: 'p',
              secret: SECRET,
            },
          },
          rateLimit: 1000,
          sendConcurrency: 8,
        },
      },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  const sentTexts = () =>
    fake.requests.map((r) => {
      const fields = queryBytes(r.url.slice(r.url.indexOf('?') + 1));
      return decodeKannelText(fields.get('text')!, fields.get('coding')?.toString(), fields.get('charset')?.toString());
    });
  const due = (where = 'true') =>
    harness.dataSource.query(
      `UPDATE ${QUEUE_SCHEMA}.job SET start_after = now() WHERE name = '${OUTBOUND_QUEUE}' AND state IN ('created', 'retry') AND ${where}`,
    );
  const sendDue = () => harness.get(OutboxSender).sendDue();

  it('holds the later parts while the first waits for its retry, spending none of their attempts', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    let calls = 0;
    fake.answer = () => (calls++ === 0 ? { status: 500, body: 'down' } : { status: 202, body: '0: Accepted' });
    const response = await fetch(
      `${harness.url}/backends/zain/incoming?secret=${SECRET}&id=0977000001&text=ECHO+${words}`,
    );
    expect(response.status).toBe(200);
    const parts = (await messages(harness)).filter((m) => m.direction === 'out');
    expect(parts.length).toBeGreaterThanOrEqual(3);

    await sendDue();
    expect(sentTexts()).toEqual([parts[0].text]);
    const afterFirst = (await messages(harness)).filter((m) => m.direction === 'out').map((m) => m.status);
    expect(afterFirst.every((status) => status === 'retrying')).toBe(true);

    // Only the last part falls due: it still waits for the first.
    await due(`data->>'messageId' = '${parts[parts.length - 1].id}'`);
    await sendDue();
    expect(sentTexts()).toEqual([parts[0].text]);

    await due();
    await sendDue();
    expect(sentTexts()).toEqual([parts[0].text, ...parts.map((p) => p.text)]);
    const rows: Array<{ status: string; attempts: number }> = await harness.dataSource.query(
      `SELECT status, attempts FROM message WHERE direction = 'out' ORDER BY id`,
    );
    expect(rows).toEqual(parts.map((_, i) => ({ status: 'sent', attempts: i === 0 ? 2 : 1 })));
  });
});
