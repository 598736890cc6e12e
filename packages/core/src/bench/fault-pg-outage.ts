/**
 * PostgreSQL stopped and started under load (`faults.js`' `pg` test), on a cluster of the
 * test's own (`pg-cluster.ts`): Mwana in `all` mode migrates it at its start, ECHO SMS stream
 * in through the Kannel endpoint, and mid-stream the server is stopped (`pg_ctl stop -m
 * fast`) for `downSeconds`, then started again. The inbound spool takes what comes meanwhile.
 */
import { join } from 'node:path';
import { Client } from 'pg';
import type { FakeGateway } from '../testing/fake-gateway';
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
import { PgCluster } from './pg-cluster';

/** What the issue measured before the spool: the row's "before". */
const BEFORE = '847 of 3,000 requests got a 500; 3 committed just before the crash answered 120 s late';

interface Health {
  readonly status: string;
  readonly spool?: { readonly pending: number };
}

export async function databaseOutage(count: number, fake: FakeGateway, downSeconds: number): Promise<Row> {
  const cluster = await PgCluster.create();
  const run = 'pgout';
  try {
    const database = { url: await cluster.createDatabase('mwana_faults') };
    const mwana = await start(database, 'all', {
      gateways: kannel(fake),
      rateLimit: 200,
      sendConcurrency: IN_FLIGHT,
      pollMs: 200,
      heartbeatSeconds: 1,
      spool: { path: join(cluster.folder, 'inbound-spool.jsonl'), replayMs: 250 },
    });
    const statuses: number[] = [];
    // Paced over about 16 s, so the outage falls mid-stream whatever the machine's speed.
    const streaming = stream({ to: () => mwana.url, count, run, perSecond: count / 16, statuses });
    await until(() => statuses.filter((s) => s === 200).length >= count / 3, 60);
    await cluster.stop('fast');
    const stoppedAt = Date.now();
    // /health while the server is down: every answer should say degraded (200), the spool's figure rising.
    const health: Health[] = [];
    while (Date.now() - stoppedAt < downSeconds * 1000) {
      const answer = await fetch(`${mwana.url}/health`)
        .then(async (r) => ({ code: r.status, ...((await r.json()) as Health) }))
        .catch(() => ({ code: 0, status: 'no answer' }));
      health.push(answer);
      await pause(250);
    }
    await cluster.start();
    const upAt = Date.now();
    await streaming;
    const drained = await until(() => sentCounts(fake, run).size >= count, 90);
    const drainSeconds = (Date.now() - upAt) / 1000;
    await pause(1000);
    const { lost: unanswered, twice } = lostAndTwice(sentCounts(fake, run), count);
    mwana.child.kill('SIGTERM');
    await exited(mwana.child);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const [stored] = await client
      .query(
        `SELECT count(*)::int AS rows, count(DISTINCT provider_id)::int AS ids FROM message
          WHERE direction = 'in' AND provider_id LIKE $1`,
        [`${run}-%`],
      )
      .then((r: { rows: Array<{ rows: number; ids: number }> }) => r.rows);
    // Where the unanswered ones are, when some are (each message's direction and status).
    const where =
      unanswered === 0
        ? ''
        : ` (messages: ${(
            await client.query(
              `SELECT direction || ' ' || status || ' ' || count(*) AS s FROM message GROUP BY direction, status ORDER BY 1`,
            )
          ).rows
            .map((r: { s: string }) => r.s)
            .join(', ')})`;
    await client.end();
    const fivexx = statuses.filter((s) => s >= 500).length;
    const spooled = Math.max(0, ...health.map((h) => h.spool?.pending ?? 0));
    const degraded = health.length > 0 && health.every((h) => h.status === 'degraded');
    const lost = count - stored.ids;
    const storedTwice = stored.rows - stored.ids;
    return {
      test: `PostgreSQL stopped (pg_ctl -m fast) for ${downSeconds} s under ${count} SMS (all; own cluster, fsync off); before: ${BEFORE}`,
      figures:
        `${statuses.length} requests, ${fivexx} 5xx, ${statuses.filter((s) => s !== 200 && s < 500).length} other refusals; ` +
        `${spooled} spooled; ${lost} lost, ${storedTwice} stored twice; ${unanswered} unanswered${where}, ${twice} answered twice; ` +
        `/health degraded in ${health.filter((h) => h.status === 'degraded').length} of ${health.length} checks while down; ` +
        `drained ${drainSeconds.toFixed(1)} s after PostgreSQL was back`,
      ok:
        fivexx === 0 &&
        lost === 0 &&
        storedTwice === 0 &&
        unanswered === 0 &&
        twice === 0 &&
        degraded &&
        spooled > 0 &&
        drained,
    };
  } finally {
    await cluster.destroy();
  }
}
