import { ConsoleClient } from '../testing/console-client';
import { FakeGateway } from '../testing/fake-gateway';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { GatewayBreaker } from './gateway-breaker';
import { OUTBOUND_QUEUE, QUEUE_SCHEMA } from './outbound-queue';
import { OutboxSender } from './outbox.sender';

const SECRET = 'breaker-secret-001';
/** Failed sends in a row that pause the gateway. */
const TRIP = 3;

describe("a gateway's circuit breaker, shared by two worker processes (real HTTP fake gateway, PostgreSQL)", () => {
  let first: ConversationHarness;
  let second: ConversationHarness;
  let fake: FakeGateway;

  beforeAll(async () => {
    fake = await FakeGateway.start();
    const options = {
      http: true,
      imports: [EchoModule],
      config: {
        backends: {
          gateways: {
            zain: { type: 'kannel', sendsmsUrl: `${fake.url}/s`, username: 'u', password: 'p', secret: SECRET },
          },
          rateLimit: 1000,
          sendConcurrency: 8,
          retryBaseSeconds: 1,
          pollMs: 0,
          // Every pass reads the breaker: what the other process wrote is seen at once.
          breaker: { failures: TRIP, probeSeconds: 60, maxProbeSeconds: 600, cacheMs: 0 },
          maxWaitHours: { reply: 1 },
        },
      },
    };
    first = await ConversationHarness.create(options);
    second = await ConversationHarness.create({ ...options, database: first.database });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    await first.reset();
    fake.requests.length = 0;
  });

  /** `count` SMS through the Kannel endpoint, 8 at once; each asks for an ECHO reply. */
  async function inbound(count: number): Promise<void> {
    let next = 0;
    const lane = async () => {
      for (let n = next++; n < count; n = next++) {
        const response = await fetch(
          `${first.url}/backends/zain/incoming?secret=${SECRET}&id=0977${String(n).padStart(6, '0')}&text=ECHO+n${n}`,
        );
        expect(response.status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
  }

  const breaker = async () =>
    (await first.get(GatewayBreaker).list()).find((b) => b.gateway === 'zain') ?? { state: 'none', failures: 0 };
  /** Attempts spent: the retries pg-boss counted on the outbound jobs, and those it counts when it fetches a job to retry. */
  const spent = async () =>
    Number(
      (
        await first.dataSource.query(
          `SELECT coalesce(sum(retry_count + (state = 'retry')::int), 0)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = '${OUTBOUND_QUEUE}'`,
        )
      )[0].n,
    );
  /** Every waiting job due now, as if its time had come (the probe's time is left as it is). */
  const allDue = () =>
    first.dataSource.query(
      `UPDATE ${QUEUE_SCHEMA}.job SET start_after = now() WHERE name = '${OUTBOUND_QUEUE}' AND state IN ('created', 'retry')`,
    );
  const probeDue = () => first.dataSource.query(`UPDATE gateway_breaker SET probe_at = now() WHERE gateway = 'zain'`);
  const outbound = (): Promise<Array<{ status: string; n: number }>> =>
    first.dataSource.query(
      `SELECT status, count(*)::int AS n FROM message WHERE direction = 'out' GROUP BY status ORDER BY status`,
    );

  it('pauses after repeated 500s, spends no attempt while paused in either process, and a probe closes it', async () => {
    fake.answer = () => ({ status: 500, body: 'SMSC down' });
    await inbound(100);
    // Both processes send at once, 2 x 8 in flight: only the failures before the breaker
    // opened count as attempts, however many were in flight when it did.
    await Promise.all([first.get(OutboxSender).sendDue(50), second.get(OutboxSender).sendDue(50)]);
    expect(await spent()).toBe(TRIP - 1);
    expect(await breaker()).toMatchObject({ state: 'open', failures: expect.any(Number) });
    expect((await breaker()).failures).toBeGreaterThanOrEqual(TRIP);
    expect((await first.get(GatewayBreaker).list())[0].lastError).toContain('500');
    const calledWhenTripped = fake.requests.length;
    // At most what both processes had in flight (8 lanes each) when the breaker opened.
    expect(calledWhenTripped).toBeLessThanOrEqual(TRIP + 16);

    // Paused: every message due again is taken by either process and put back, none sent.
    await allDue();
    await Promise.all([first.get(OutboxSender).sendDue(100), second.get(OutboxSender).sendDue(100)]);
    expect(fake.requests.length).toBe(calledWhenTripped);
    expect(await spent()).toBe(TRIP - 1);
    expect(await outbound()).toEqual([{ status: 'retrying', n: 100 }]);
    const [why] = await first.dataSource.query(
      `SELECT detail FROM message_event WHERE status = 'retrying' AND detail LIKE '%paused%' LIMIT 1`,
    );
    expect(why.detail).toMatch(/gateway "zain" paused since .*500.*no attempt spent/);

    // The probe is due and fails: one message tried, by one process, no attempt spent; paused again.
    await probeDue();
    await allDue();
    await Promise.all([first.get(OutboxSender).sendDue(100), second.get(OutboxSender).sendDue(100)]);
    expect(fake.requests.length).toBe(calledWhenTripped + 1);
    expect(await spent()).toBe(TRIP - 1);
    expect(await breaker()).toMatchObject({ state: 'open' });

    // The gateway is back: the next probe goes through, the breaker closes, and all is sent, each once.
    fake.answer = () => ({ status: 202, body: '0: Accepted' });
    await probeDue();
    const before = fake.requests.length;
    let sent = 0;
    for (let pass = 0; pass < 10 && sent < 100; pass++) {
      // What the other process put back while the probe was in flight waits for the probe's time.
      if (pass > 0) await allDue();
      await Promise.all([first.get(OutboxSender).sendDue(100), second.get(OutboxSender).sendDue(100)]);
      sent = (await outbound()).find((r) => r.status === 'sent')?.n ?? 0;
    }
    expect(await outbound()).toEqual([{ status: 'sent', n: 100 }]);
    expect(fake.requests.length - before).toBe(100);
    expect(await breaker()).toMatchObject({ state: 'closed', failures: 0 });
    expect(await spent()).toBe(TRIP - 1);
  });

  it('fails a message that waited for a paused gateway past its age limit, with the reason in its history', async () => {
    fake.answer = () => ({ status: 503, body: 'link down' });
    await inbound(10);
    await first.get(OutboxSender).sendDue(100);
    expect(await breaker()).toMatchObject({ state: 'open' });
    const called = fake.requests.length;

    // The console shows the gateway paused, since when, its last error and its backlog.
    const client = await ConsoleClient.loggedIn(first);
    const page = await (await client.get('/console/gateways')).text();
    const row = /<tr><td><strong>zain<\/strong>[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    expect(row).toContain('data-state="open"');
    expect(row).toContain('link down');
    expect(row).toMatch(/data-label="backlog">10</);
    expect(row).toMatch(/data-label="since" class="nowrap">\d{4}-\d\d-\d\d \d\d:\d\d</);

    // Half an hour: within the limit for replies (1 h), the messages wait.
    first.clock.advance('30m');
    await allDue();
    await first.get(OutboxSender).sendDue(100);
    expect(await outbound()).toEqual([{ status: 'retrying', n: 10 }]);

    // Past it: failed, with the gateway's state and the limit as the reason; the gateway is not called.
    first.clock.advance('31m');
    await allDue();
    await first.get(OutboxSender).sendDue(100);
    expect(fake.requests.length).toBe(called);
    expect(await outbound()).toEqual([{ status: 'failed', n: 10 }]);
    const events: Array<{ detail: string }> = await first.dataSource.query(
      `SELECT e.detail FROM message_event e JOIN message m ON m.id = e.message_id
        WHERE m.direction = 'out' AND e.status = 'failed'`,
    );
    expect(events).toHaveLength(10);
    for (const { detail } of events)
      expect(detail).toMatch(
        /^not sent: gateway "zain" paused since .* \(last error: .*503.*\); waited over 1 h, the limit for reply messages$/,
      );
    const jobs = await first.dataSource.query(
      `SELECT state, count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = '${OUTBOUND_QUEUE}' GROUP BY state`,
    );
    expect(jobs).toEqual([{ state: 'cancelled', n: 10 }]);
  });
});
