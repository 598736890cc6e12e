import { queueInForce } from '../app/cli';
import { InboundService } from '../messaging/inbound.service';
import { ConversationHarness } from '../testing/harness';
import { EchoModule } from '../testing/echo.app';
import { OUTBOUND_QUEUE, QUEUE_SCHEMA } from './outbound-queue';

describe('retry and lease settings changed after the first boot take effect on the next (PostgreSQL)', () => {
  let first: ConversationHarness;
  let second: ConversationHarness | null = null;

  beforeAll(async () => {
    first = await ConversationHarness.create({ imports: [EchoModule] });
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  const queue = (h: ConversationHarness) =>
    h.dataSource.query(
      `SELECT retry_limit, retry_delay, expire_seconds FROM ${QUEUE_SCHEMA}.queue WHERE name = '${OUTBOUND_QUEUE}'`,
    );
  const jobs = (h: ConversationHarness) =>
    h.dataSource.query(
      `SELECT retry_limit, retry_delay, extract(epoch FROM expire_in)::int AS expire FROM ${QUEUE_SCHEMA}.job WHERE name = '${OUTBOUND_QUEUE}'`,
    );

  it('updates the queue and the jobs not yet taken, and `mwana config` shows what is in force', async () => {
    await first.get(InboundService).accept({ gateway: 'tester', identity: '+260977000001', text: 'ECHO hi' });
    expect(await queue(first)).toEqual([{ retry_limit: 5, retry_delay: 30, expire_seconds: 120 }]);
    expect(await jobs(first)).toEqual([{ retry_limit: 5, retry_delay: 30, expire: 120 }]);

    // The operator changes the settings: before the next boot, config shows both.
    const changed = await ConversationHarness.create({
      database: first.database,
      imports: [EchoModule],
      config: { backends: { maxAttempts: 3, retryBaseSeconds: 5, leaseSeconds: 30 } },
    }).catch((e: Error) => e);
    if (changed instanceof Error) throw changed;
    second = changed;
    expect(await queue(second)).toEqual([{ retry_limit: 2, retry_delay: 5, expire_seconds: 30 }]);
    expect(await jobs(second)).toEqual([{ retry_limit: 2, retry_delay: 5, expire: 30 }]);

    const printedBySecond = await queueInForce({ migrations: [] }, second.config);
    expect(printedBySecond).toContain('backends.maxAttempts = 3\n');
    expect(printedBySecond).not.toContain('from the next boot');
    // The first process's config (6 attempts) now differs from what the database holds.
    const printedByFirst = await queueInForce({ migrations: [] }, first.config);
    expect(printedByFirst).toContain('backends.maxAttempts = 3  (configured 6: from the next boot)');
    expect(printedByFirst).toContain('backends.leaseSeconds = 30  (configured 120: from the next boot)');
  });
});
