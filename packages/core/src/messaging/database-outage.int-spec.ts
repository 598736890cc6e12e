import { Module } from '@nestjs/common';
import { literal } from '../i18n/translatable';
import { OutboxSender } from '../outbox/outbox.sender';
import { EchoModule } from '../testing/echo.app';
import { FakeGateway } from '../testing/fake-gateway';
import { ConversationHarness } from '../testing/harness';
import { TcpProxy } from '../testing/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { KeywordHandler } from './decorators';
import { KeywordHandlerBase } from './handler-base';
import type { IncomingMessage } from './incoming-message';

const SECRET = 'outage-secret-0001';
const cuts: { proxy: TcpProxy | null; once: boolean } = { proxy: null, once: false };

/** CUT <text>: the database goes out of reach (the proxy cut) mid-route, the first time; then answers <text>. */
@KeywordHandler({ app: 'cut', keyword: 'CUT', help: literal('CUT <text>') })
class CutHandler extends KeywordHandlerBase {
  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    if (cuts.once) {
      cuts.once = false;
      await cuts.proxy!.cut();
    }
    msg.respond(literal(rest));
  }
}

@Module({ providers: [CutHandler] })
class CutModule {}

const until = async (done: () => Promise<boolean>): Promise<boolean> => {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100)))
    if (await done()) return true;
  return done();
};

describe('a database outage mid-send or mid-route (real PostgreSQL behind a cut TCP proxy, real HTTP)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let fake: FakeGateway;
  let harness: ConversationHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    const direct = new URL(db.url);
    proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    cuts.proxy = proxy;
    const proxied = new URL(db.url);
    proxied.port = String(proxy.port);
    fake = await FakeGateway.start();
    harness = await ConversationHarness.create({
      http: true,
      imports: [EchoModule, CutModule],
      database: db,
      config: {
        database: { url: proxied.toString() },
        backends: {
          gateways: {
            zain: {
              type: 'kannel',
              sendsmsUrl: `${fake.url}/s`,
              username: 'u',
              password: 'p',
              secret: SECRET,
              dlrMask: 0,
            },
          },
          // One lane: the second message of a batch waits behind the first.
          sendConcurrency: 1,
        },
      },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await proxy?.restore();
    await harness?.close();
    await fake?.close();
    await proxy?.cut();
    await db?.drop();
  });

  const incoming = (n: number, text: string) =>
    fetch(
      `${harness.url}/backends/zain/incoming?secret=${SECRET}&id=0977${n}&text=${encodeURIComponent(text)}&message_id=outage-${n}`,
    );
  const messages = (): Promise<Array<{ direction: string; status: string; attempts: number; text: string }>> =>
    harness.dataSource.query(`SELECT direction, status, attempts, text FROM message ORDER BY id`);

  it("records a gateway's answer that came while the database was out of reach once it is back: sent once, not left sending", async () => {
    expect((await incoming(100001, 'ECHO first')).status).toBe(200);
    // The gateway takes the SMS while the database goes away, and it comes back 1.5 s later.
    fake.answer = () => {
      void proxy.cut().then(() => setTimeout(() => void proxy.restore(), 1500));
      return { status: 202, body: '0: Accepted for delivery', delayMs: 100 };
    };
    await expect(harness.get(OutboxSender).sendDue()).resolves.toBe(1);
    fake.answer = () => ({ status: 202, body: '0: Accepted for delivery' });
    expect(fake.requests).toHaveLength(1);
    expect((await messages()).filter((m) => m.direction === 'out')).toEqual([
      { direction: 'out', status: 'sent', attempts: 1, text: 'first' },
    ]);
    // Nothing is due again: no second send of it.
    expect(await harness.get(OutboxSender).sendDue()).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('routes an SMS whose routing met the outage as soon as the database is back, not marked errored nor left for the lease', async () => {
    await harness.reset();
    cuts.once = true;
    const answered = incoming(100002, 'CUT second');
    setTimeout(() => void proxy.restore(), 1500);
    // Stored before the cut: the gateway is answered at once.
    expect((await answered).status).toBe(200);
    expect(
      await until(async () =>
        (await messages().catch(() => [])).some((m) => m.direction === 'out' && m.text === 'second'),
      ),
    ).toBe(true);
    const rows = await messages();
    expect(rows.map((m) => [m.direction, m.status, m.text])).toEqual([
      ['in', 'handled', 'CUT second'],
      ['out', 'queued', 'second'],
    ]);
  });

  it('hands back what a batch had not sent when the database went out of reach mid-batch, each sent once when it is back', async () => {
    await harness.reset();
    fake.requests.length = 0;
    expect((await incoming(100003, 'ECHO third')).status).toBe(200);
    expect((await incoming(100004, 'ECHO fourth')).status).toBe(200);
    // The first send fails (500) as the database goes away: recording that failure on the breaker meets the outage.
    fake.answer = () => {
      fake.answer = () => ({ status: 202, body: '0: Accepted for delivery' });
      void proxy.cut().then(() => setTimeout(() => void proxy.restore(), 1500));
      return { status: 500, body: 'SMSC busy', delayMs: 100 };
    };
    await expect(harness.get(OutboxSender).sendDue()).resolves.toBe(2);
    expect(fake.requests).toHaveLength(1);
    const back = await messages();
    expect(back.filter((m) => m.direction === 'out').map((m) => [m.text, m.status])).toEqual([
      ['third', 'retrying'],
      ['fourth', 'retrying'],
    ]);
    // Due again at once: each goes out once, and nothing is left.
    await expect(harness.get(OutboxSender).sendDue()).resolves.toBe(2);
    expect(await harness.get(OutboxSender).sendDue()).toBe(0);
    expect(fake.requests).toHaveLength(3);
    const after = await messages();
    expect(after.filter((m) => m.direction === 'out').map((m) => [m.text, m.status])).toEqual([
      ['third', 'sent'],
      ['fourth', 'sent'],
    ]);
  });
});
