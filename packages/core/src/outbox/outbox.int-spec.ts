import { Injectable } from '@nestjs/common';
import { ContactsService } from '../contacts/contacts.service';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  defineGateway,
  GatewaySendError,
  type GatewaySender,
  type OutboundSms,
  type SendOutcome,
} from '../gateways/gateway';
import { literal } from '../i18n/translatable';
import { MessageRecord } from '../message-log/message.entity';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { DeliveryReports } from './delivery-reports.service';
import { OUTBOUND_QUEUE, OutboundQueue, QUEUE_SCHEMA } from './outbound-queue';
import type { OutboundText } from './outbound-text';
import { OutboxSender } from './outbox.sender';
import { OutboxWriter } from './outbox.writer';

/** A gateway whose answers each test scripts: ok, a retryable error, a final error, or a look at the database while it sends (then ok). */
const script: Array<'ok' | 'down' | 'reject' | (() => Promise<void>)> = [];
const sent: OutboundSms[] = [];

@Injectable()
class ScriptedSender implements GatewaySender<{ label?: string }> {
  async send(sms: OutboundSms): Promise<SendOutcome> {
    const step = script.shift() ?? 'ok';
    if (typeof step === 'function') await step();
    const answer = typeof step === 'function' ? 'ok' : step;
    if (answer === 'down') throw new GatewaySendError('gateway answered 500', true);
    if (answer === 'reject') throw new GatewaySendError('gateway answered 400: bad number', false);
    sent.push(sms);
    return { providerId: `fake-${sms.id}` };
  }
}
const fakeGateway = defineGateway({
  type: 'fake',
  options: z.strictObject({ label: z.string().optional() }),
  sender: ScriptedSender,
});

