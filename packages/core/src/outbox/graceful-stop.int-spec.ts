import { ConversationHarness } from '../testing/harness';
import { EchoModule } from '../testing/echo.app';
import { FakeGateway } from '../testing/fake-gateway';
import { OUTBOUND_QUEUE, QUEUE_SCHEMA } from './outbound-queue';
import { OutboxSender } from './outbox.sender';
import { OutboxWorker } from './outbox.worker';

const SECRET = 'stop-secret-00001';
const BACKLOG = 100;

describe('a stop finishes the sends in flight and hands the backlog back (real HTTP, PostgreSQL)', () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;

  beforeAll(async () => {
    fake = await FakeGateway.start();
    fake.answer = () => ({ status: 202, body: '0: Accepted' });
    harness = await ConversationHarness.create({
      http: true,
      imports: [EchoModule],
      config: {
        backends: {
          gateways: {
            zain: { type: 'kannel', sendsmsUrl: `${fake.url}/s`, username: 'u', password: 'p', secret: SECRET },
          },
          // 10 a second: the backlog alone would take 10 s to send.
          rateLimit: 10,
          sendConcurrency: 4,
        },
      },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it(`leaves ${BACKLOG} queued replies waiting, none failed and no try spent, once the sends in flight are done`, async () => {
    let next = 0;
    const lane = async () => {
      for (let n = next++; n < BACKLOG; n = next++)
        await fetch(
          `${harness.url}/backends/zain/incoming?secret=${SECRET}&id=0977${String(n).padStart(6, '0')}&text=ECHO+n${n}`,
        );
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    const sending = harness.get(OutboxSender).sendDue();
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await harness.get(OutboxWorker).beforeApplicationShutdown();
    await sending;
    expect(await harness.get(OutboxSender).sendDue()).toBe(0);

    const sent = fake.requests.length;
    // At most what the lanes held when the stop came: one each, and the one each had a slot for.
    expect(sent).toBeLessThanOrEqual(8);
    const rows: Array<{ status: string; attempts: number; n: number }> = await harness.dataSource.query(
      `SELECT status, max(attempts) AS attempts, count(*)::int AS n FROM message WHERE direction = 'out' GROUP BY status ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: 'retrying', attempts: 1, n: BACKLOG - sent },
      { status: 'sent', attempts: 1, n: sent },
    ]);
    const jobs = await harness.dataSource.query(
      `SELECT state, max(retry_count) AS retries, count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = '${OUTBOUND_QUEUE}' AND state <> 'completed' GROUP BY state`,
    );
    expect(jobs).toEqual([{ state: 'created', retries: 0, n: BACKLOG - sent }]);
  });
});
