/**
 * The gateway-outage fault tests (`faults.js`' `down` and `down-long`): the fake Kannel answers
 * 500 for a while under a stream of ECHO SMS, and the breaker must pause the gateway so that
 * no reply spends an attempt meanwhile.
 */
import { Client } from 'pg';
import type { FakeGateway, Recorded } from '../testing/fake-gateway';
import { createTestDatabase } from '../testing/test-database';
import {
  exited,
  IN_FLIGHT,
  kannel,
  lostAndTwice,
  pause,
  type Row,
  sentCounts,
  start,
  stream,
  until,
} from './fault-kit';

/** Failures in a row that pause the gateway. */
const TRIP = 5;

interface Outage {
  /** What the fake Kannel took (answered 202), in order. */
  readonly accepted: Recorded[];
  /** When each call answered 500 came, ms after the link went down. */
  readonly refusedAt: number[];
  readonly counts: Map<string, number>;
  readonly drained: boolean;
  readonly drainSeconds: number;
  /** From the link's return to the first call it took (the next probe). */
  readonly resumedSeconds: number | null;
  /** The outbound messages' figures, as the database has them. */
  readonly row: Record<string, number>;
}

/**
 * Streams `count` ECHO SMS (paced at `perSecond`, or as fast as answered), takes the link
 * down once a fifth of the replies went out, for `downSeconds`, and waits until `settled`
 * replies are in (all of them, unless some are meant to expire).
 */
async function outage(
  fake: FakeGateway,
  run: string,
  count: number,
  backends: Record<string, unknown>,
  downSeconds: number,
  options: {
    perSecond?: number;
    settled?: (delivered: number, failed: () => Promise<number>) => Promise<boolean>;
  } = {},
): Promise<Outage> {
  const database = await createTestDatabase('mwana_faults');
  const answer = fake.answer;
  const accepted: Recorded[] = [];
  const refusedAt: number[] = [];
  let downAt: number | null = null;
  let upAt: number | null = null;
  let resumedAt: number | null = null;
  fake.answer = (request) => {
    if (downAt !== null) {
      refusedAt.push(Date.now() - downAt);
      return { status: 500, body: 'SMSC link down' };
    }
    accepted.push(request);
    if (upAt !== null) resumedAt ??= Date.now();
    return answer(request);
  };
  const client = new Client({ connectionString: database.url });
  try {
    const mwana = await start(database, 'all', {
      gateways: kannel(fake),
      sendConcurrency: IN_FLIGHT,
      pollMs: 200,
      ...backends,
    });
    await client.connect();
    const failed = async (): Promise<number> =>
      (await client.query(`SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND status = 'failed'`))
        .rows[0].n as number;
    const streaming = stream({ to: () => mwana.url, count, run, perSecond: options.perSecond });
    await until(() => sentCounts(fake, run, accepted).size >= count / 5, 60);
    downAt = Date.now();
    await pause(downSeconds * 1000);
    downAt = null;
    upAt = Date.now();
    await streaming;
    const settled = options.settled ?? ((delivered) => Promise.resolve(delivered >= count));
    const drained = await until(() => settled(sentCounts(fake, run, accepted).size, failed), 90);
    const drainSeconds = (Date.now() - upAt) / 1000;
    const resumedSeconds = resumedAt === null ? null : (resumedAt - upAt) / 1000;
    await pause(1000);
    const counts = sentCounts(fake, run, accepted);
    mwana.child.kill('SIGTERM');
    await exited(mwana.child);
    const [row] = (
      await client.query(
        `SELECT count(*) FILTER (WHERE attempts > 1)::int AS spent, count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'failed' AND error LIKE '%waited over%')::int AS expired,
              count(*) FILTER (WHERE status IN ('sent', 'delivered'))::int AS sent
         FROM message WHERE direction = 'out'`,
      )
    ).rows as Array<Record<string, number>>;
    return { accepted, refusedAt, counts, drained, drainSeconds, resumedSeconds, row };
  } finally {
    fake.answer = answer;
    await client.end().catch(() => undefined);
    await database.drop();
  }
}

