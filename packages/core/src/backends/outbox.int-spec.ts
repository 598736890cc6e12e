import { z } from 'zod';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { MessageRecord } from '../messaging/message.entity';
import { BackendSendError, BackendType, type OutboundSms, type SendOutcome, type SmsBackendAdapter } from './backend';
import { DeliveryWorker } from './delivery.worker';
import { OutboxSender } from './outbox.sender';
import { OutboxService } from './outbox.service';

/** A gateway whose answers each test scripts: ok, a retryable error, a final error, or a hang. */
const script: Array<'ok' | 'down' | 'reject'> = [];
const sent: OutboundSms[] = [];

@BackendType('fake')
class FakeGateway implements SmsBackendAdapter<{ label?: string }> {
  readonly options = z.object({ label: z.string().optional() });
  async send(sms: OutboundSms): Promise<SendOutcome> {
    const answer = script.shift() ?? 'ok';
    if (answer === 'down') throw new BackendSendError('gateway answered 500', true);
    if (answer === 'reject') throw new BackendSendError('gateway answered 400: bad number', false);
    sent.push(sms);
    return { providerId: `fake-${sms.id}` };
  }
}

describe('the outbox: sending, retries, delivery reports (real PostgreSQL)', () => {
  let harness: ConversationHarness;
  const outbound = () => harness.dataSource.manager.find(MessageRecord, { where: { direction: 'out' }, order: { id: 'ASC' } });
  const events = async (id: string) =>
    ((await harness.dataSource.query('SELECT status FROM message_event WHERE message_id = $1 ORDER BY id', [id])) as Array<{ status: string }>).map(
      (e) => e.status,
    );

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      imports: [EchoModule],
      providers: [FakeGateway],
      config: { backends: { gateways: { tester: { type: 'fake' } }, maxAttempts: 3, retryBaseSeconds: 60, leaseSeconds: 30, rateLimit: 1000 } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    script.length = 0;
    sent.length = 0;
    await harness.reset();
  });
  const sender = () => harness.get(OutboxSender);

  it('sends a reply through its backend and keeps every status change with its time', async () => {
    await harness.deliver('+260977000001', 'echo hi');
    expect(await sender().sendDue()).toBe(1);
    const [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'sent', providerId: `fake-${reply.id}`, attempts: 1, backend: 'tester', leaseUntil: null });
    expect(sent.map((s) => [s.to, s.text])).toEqual([['+260977000001', 'hi']]);
    expect(await events(reply.id)).toEqual(['queued', 'sending', 'sent']);
  });

  it('retries a gateway that answers 500 with backoff, then sends exactly once when it recovers', async () => {
    script.push('down', 'down', 'ok');
    await harness.deliver('+260977000001', 'echo again');
    await sender().sendDue();
    let [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'retrying', error: 'gateway answered 500', attempts: 1 });
    expect(await sender().sendDue()).toBe(0); // not due yet
    harness.clock.advance('60s');
    await sender().sendDue();
    [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'retrying', attempts: 2 });
    harness.clock.advance('119s');
    expect(await sender().sendDue()).toBe(0); // backoff doubled: 120 s
    harness.clock.advance('1s');
    await sender().sendDue();
    [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(sent).toHaveLength(1);
    expect(await events(reply.id)).toEqual(['queued', 'sending', 'retrying', 'sending', 'retrying', 'sending', 'sent']);
  });

  it('fails a message with the reason once the gateway stays down past the retry limit', async () => {
    script.push('down', 'down', 'down');
    await harness.deliver('+260977000001', 'echo lost');
    for (let i = 0; i < 3; i++) {
      await sender().sendDue();
      harness.clock.advance('1d');
    }
    const [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'failed', error: 'gateway answered 500 (after 3 attempts)', attempts: 3 });
    expect(reply.failedAt).toBeInstanceOf(Date);
    expect(await sender().sendDue()).toBe(0);
  });

  it('fails at once on an error retrying cannot fix', async () => {
    script.push('reject');
    await harness.deliver('+260977000001', 'echo bad');
    await sender().sendDue();
    expect((await outbound())[0]).toMatchObject({ status: 'failed', error: 'gateway answered 400: bad number', attempts: 1 });
  });

  it('sends replies ahead of bulk messages', async () => {
    await harness.deliver('+260977000001', 'echo reply');
    const [reply] = await outbound();
    await harness.dataSource.query(
      `INSERT INTO message (direction, connection_id, text, status, priority, backend, created_at, updated_at)
       SELECT 'out', connection_id, 'a bulk notice', 'queued', 'bulk', 'tester', $1, $1 FROM message WHERE id = $2`,
      [new Date(harness.clock.now().getTime() - 60_000), reply.id],
    );
    await sender().sendDue();
    expect(sent.map((s) => s.text)).toEqual(['reply', 'a bulk notice']);
  });

  it('sends again, once, a message whose sender died mid-send, after its lease', async () => {
    await harness.deliver('+260977000001', 'echo survive');
    const [reply] = await outbound();
    // A sender claimed it and died: status sending, leased for 30 s.
    await harness.dataSource.query(`UPDATE message SET status = 'sending', attempts = 1, lease_until = $2 WHERE id = $1`, [
      reply.id,
      new Date(harness.clock.now().getTime() + 30_000),
    ]);
    expect(await sender().sendDue()).toBe(0);
    harness.clock.advance('31s');
    expect(await sender().sendDue()).toBe(1);
    expect(await sender().sendDue()).toBe(0);
    expect(sent.map((s) => s.text)).toEqual(['survive']);
    expect((await outbound())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('takes delivery reports in any order, any number of times', async () => {
    await harness.deliver('+260977000001', 'echo report');
    await sender().sendDue();
    const [reply] = await outbound();
    const reports = harness.get(OutboxService);
    expect(await reports.report('tester', { providerId: reply.providerId! }, 'delivered')).toBe(true);
    expect(await reports.report('tester', { messageId: reply.id }, 'sent')).toBe(true);
    expect(await reports.report('tester', { messageId: reply.id }, 'failed', 'late failure')).toBe(true);
    expect(await reports.report('tester', { messageId: reply.id }, 'delivered')).toBe(true);
    expect((await outbound())[0]).toMatchObject({ status: 'delivered', error: null });
    expect(await events(reply.id)).toEqual(['queued', 'sending', 'sent', 'delivered']);
    expect(await reports.report('tester', { providerId: 'nobody' }, 'delivered')).toBe(false);
    expect(await reports.report('other-backend', { messageId: reply.id }, 'failed')).toBe(false);
  });

  it('lets a failure report end a sent message, and a later delivery still win', async () => {
    await harness.deliver('+260977000001', 'echo flaky');
    await sender().sendDue();
    const [reply] = await outbound();
    const reports = harness.get(OutboxService);
    await reports.report('tester', { messageId: reply.id }, 'failed', 'absent subscriber');
    expect((await outbound())[0]).toMatchObject({ status: 'failed', error: 'absent subscriber' });
    await reports.report('tester', { messageId: reply.id }, 'delivered');
    expect((await outbound())[0]).toMatchObject({ status: 'delivered' });
  });

  it('stops the boot on a gateway whose options or type are wrong', async () => {
    await expect(
      ConversationHarness.create({
        database: harness.database,
        providers: [FakeGateway],
        config: { backends: { gateways: { tester: { type: 'fake', label: 5 }, zain: { type: 'smoke-signal' } } } },
      }),
    ).rejects.toThrow(/backends\.gateways\.tester\.label: .*\n.*backends\.gateways\.zain\.type: no gateway type "smoke-signal"/);
  });

  it('routes in a worker what an API process stored (MWANA_ROLE=worker)', async () => {
    const worker = await ConversationHarness.create({
      database: harness.database,
      role: 'worker',
      imports: [EchoModule],
      providers: [FakeGateway],
      config: { backends: { gateways: { tester: { type: 'fake' } } } },
    });
    try {
      await worker.run(`
        +260977000001 > echo from the worker
        +260977000001 < from the worker
      `);
      expect(await worker.get(DeliveryWorker).runOnce()).toEqual({ routed: 0, sent: 0 });
      expect(sent.map((s) => s.text)).toEqual(['from the worker']);
    } finally {
      await worker.close();
    }
  });
});
