/**
 * pnpm bench:faults: the issue-17 fault tests, bounded and on loopback only. Mwana runs in
 * processes of its own (`fault-process.ts`) on a fresh PostgreSQL database, a fake Kannel in
 * this one; ECHO SMS stream in through the Kannel endpoint (a refused request is sent again,
 * as a retrying SMSC does). Prints a table and exits 1 when a target fails:
 *
 * - kill -9 mid-stream, `all` and api + worker: 0 lost; duplicates no more than the sends in
 *   flight (`sendConcurrency`); drained within 30 s of the restart;
 * - SIGTERM with a backlog at the gateway's rate: stopped in under 10 s, nothing failed,
 *   nothing left `sending`;
 * - the gateway answers 500 for 30 s under the stream: its breaker pauses it, no attempt is
 *   spent while paused (only the failures before it opened count), all delivered once;
 * - the gateway down for 10 minutes, compressed 1:25 with the config (`fault-gateway.ts`): the
 *   calls it got are those as the breaker opened and one per probe time, the replies past
 *   their age limit fail with the reason, the rest are delivered once;
 * - PostgreSQL stopped for 8 s under the stream, on a cluster of the test's own
 *   (`fault-pg-outage.ts`): 0 5xx, 0 lost, each stored and answered once, `/health` degraded.
 */
import { Client } from 'pg';
import { FakeGateway } from '../testing/fake-gateway';
import { createTestDatabase } from '../testing/test-database';
import { gatewayDown, gatewayDownLong } from './fault-gateway';
import { databaseOutage } from './fault-pg-outage';
import { exited, IN_FLIGHT, type Mwana, type Row, SECRET, sentCounts, start, until } from './fault-kit';

async function killMidStream(role: 'all' | 'api', count: number, fake: FakeGateway): Promise<Row> {
  const database = await createTestDatabase('mwana_faults');
  // Letters, then digits apart: the string cleaning reads a 1 into a word of letters and l's.
  const run = `kill${role}`;
  const backends = {
    gateways: {
      zain: { type: 'kannel', sendsmsUrl: `${fake.url}/s`, username: 'u', password: 'p', secret: SECRET, dlrMask: 0 },
    },
    rateLimit: 50,
    sendConcurrency: IN_FLIGHT,
    pollMs: 200,
    heartbeatSeconds: 1,
  };
  const api: { current: Mwana } = { current: await start(database, role, backends) };
  let worker = role === 'api' ? await start(database, 'worker', backends) : null;
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let n = next++; n < count; n = next++) {
      for (;;) {
        const ok = await fetch(
          `${api.current.url}/backends/zain/incoming?secret=${SECRET}&id=0977${String(n).padStart(6, '0')}&text=ECHO+${run}+${n}&message_id=${run}-${n}`,
        )
          .then((r) => r.status === 200)
          .catch(() => false);
        if (ok) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const streaming = Promise.all(Array.from({ length: 8 }, lane));
  await until(() => sentCounts(fake, run).size >= count / 3, 60);
  // kill -9 the process that sends (all: the one process; api + worker: the worker), and start it again.
  const victim = role === 'all' ? api.current : worker!;
  victim.child.kill('SIGKILL');
  await exited(victim.child);
  const restartedAt = Date.now();
  if (role === 'all') api.current = await start(database, 'all', backends);
  else worker = await start(database, 'worker', backends);
  await streaming;
  const drained = await until(() => sentCounts(fake, run).size >= count, 60);
  const drainSeconds = (Date.now() - restartedAt) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const counts = sentCounts(fake, run);
  const lost = count - counts.size;
  const twice = [...counts.values()].filter((n) => n > 1).length;
  for (const m of [api.current, worker]) if (m) m.child.kill('SIGTERM');
  await Promise.all([api.current, worker].map((m) => (m ? exited(m.child) : Promise.resolve())));
  await database.drop();
  return {
    test: `kill -9 while ${count} SMS stream in (${role === 'all' ? 'all' : 'api + worker'}; 50/s gateway)`,
    figures: `${lost} lost; ${twice} replied twice (in flight: ${IN_FLIGHT}); drained ${drainSeconds.toFixed(1)} s after the restart`,
    ok: lost === 0 && twice <= IN_FLIGHT && drained && drainSeconds <= 30,
  };
}

async function stopWithBacklog(count: number, fake: FakeGateway): Promise<Row> {
  const database = await createTestDatabase('mwana_faults');
  const run = 'term';
  const backends = {
    gateways: {
      zain: { type: 'kannel', sendsmsUrl: `${fake.url}/s`, username: 'u', password: 'p', secret: SECRET, dlrMask: 0 },
    },
    rateLimit: 10,
    pollMs: 200,
  };
  const mwana = await start(database, 'all', backends);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let n = next++; n < count; n = next++)
      await fetch(
        `${mwana.url}/backends/zain/incoming?secret=${SECRET}&id=0977${String(n).padStart(6, '0')}&text=ECHO+${run}-${n}`,
      );
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  const stopping = Date.now();
  mwana.child.kill('SIGTERM');
  await exited(mwana.child);
  const seconds = (Date.now() - stopping) / 1000;
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const [row] = await client
    .query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed,
            count(*) FILTER (WHERE status = 'sending')::int AS sending, count(*) FILTER (WHERE status IN ('queued', 'retrying'))::int AS waiting
       FROM message WHERE direction = 'out'`,
    )
    .then((r: { rows: Array<Record<string, number>> }) => r.rows);
  await client.end();
  await database.drop();
  return {
    test: `SIGTERM with ${count} replies queued at the 10/s gateway rate`,
    figures: `stopped in ${seconds.toFixed(1)} s; ${row.sent} sent, ${row.waiting} waiting for the next start, ${row.failed} failed, ${row.sending} left sending`,
    ok: seconds < 10 && row.failed === 0 && row.sending === 0 && row.sent + row.waiting === count,
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const fake = await FakeGateway.start();
  fake.answer = () => ({ status: 202, body: '0: Accepted for delivery' });
  // `faults.js <count> <seconds down> [kill-all|kill-api|term|down|down-long|pg]`: one test alone when named.
  const only = process.argv[4];
  const tests: Record<string, () => Promise<Row>> = {
    'kill-all': () => killMidStream('all', count, fake),
    'kill-api': () => killMidStream('api', count, fake),
    term: () => stopWithBacklog(Math.min(count, 1000), fake),
    down: () => gatewayDown(count, fake, Number(process.argv[3] ?? 30)),
    'down-long': () => gatewayDownLong(count, fake, 24),
    pg: () => databaseOutage(count, fake, 8),
  };
  if (only !== undefined && !(only in tests))
    throw new Error(`no fault test "${only}" (${Object.keys(tests).join(', ')})`);
  const rows: Row[] = [];
  try {
    for (const [name, test] of Object.entries(tests)) if (only === undefined || only === name) rows.push(await test());
  } finally {
    await fake.close();
  }
  console.log('| test | seen | target met |\n|---|---|---|');
  for (const row of rows) console.log(`| ${row.test} | ${row.figures} | ${row.ok ? 'yes' : 'NO'} |`);
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

void main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