/** The gateway answers 500 for `downSeconds` (30 in `.ci/run`), probed every 1 s, then 2 s, up to 4 s. */
export async function gatewayDown(count: number, fake: FakeGateway, downSeconds: number): Promise<Row> {
  const o = await outage(
    fake,
    'down',
    count,
    { rateLimit: 50, retryBaseSeconds: 5, breaker: { failures: TRIP, probeSeconds: 1, maxProbeSeconds: 4 } },
    downSeconds,
  );
  const { lost, twice } = lostAndTwice(o.counts, count);
  return {
    test: `gateway answers 500 for ${downSeconds} s under ${count} SMS (breaker: ${TRIP} failures, probes 1-4 s)`,
    figures: `${lost} lost; ${twice} twice; ${o.refusedAt.length} calls answered 500; ${o.row.spent} replies spent an attempt (the ${TRIP - 1} failures before the breaker opened), ${o.row.failed} failed; drained ${o.drainSeconds.toFixed(1)} s after the gateway came back`,
    ok: lost === 0 && twice === 0 && o.row.failed === 0 && o.row.spent <= TRIP - 1 && o.drained,
  };
}

/**
 * The link down for 10 minutes, in `downSeconds` of real time: every time in the config is
 * scaled by the same factor (600 s / `downSeconds`), so the breaker, the retries and the age
 * limit meet the outage as they would meet 10 minutes with these settings. The replies' age
 * limit (`maxWaitHours.reply`, 6 h by default) is set to 5 represented minutes, so the replies
 * that waited longest fail with the reason, and those written later go out once the link is back.
 */
export async function gatewayDownLong(count: number, fake: FakeGateway, downSeconds: number): Promise<Row> {
  const scale = 600 / downSeconds;
  // The defaults, compressed: probes 30 s doubling up to 600 s, retries from 30 s, the breaker's cache 1 s.
  const probeSeconds = 30 / scale;
  const maxProbeSeconds = 600 / scale;
  const ageLimitSeconds = 300 / scale;
  const backends = {
    rateLimit: 100,
    retryBaseSeconds: Math.max(1, Math.round(30 / scale)),
    breaker: { failures: TRIP, probeSeconds, maxProbeSeconds, cacheMs: Math.round(1000 / scale) },
    maxWaitHours: { reply: ageLimitSeconds / 3600 },
  };
  // Paced so that SMS keep coming through the outage (replies written early in it expire, late ones wait).
  const perSecond = count / (downSeconds * 1.5);
  const o = await outage(fake, 'downlong', count, backends, downSeconds, {
    perSecond,
    settled: async (delivered, failed) => delivered + (await failed()) >= count,
  });
  const { lost: undelivered, twice } = lostAndTwice(o.counts, count);
  const expired = o.row.expired;
  const lost = undelivered - expired;
  // The calls answered 500: those in flight when the breaker opened, then one probe at each probe time.
  const opening = o.refusedAt.filter((ms) => ms < (probeSeconds * 1000) / 2).length;
  const probes = o.refusedAt.length - opening;
  let probeTimes = 0;
  for (let at = probeSeconds, gap = probeSeconds; at < downSeconds; gap = Math.min(gap * 2, maxProbeSeconds), at += gap)
    probeTimes++;
  const represented = (s: number): string => (s * scale >= 60 ? `${(s * scale) / 60} min` : `${s * scale} s`);
  return {
    test:
      `gateway down for 10 min under ${count} SMS, compressed 1:${scale} into ${downSeconds} s (probes ${probeSeconds}-${maxProbeSeconds} s, ` +
      `reply age limit ${ageLimitSeconds} s = ${represented(ageLimitSeconds)}); before: every reply due meanwhile spent one of its 6 attempts, a link down for 30 min failed every queued SMS`,
    figures:
      `${o.refusedAt.length} calls answered 500: ${opening} as the breaker opened, ${probes} probes (${probeTimes} probe times while down); ` +
      `${o.row.spent} replies spent an attempt; ${expired} failed past their age limit with the reason (${o.row.failed - expired} failed otherwise); ` +
      `${count - undelivered} delivered, ${twice} twice, ${lost} lost; the first send ${o.resumedSeconds?.toFixed(1) ?? '-'} s after the link came back (its next probe), settled after ${o.drainSeconds.toFixed(1)} s`,
    ok:
      opening <= TRIP + IN_FLIGHT &&
      probes <= probeTimes + 1 &&
      o.row.spent <= TRIP - 1 + IN_FLIGHT &&
      expired > 0 &&
      o.row.failed === expired &&
      lost === 0 &&
      twice === 0 &&
      o.drained,
  };
}
