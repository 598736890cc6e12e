import { existsSync } from 'node:fs';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { TcpProxy } from '../testing/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { InboundSpool } from './inbound-spool';

const SECRET = 'spool-secret-0001';
const LIMIT = 300;

describe('inbound SMS while the database is out of reach: spooled, then stored once (real PostgreSQL behind a cut TCP proxy)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let harness: ConversationHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    const direct = new URL(db.url);
    proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(db.url);
    proxied.port = String(proxy.port);
    harness = await ConversationHarness.create({
      http: true,
      imports: [EchoModule],
      database: db,
      config: {
        database: { url: proxied.toString() },
        backends: {
          gateways: { agg: { type: 'http', secret: SECRET, url: 'http://127.0.0.1:9/send' } },
          spool: { maxMessages: LIMIT, replayMs: 50 },
        },
      },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await proxy?.restore();
    await harness?.close();
    await proxy?.cut();
    await db?.drop();
  });

  const post = (from: string, text: string, id: string) =>
    fetch(`${harness.url}/backends/agg/incoming`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-mwana-secret': SECRET },
      body: new URLSearchParams({ from, text, id }).toString(),
    });
  /** `perPhone` SMS from each of `phones` phones, each phone's one after the other, all phones at once; the answers' statuses. */
  async function burst(tag: string, phones: number, perPhone: number): Promise<number[]> {
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: phones }, async (_, p) => {
        for (let n = 0; n < perPhone; n++) {
          const response = await post(`+26097710${String(p).padStart(4, '0')}`, `${tag} ${n}`, `${tag}-${p}-${n}`);
          statuses.push(response.status);
        }
      }),
    );
    return statuses;
  }
  const health = async () => {
    const response = await fetch(`${harness.url}/health`);
    return { code: response.status, ...((await response.json()) as { status: string; spool?: { pending: number } }) };
  };
  /** Replays until the spool is empty: the pool reconnects on its own time once the proxy is back. */
  async function drained(spool: InboundSpool): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (spool.pending > 0 && Date.now() < deadline) {
      await spool.replay();
      if (spool.pending > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(spool.pending).toBe(0);
  }
  const stored = (): Promise<Array<{ identity: string; text: string; providerId: string }>> =>
    harness.dataSource.query(
      `SELECT c.identity, m.text, m.provider_id AS "providerId" FROM message m JOIN connection c ON c.id = m.connection_id
        WHERE m.direction = 'in' ORDER BY m.id`,
    );

  it('answers every SMS as accepted while the database is cut, says degraded, and stores each once, in order, when it is back', async () => {
    const spool = harness.get(InboundSpool);
    expect(await burst('before', 4, 5)).toEqual(Array(20).fill(200));
    expect((await health()).status).toBe('ok');

    await proxy.cut();
    // 8 phones at once, 25 SMS each, and a gateway's resend of one of them.
    const during = await burst('during', 8, 25);
    expect(during).toEqual(Array(200).fill(200));
    expect((await post('+260977100000', 'during 0', 'during-0-0')).status).toBe(200);
    expect(spool.pending).toBe(201);
    expect(existsSync(spool.path)).toBe(true);
    expect(await health()).toMatchObject({ code: 200, status: 'degraded', spool: { pending: 201 } });

    // Full: past the limit the gateway is told to come back later (503), and nothing else is lost.
    const over = await burst('over', 10, 11);
    expect(over.filter((s) => s === 200)).toHaveLength(LIMIT - 201);
    expect(over.filter((s) => s === 503)).toHaveLength(110 - (LIMIT - 201));
    expect(spool.pending).toBe(LIMIT);

    await proxy.restore();
    await drained(spool);
    expect(existsSync(spool.path)).toBe(false);
    expect(await health()).toMatchObject({ code: 200, status: 'ok', spool: { pending: 0 } });

    const rows = await stored();
    // Each provider id once: 20 before, 200 during (the resend dropped), and the 99 of "over" the spool took.
    expect(new Set(rows.map((r) => r.providerId)).size).toBe(rows.length);
    expect(rows).toHaveLength(20 + 200 + (LIMIT - 201));
    // Each phone's SMS in the order it sent them.
    for (let p = 0; p < 8; p++) {
      const phone = `+26097710${String(p).padStart(4, '0')}`;
      const texts = rows.filter((r) => r.identity === phone && r.text.startsWith('during')).map((r) => r.text);
      expect(texts).toEqual(Array.from({ length: 25 }, (_, n) => `during ${n}`));
    }
    // And a new SMS goes straight to the database again.
    expect((await post('+260977100001', 'after', 'after-1')).status).toBe(200);
    expect(spool.pending).toBe(0);
    expect((await stored()).at(-1)).toMatchObject({ text: 'after', providerId: 'after-1' });
  });
});
