import { poolOf } from '../database/prepared';
import { InboxWorker } from '../messaging/inbox.worker';
import { MessageStore } from '../messaging/message-store';
import { ConversationHarness } from '../testing/harness';
import { EchoModule } from '../testing/echo.app';
import { FakeGateway } from '../testing/fake-gateway';
import { OutboundSendRepository } from '../message-log/outbound-send.repository';
import { OutboundQueue } from './outbound-queue';
import { OutboxSender } from './outbox.sender';
import { OUTBOX } from './outbox-transitions';
import { ProcessHeartbeat } from './process-heartbeat';

const SECRET = 'beat-secret-00001';

describe("a dead sender's messages are handed back at once, not after the lease (real HTTP, PostgreSQL)", () => {
  let harness: ConversationHarness;
  let restarted: ConversationHarness | null = null;
  let fake: FakeGateway;
  const config = () => ({
    backends: {
      gateways: { zain: { type: 'kannel', sendsmsUrl: `${fake.url}/s`, username: 'u', password: 'p', secret: SECRET } },
      rateLimit: 1000,
    },
  });

  beforeAll(async () => {
    fake = await FakeGateway.start();
    fake.answer = () => ({ status: 202, body: '0: Accepted' });
    harness = await ConversationHarness.create({ http: true, imports: [EchoModule], config: config() });
  });
  afterAll(async () => {
    await restarted?.close();
    await harness?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    await harness.reset();
    fake.requests.length = 0;
  });

  /** An SMS whose reply a sender named `by` took and never answered for (it died mid-send). */
  async function takenBy(by: string, text: string): Promise<string> {
    await fetch(`${harness.url}/backends/zain/incoming?secret=${SECRET}&id=0977000001&text=ECHO+${text}`);
    const jobs = await harness.get(OutboundQueue).fetch(10);
    expect(jobs).toHaveLength(1);
    await harness.get(OutboundSendRepository).claim(poolOf(harness.dataSource), jobs, OUTBOX.claim, new Date(), by);
    return jobs[0].messageId;
  }
  const history = (id: string) =>
    harness.dataSource.query(`SELECT status, detail FROM message_event WHERE message_id = $1 ORDER BY id`, [id]);

  it('hands back the messages of a process whose heartbeat stopped, spending no try, saying it may have gone twice', async () => {
    await harness.dataSource.query(
      `INSERT INTO process_heartbeat (name, role, started_at, beat_at) VALUES ('other:worker:0', 'worker', now(), now() - interval '1 minute')`,
    );
    const id = await takenBy('other:worker:0', 'lost');
    expect(await harness.get(OutboxSender).sendDue()).toBe(0); // its job is still taken
    expect(await harness.get(ProcessHeartbeat).beat()).toBe(1);
    expect(await harness.get(OutboxSender).sendDue()).toBe(1);
    expect(fake.requests).toHaveLength(1);
    // The routine steps of a first try are on the row itself (MessageRows); the hand-back is history.
    expect(await history(id)).toEqual([
      { status: 'retrying', detail: 'may have gone twice: its sender other:worker:0 stopped mid-send' },
    ]);
    const [row] = await harness.dataSource.query(`SELECT status, sent_at FROM message WHERE id = $1`, [id]);
    expect(row.status).toBe('sent');
    expect(row.sent_at).not.toBeNull();
    const [{ attempts }] = await harness.dataSource.query(`SELECT attempts FROM message WHERE id = $1`, [id]);
    expect(attempts).toBe(1);
    // A live process's messages are left alone.
    expect(await harness.get(ProcessHeartbeat).beat()).toBe(0);
  });

  it('hands back at boot what the same process held when it was killed', async () => {
    const id = await takenBy(harness.get(ProcessHeartbeat).name, 'killed');
    // And an SMS it was routing in its request when it died: leased to it for the whole lease.
    await harness
      .get(MessageStore)
      .storeInbound(
        { gateway: 'zain', identity: '+260977000002', text: 'ECHO routed', providerId: 'leased-1' },
        { leaseSeconds: 120, claimedBy: harness.get(ProcessHeartbeat).name },
      );
    restarted = await ConversationHarness.create({
      database: harness.database,
      http: true,
      imports: [EchoModule],
      config: config(),
    });
    expect(await restarted.get(OutboxSender).sendDue()).toBe(1);
    expect(fake.requests).toHaveLength(1);
    expect(await restarted.get(InboxWorker).runOnce()).toEqual({ routed: 1 });
    expect((await history(id)).map((e: { status: string }) => e.status)).toEqual(['retrying']);
    const [row] = await harness.dataSource.query(`SELECT status FROM message WHERE id = $1`, [id]);
    expect(row.status).toBe('sent');
  });
});
