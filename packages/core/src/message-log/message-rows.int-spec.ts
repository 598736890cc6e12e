import { inTransaction } from '../database/prepared';
import { OUTBOX } from '../outbox/outbox-transitions';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { OutboundSendRepository } from './outbound-send.repository';

describe('the message rows one SMS costs (real PostgreSQL)', () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({ imports: [EchoModule], config: { backends: { pollMs: 0 } } });
  });
  afterAll(() => harness.close());

  const reply = async () =>
    (
      (await harness.dataSource.query(`SELECT id::text AS id FROM message WHERE direction = 'out'`)) as Array<{
        id: string;
      }>
    )[0].id;

  it('claims and records a send as HOT updates: no index entry is written for a status change', async () => {
    await harness.deliver('+260977000001', 'echo hi');
    const id = await reply();
    const repository = harness.get(OutboundSendRepository);
    const counts = await inTransaction(harness.dataSource, async (client) => {
      // This backend's counts not yet flushed (PostgreSQL 15 keeps earlier transactions' there too): before and after.
      const read = async () =>
        (
          await client.query({
            text: `SELECT n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot FROM pg_stat_xact_user_tables WHERE relname = 'message'`,
          })
        ).rows[0] as { updated: number; hot: number };
      const before = await read();
      const claimed = await repository.claim(client, [{ messageId: id, attempt: 1 }], OUTBOX.claim, new Date());
      expect(claimed.map((c) => c.id)).toEqual([id]);
      await repository.record(
        client,
        [{ id, status: 'sent', providerId: null, error: null, nextAttemptAt: null }],
        OUTBOX.sent.from,
        new Date(),
      );
      const after = await read();
      return { updated: after.updated - before.updated, hot: after.hot - before.hot };
    });
    expect(counts).toEqual({ updated: 2, hot: 2 });
  });

  it('writes no status history for the routine steps of an SMS answered at the first try', async () => {
    await harness.reset();
    await harness.deliver('+260977000002', 'echo again');
    const history = (await harness.dataSource.query('SELECT status FROM message_event')) as unknown[];
    expect(history).toEqual([]);
    const statuses = (await harness.dataSource.query('SELECT direction, status FROM message ORDER BY id')) as Array<{
      direction: string;
      status: string;
    }>;
    expect(statuses).toEqual([
      { direction: 'in', status: 'handled' },
      { direction: 'out', status: 'queued' },
    ]);
  });
});