describe('the outbox: sending, retries, delivery reports (real PostgreSQL)', () => {
  let harness: ConversationHarness;
  const outbound = () =>
    harness.dataSource.manager.find(MessageRecord, { where: { direction: 'out' }, order: { id: 'ASC' } });
  /** The outbound queue's jobs (pg-boss), oldest first. */
  const jobs = async () =>
    (await harness.dataSource.query(
      `SELECT data->>'messageId' AS "messageId", state, priority FROM ${QUEUE_SCHEMA}.job ORDER BY created_on, id`,
    )) as Array<{
      messageId: string;
      state: string;
      priority: number;
    }>;
  /** The backoff is over: every job waiting for a retry is due now (pg-boss keeps time by the database's clock). */
  const timePasses = () =>
    harness.dataSource.query(`UPDATE ${QUEUE_SCHEMA}.job SET start_after = now() WHERE state = 'retry'`);
  const secondsUntil = async (at: Date) =>
    (
      (await harness.dataSource.query('SELECT extract(epoch FROM $1::timestamptz - now())::float AS s', [
        at,
      ])) as Array<{ s: number }>
    )[0].s;
  const expectBetween = (value: number, low: number, high: number) => {
    expect(value).toBeGreaterThanOrEqual(low);
    expect(value).toBeLessThanOrEqual(high);
  };
  const events = async (id: string) =>
    (
      (await harness.dataSource.query('SELECT status FROM message_event WHERE message_id = $1 ORDER BY id', [
        id,
      ])) as Array<{ status: string }>
    ).map((e) => e.status);

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      imports: [EchoModule],
      gateways: [fakeGateway],
      config: {
        backends: {
          gateways: { tester: { type: 'fake' } },
          maxAttempts: 3,
          retryBaseSeconds: 60,
          leaseSeconds: 30,
          rateLimit: 1000,
        },
      },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    script.length = 0;
    sent.length = 0;
    await harness.reset();
  });
  const sender = () => harness.get(OutboxSender);

  it('marks a message sending with taking its job, and sent with completing it, each pair in one transaction', async () => {
    await harness.deliver('+260977000001', 'echo hi');
    // Rows written by one transaction carry its id (xmin); the gateway sees the message between the two.
    const writers = async () =>
      (await harness.dataSource.query(
        `SELECT m.status, j.state, m.xmin::text = j.xmin::text AS together FROM message m JOIN ${QUEUE_SCHEMA}.job j ON j.data->>'messageId' = m.id::text`,
      )) as Array<{ status: string; state: string; together: boolean }>;
    let whileSending: Array<{ status: string; state: string; together: boolean }> = [];
    script.push(async () => {
      whileSending = await writers();
    });
    await sender().sendDue();
    expect(whileSending).toEqual([{ status: 'sending', state: 'active', together: true }]);
    expect(await writers()).toEqual([{ status: 'sent', state: 'completed', together: true }]);
  });

  it('sends a reply through its backend; a first-try send keeps no history row, its row tells it', async () => {
    await harness.deliver('+260977000001', 'echo hi');
    expect(await sender().sendDue()).toBe(1);
    const [reply] = await outbound();
    expect(reply).toMatchObject({
      status: 'sent',
      providerId: `fake-${reply.id}`,
      attempts: 1,
      gateway: 'tester',
      leaseUntil: null,
    });
    expect(sent.map((s) => [s.to, s.text])).toEqual([['+260977000001', 'hi']]);
    // Sent at its first try: the row says it all (sent_at, attempts), no history row.
    expect(await events(reply.id)).toEqual([]);
    expect(await jobs()).toEqual([{ messageId: reply.id, state: 'completed', priority: 1 }]);
  });

  it('queues a job with each outbound row, in its transaction: none for a row rolled back', async () => {
    const connection = await harness.get(ContactsService).connectionFor('tester', '+260977000001');
    const bulk = (text: string): OutboundText => ({
      to: { connection, contact: null },
      text: literal(text),
      params: {},
      app: 'test',
    });
    const write = (db: EntityManager) => harness.get(OutboxWriter).write(db, [bulk('kept')], { priority: 'bulk' });
    await expect(
      harness.dataSource.transaction(async (db) => {
        await write(db);
        throw new Error('the job failed after writing');
      }),
    ).rejects.toThrow('the job failed');
    const [kept] = await harness.dataSource.transaction(write);
    expect((await outbound()).map((m) => m.id)).toEqual([kept.id]);
    expect(await jobs()).toEqual([{ messageId: kept.id, state: 'created', priority: 0 }]);
  });

  it("queues a reply's job as pg-boss's own insert would", async () => {
    await harness.deliver('+260977000001', 'echo hi');
    const boss = new PgBoss({
      connectionString: harness.database.url,
      schema: QUEUE_SCHEMA,
      schedule: false,
      supervise: false,
      migrate: false,
    });
    await boss.start();
    await boss.insert([{ name: OUTBOUND_QUEUE, data: { messageId: 'by-pg-boss' }, priority: 1 }]);
    await boss.stop({ graceful: false, close: true, wait: true });
    const rows: Array<Record<string, unknown>> = await harness.dataSource.query(
      `SELECT name, priority, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after - created_on AS delay, expire_in,
              keep_until - created_on AS kept_for, singleton_key, singleton_on, dead_letter, policy, data->>'messageId' AS message
         FROM ${QUEUE_SCHEMA}.job ORDER BY created_on, id`,
    );
    expect(rows).toHaveLength(2);
    const [ours, theirs] = rows.map(({ message, ...job }) => ({ ...job, messageIsText: typeof message === 'string' }));
    expect(ours).toEqual(theirs);
    expect(ours).toMatchObject({ retry_limit: 2, retry_delay: 60, retry_backoff: true, state: 'created' });
  });

  it('retries a gateway that answers 500 with backoff, then sends exactly once when it recovers', async () => {
    script.push('down', 'down', 'ok');
    await harness.deliver('+260977000001', 'echo again');
    await sender().sendDue();
    let [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'retrying', error: 'gateway answered 500', attempts: 1 });
    expectBetween(await secondsUntil(reply.nextAttemptAt!), 59, 120); // 60 s base, with jitter
    expect(await sender().sendDue()).toBe(0); // not due yet
    await timePasses();
    await sender().sendDue();
    [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'retrying', attempts: 2 });
    expectBetween(await secondsUntil(reply.nextAttemptAt!), 119, 240); // doubled
    await timePasses();
    await sender().sendDue();
    [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(sent).toHaveLength(1);
    // Off the happy path, every step from the first retry on is kept.
    expect(await events(reply.id)).toEqual(['retrying', 'sending', 'retrying', 'sending', 'sent']);
    expect(await jobs()).toEqual([{ messageId: reply.id, state: 'completed', priority: 1 }]);
  });

  it('fails a message with the reason once the gateway stays down past the retry limit', async () => {
    script.push('down', 'down', 'down');
    await harness.deliver('+260977000001', 'echo lost');
    for (let i = 0; i < 3; i++) {
      await sender().sendDue();
      await timePasses();
    }
    const [reply] = await outbound();
    expect(reply).toMatchObject({
      status: 'failed',
      error: 'gateway answered 500 (after 3 attempts)',
      attempts: 3,
      nextAttemptAt: null,
    });
    expect(reply.failedAt).toBeInstanceOf(Date);
    expect(await sender().sendDue()).toBe(0);
    expect(await jobs()).toEqual([{ messageId: reply.id, state: 'failed', priority: 1 }]);
  });

  it('fails at once on an error retrying cannot fix', async () => {
    script.push('reject');
    await harness.deliver('+260977000001', 'echo bad');
    await sender().sendDue();
    const [reply] = await outbound();
    expect(reply).toMatchObject({ status: 'failed', error: 'gateway answered 400: bad number', attempts: 1 });
    expect(await jobs()).toEqual([{ messageId: reply.id, state: 'cancelled', priority: 1 }]);
  });

  it('sends replies ahead of bulk messages', async () => {
    const connection = await harness.get(ContactsService).connectionFor('tester', '+260977000001');
    await harness.dataSource.transaction((db) =>
      harness
        .get(OutboxWriter)
        .write(db, [{ to: { connection, contact: null }, text: literal('a bulk notice'), params: {}, app: 'test' }], {
          priority: 'bulk',
        }),
    );
    await harness.deliver('+260977000001', 'echo reply');
    await sender().sendDue();
    expect(sent.map((s) => s.text)).toEqual(['reply', 'a bulk notice']);
  });

  it('sends again, once, a message whose sender died mid-send, when its job expires', async () => {
    await harness.deliver('+260977000001', 'echo survive');
    // A sender took the job and died holding it (the real process kill is in the countries' e2e tests).
    expect(await harness.get(OutboundQueue).fetch(10)).toHaveLength(1);
    expect(await sender().sendDue()).toBe(0);
    await harness.get(OutboundQueue).maintain();
    expect(await sender().sendDue()).toBe(0); // its 30 s are not over
    await harness.dataSource.query(
      `UPDATE ${QUEUE_SCHEMA}.job SET started_on = now() - interval '31 seconds' WHERE state = 'active'`,
    );
    await harness.get(OutboundQueue).maintain();
    await timePasses();
    expect(await sender().sendDue()).toBe(1);
    expect(await sender().sendDue()).toBe(0);
    expect(sent.map((s) => s.text)).toEqual(['survive']);
    expect((await outbound())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('takes delivery reports in any order, any number of times', async () => {
    await harness.deliver('+260977000001', 'echo report');
    await sender().sendDue();
    const [reply] = await outbound();
    const reports = harness.get(DeliveryReports);
    expect(await reports.report('tester', { providerId: reply.providerId! }, 'delivered')).toBe(true);
    expect(await reports.report('tester', { messageId: reply.id }, 'sent')).toBe(true);
    expect(await reports.report('tester', { messageId: reply.id }, 'failed', 'late failure')).toBe(true);
    expect(await reports.report('tester', { messageId: reply.id }, 'delivered')).toBe(true);
    expect((await outbound())[0]).toMatchObject({ status: 'delivered', error: null });
    expect(await events(reply.id)).toEqual([]);
    expect(await reports.report('tester', { providerId: 'nobody' }, 'delivered')).toBe(false);
    expect(await reports.report('other-backend', { messageId: reply.id }, 'failed')).toBe(false);
  });

  it('lets a failure report end a sent message, and a later delivery still win', async () => {
    await harness.deliver('+260977000001', 'echo flaky');
    await sender().sendDue();
    const [reply] = await outbound();
    const reports = harness.get(DeliveryReports);
    await reports.report('tester', { messageId: reply.id }, 'failed', 'absent subscriber');
    expect((await outbound())[0]).toMatchObject({ status: 'failed', error: 'absent subscriber' });
    await reports.report('tester', { messageId: reply.id }, 'delivered');
    expect((await outbound())[0]).toMatchObject({ status: 'delivered' });
  });

  it('stops the boot on a gateway whose options or type are wrong', async () => {
    await expect(
      ConversationHarness.create({
        database: harness.database,
        gateways: [fakeGateway],
        config: { backends: { gateways: { tester: { type: 'fake', label: 5 }, zain: { type: 'smoke-signal' } } } },
      }),
    ).rejects.toThrow(
      /backends\.gateways\.tester\.label: .*\n.*backends\.gateways\.zain\.type: no gateway type "smoke-signal"/,
    );
  });

  it('routes in a worker what an API process stored (MWANA_ROLE=worker)', async () => {
    const worker = await ConversationHarness.create({
      database: harness.database,
      role: 'worker',
      imports: [EchoModule],
      gateways: [fakeGateway],
      config: { backends: { gateways: { tester: { type: 'fake' } } } },
    });
    try {
      await worker.run(`
        +260977000001 > echo from the worker
        +260977000001 < from the worker
      `);
      expect(await worker.work()).toEqual({ routed: 0, sent: 0 });
      expect(sent.map((s) => s.text)).toEqual(['from the worker']);
    } finally {
      await worker.close();
    }
  });
});
