import { Module } from '@nestjs/common';
import { literal } from '../i18n/translatable';
import { ConversationHarness } from '../testing/harness';
import { inboundText } from '../testing/inbound-text';
import { PatternHandler } from './decorators';
import { PatternHandlerBase } from './handler-base';
import { InboundService } from './inbound.service';
import { InboxWorker } from './inbox.worker';
import type { IncomingMessage } from './incoming-message';

/** What the handler saw: each phone's numbers in the order routed, and the most routed at once. */
const seen = new Map<string, number[]>();
let active = 0;
let most = 0;

@PatternHandler({ app: 'seq', pattern: /^SEQ (\d+)$/ })
class SeqHandler extends PatternHandlerBase {
  async handle(msg: IncomingMessage, n: string): Promise<void> {
    active++;
    most = Math.max(most, active);
    // A few turns of the event loop, so routings overlap when the worker lets them.
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    seen.set(msg.connection.identity, [...(seen.get(msg.connection.identity) ?? []), Number(n)]);
    msg.respond(literal(`got ${n}`));
    active--;
  }
}

@Module({ providers: [SeqHandler] })
class SeqModule {}

describe("the worker's inbox (real PostgreSQL)", () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      role: 'worker',
      imports: [SeqModule],
      config: { backends: { routeConcurrency: 4 } },
    });
  });
  afterAll(() => harness.close());

  it('routes many SMS at once, at most routeConcurrency, each phone its own in the order they came, across batches', async () => {
    const inbound = harness.get(InboundService);
    const phones = Array.from({ length: 10 }, (_, p) => `+26097700${String(p).padStart(4, '0')}`);
    // 120 SMS (more than two claims of 50), stored as an API process would: all at once, phones interleaved.
    await Promise.all(
      Array.from({ length: 12 }, (_, n) => phones.map((phone) => ({ phone, n }))).flatMap((round) =>
        round.map(({ phone, n }) => inbound.accept({ gateway: 'tester', identity: phone, text: `SEQ ${n}` })),
      ),
    );
    const stored = (await harness.dataSource.query(
      `SELECT c.identity, m.text, m.sealed FROM message m JOIN connection c ON c.id = m.connection_id WHERE m.direction = 'in' ORDER BY m.id`,
    )) as Array<{ identity: string; text: string; sealed: string | null }>;
    const expected = new Map<string, number[]>();
    for (const row of stored)
      expected.set(row.identity, [...(expected.get(row.identity) ?? []), Number(inboundText(harness, row).slice(4))]);

    expect(await harness.get(InboxWorker).runOnce()).toEqual({ routed: 120 });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    expect(seen).toEqual(expected);
    const statuses = (await harness.dataSource.query(
      `SELECT direction, status, count(*)::int AS n FROM message GROUP BY 1, 2 ORDER BY 1, 2`,
    )) as unknown[];
    expect(statuses).toEqual([
      { direction: 'in', status: 'handled', n: 120 },
      { direction: 'out', status: 'queued', n: 120 },
    ]);
  });
});
