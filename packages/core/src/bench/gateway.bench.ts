/**
 * pnpm bench:gateway [messages]: inbound SMS through the Kannel endpoint at increasing
 * concurrency on PostgreSQL, replies sent to a local fake Kannel, in both worker modes
 * (all: routed in the request; api + worker: stored by this process, routed and sent by a
 * worker process). In the same run, a bare Fastify route that stores an inbound row and a
 * reply row in one transaction is the baseline. The requests come from a process of their
 * own, as Kannel's would (`load-generator.ts`), so the server under test has its event loop
 * to itself. Prints figures and a count check; asserts nothing.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import type { KannelAnswer, KannelQuestion } from './fake-kannel';
import type { LoadOrder, LoadResult } from './load-generator';
import { peakRssMb, percentile } from './stats';
import type { WorkerOrder } from './worker-process';

const SECRET = 'bench-secret-0123456789';
const CONCURRENCY = [1, 8, 32];

/** The worker processes' peak RSS, printed beside this process's. */
let workerRssMb = 0;

interface Figures { accepted: number; p50: number; p99: number; repliesPerSecond: number; exact: boolean }

/** The fake Kannel process: its sendsms URL, and a question to it about a run's replies. */
interface FakeKannel {
  readonly url: string;
  ask(question: KannelQuestion): Promise<KannelAnswer>;
  stop(): void;
}

async function fakeKannel(): Promise<FakeKannel> {
  const child = fork(join(__dirname, 'fake-kannel.js'));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (sent: string) => resolve(sent));
    child.once('exit', (code) => reject(new Error(`the fake Kannel stopped (${code})`)));
  });
  child.removeAllListeners('exit');
  return {
    url,
    ask: (question) =>
      new Promise((resolve) => {
        child.once('message', (answer: KannelAnswer) => resolve(answer));
        child.send(question);
      }),
    stop: () => child.kill(),
  };
}

/** Sends `count` GETs of `url` (`{i}` the request's number, `{phone}` a sender) from the load-generator process. */
function drive(url: string, count: number, concurrency: number): Promise<{ seconds: number; latencies: number[] }> {
  const child = fork(join(__dirname, 'load-generator.js'));
  return new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (result: LoadResult) => resolve(result));
    child.once('exit', (code) => reject(new Error(`the load generator stopped (${code})`)));
    child.send({ url, count, concurrency } satisfies LoadOrder);
  }).then((result) => {
    child.removeAllListeners('exit');
    child.kill();
    if (result.error) throw new Error(result.error);
    return result;
  });
}

/** A worker process on the benchmark's database, ready to route and send. */
async function workerProcess(database: TestDatabase, backends: Record<string, unknown>): Promise<{ stop(): Promise<number> }> {
  const child = fork(join(__dirname, 'worker-process.js'));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the worker process stopped (${code})`)));
    child.send({ databaseUrl: database.url, backends } satisfies WorkerOrder);
  });
  child.removeAllListeners('exit');
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        child.once('message', (answer: { rssMb: number }) => resolve(answer.rssMb));
        child.send('stop');
      }),
  };
}

async function mwana(role: 'all' | 'api', count: number, concurrency: number, database: TestDatabase, kannel: FakeKannel): Promise<Figures> {
  const gateways = { zain: { type: 'kannel', username: 'bench', password: 'bench', sendsmsUrl: kannel.url, secret: SECRET, dlrMask: 0 } };
  const backends = { gateways, pollMs: 20, rateLimit: 100_000 };
  const api = await ConversationHarness.create({ database, http: true, role, imports: [EchoModule], config: { backends, log: { level: 'error' } } });
  const worker = role === 'api' ? await workerProcess(database, backends) : null;
  const run = `${role}-${concurrency}-${randomUUID().slice(0, 8)}`;
  try {
    const started = performance.now();
    const { seconds, latencies } = await drive(`${api.url}/backends/zain/incoming?secret=${SECRET}&id=%2B26097{phone}&text=ECHO+${run}-{i}&message_id=${run}-{i}`, count, concurrency);
    const deadline = Date.now() + 120_000;
    let answer = await kannel.ask({ run, count });
    while (answer.arrived < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await kannel.ask({ run, count });
    }
    const delivered = (performance.now() - started) / 1000;
    // A second reply to the same SMS would come after the first: give it time to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { exact } = await kannel.ask({ run, count });
    return { accepted: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), repliesPerSecond: count / delivered, exact };
  } finally {
    if (worker) workerRssMb = Math.max(workerRssMb, await worker.stop());
    await api.close();
  }
}

/** The bare baseline: one Fastify route, one PostgreSQL transaction with two inserts. */
async function bare(count: number, concurrency: number, database: TestDatabase): Promise<Figures> {
  const pool = new Pool({ connectionString: database.url, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bare_message (id bigserial PRIMARY KEY, direction text, identity text, text text, created_at timestamptz DEFAULT now())');
  const app = Fastify();
  app.get('/incoming', async (request) => {
    const query = request.query as Record<string, string>;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("INSERT INTO bare_message (direction, identity, text) VALUES ('in', $1, $2)", [query.id, query.text]);
      await client.query("INSERT INTO bare_message (direction, identity, text) VALUES ('out', $1, $2)", [query.id, query.text]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    return '';
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { seconds, latencies } = await drive(`${url}/incoming?id=%2B26097{phone}&text=hi+{i}`, count, concurrency);
    return { accepted: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), repliesPerSecond: 0, exact: true };
  } finally {
    await app.close();
    await pool.end();
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const database = await createTestDatabase('mwana_bench_gateway');
  const kannel = await fakeKannel();
  const lines = [`${'run'.padEnd(28)} ${'accepted/s'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'replies/s'.padStart(10)} ${'vs bare'.padStart(8)}  exactly one reply each`];
  try {
    for (const concurrency of CONCURRENCY) {
      const baseline = await bare(count, concurrency, database);
      lines.push(`${`bare route, ${concurrency} in flight`.padEnd(28)} ${baseline.accepted.toFixed(0).padStart(10)} ${baseline.p50.toFixed(2).padStart(8)} ${baseline.p99.toFixed(2).padStart(8)} ${'-'.padStart(10)} ${'1.00'.padStart(8)}`);
      for (const role of ['all', 'api'] as const) {
        const f = await mwana(role, count, concurrency, database, kannel);
        const label = `${role === 'all' ? 'all' : 'api + worker'}, ${concurrency} in flight`;
        lines.push(
          `${label.padEnd(28)} ${f.accepted.toFixed(0).padStart(10)} ${f.p50.toFixed(2).padStart(8)} ${f.p99.toFixed(2).padStart(8)} ${f.repliesPerSecond.toFixed(0).padStart(10)} ${(f.accepted / baseline.accepted).toFixed(2).padStart(8)}  ${f.exact ? 'yes' : 'NO'}`,
        );
      }
    }
    process.stdout.write(`gateway benchmark: ${count} SMS per run through /backends/zain/incoming (Kannel), ECHO replies to a fake Kannel, node ${process.version}\n\n${lines.join('\n')}\n\npeak RSS ${peakRssMb()} MB (this process: the bare route, the all and api roles), ${workerRssMb} MB (a worker process)\n`);
  } finally {
    kannel.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
