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
import { Pool } from 'pg';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import type { KannelAnswer, KannelQuestion } from './fake-kannel';
import type { LoadOrder, LoadResult } from './load-generator';
import { bareRoute } from './bench-bare';
import { machineCpu, peakRssMb, percentile } from './stats';
import type { WorkerOrder } from './worker-process';

const SECRET = 'bench-secret-0123456789';
const CONCURRENCY = [1, 8, 32];

/** The worker processes' peak RSS, printed beside this process's. */
let workerRssMb = 0;

interface Figures {
  accepted: number;
  p50: number;
  p99: number;
  repliesPerSecond: number;
  exact: boolean;
  /** The whole machine's CPU per SMS, in ms, while it was taken in (and, for Mwana, answered). */
  cpuMs: number | null;
}

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
async function workerProcess(
  database: TestDatabase,
  backends: Record<string, unknown>,
): Promise<{ stop(): Promise<number> }> {
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

async function mwana(
  role: 'all' | 'api',
  count: number,
  concurrency: number,
  database: TestDatabase,
  kannel: FakeKannel,
): Promise<Figures> {
  const gateways = {
    zain: { type: 'kannel', username: 'bench', password: 'bench', sendsmsUrl: kannel.url, secret: SECRET, dlrMask: 0 },
  };
  // A worker learns of what the API stored by polling its inbox (every 20 ms here); with
  // `all` the poll only picks up what a dead process left, so it is the default's 1 s.
  const backends = { gateways, pollMs: role === 'api' ? 20 : 1000, rateLimit: 100_000 };
  const api = await ConversationHarness.create({
    database,
    http: true,
    role,
    imports: [EchoModule],
    config: { backends, log: { level: 'error' } },
  });
  const worker = role === 'api' ? await workerProcess(database, backends) : null;
  const run = `${role}-${concurrency}-${randomUUID().slice(0, 8)}`;
  try {
    const started = performance.now();
    const cpu = machineCpu();
    const { seconds, latencies } = await drive(
      `${api.url}/backends/zain/incoming?secret=${SECRET}&id=%2B26097{phone}&text=ECHO+${run}-{i}&message_id=${run}-{i}`,
      count,
      concurrency,
    );
    const deadline = Date.now() + 120_000;
    let answer = await kannel.ask({ run, count });
    while (answer.arrived < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await kannel.ask({ run, count });
    }
    const delivered = (performance.now() - started) / 1000;
    const cpuMs = perSms(cpu(), count);
    // A second reply to the same SMS would come after the first: give it time to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { exact } = await kannel.ask({ run, count });
    return {
      accepted: count / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      repliesPerSecond: count / delivered,
      exact,
      cpuMs,
    };
  } finally {
    if (worker) workerRssMb = Math.max(workerRssMb, await worker.stop());
    await api.close();
  }
}

/** The bare baseline: one Fastify route, one PostgreSQL transaction with two inserts. */
async function bare(count: number, concurrency: number, database: TestDatabase): Promise<Figures> {
  const pool = new Pool({ connectionString: database.url, max: 10 });
  const app = await bareRoute(pool);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const cpu = machineCpu();
    const { seconds, latencies } = await drive(`${url}/incoming?id=%2B26097{phone}&text=hi+{i}`, count, concurrency);
    const cpuMs = perSms(cpu(), count);
    return {
      accepted: count / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      repliesPerSecond: 0,
      exact: true,
      cpuMs,
    };
  } finally {
    await app.close();
    await pool.end();
  }
}

function perSms(seconds: number | null, count: number): number | null {
  return seconds === null ? null : (seconds * 1000) / count;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const database = await createTestDatabase('mwana_bench_gateway');
  const kannel = await fakeKannel();
  const cells = (label: string, f: Figures, ratio: string, replies: string, exact: string): string =>
    `${label.padEnd(30)} ${f.accepted.toFixed(0).padStart(10)} ${f.p50.toFixed(2).padStart(8)} ${f.p99.toFixed(2).padStart(8)} ${replies.padStart(10)} ${ratio.padStart(8)} ${(f.cpuMs?.toFixed(2) ?? '-').padStart(11)}  ${exact}`;
  const lines = [
    `${'run'.padEnd(30)} ${'accepted/s'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'replies/s'.padStart(10)} ${'vs bare'.padStart(8)} ${'cpu ms/SMS'.padStart(11)}  exactly one reply each`,
  ];
  try {
    for (const concurrency of CONCURRENCY) {
      // The bare route runs before and after Mwana's runs, and the ratio is against the two's
      // mean: the machine's speed drifts within a run.
      const before = await bare(count, concurrency, database);
      const runs: Array<[string, Figures]> = [];
      for (const role of ['all', 'api'] as const)
        runs.push([role === 'all' ? 'all' : 'api + worker', await mwana(role, count, concurrency, database, kannel)]);
      const after = await bare(count, concurrency, database);
      const baseline = (before.accepted + after.accepted) / 2;
      lines.push(
        cells(`bare route, ${concurrency} in flight`, before, (before.accepted / baseline).toFixed(2), '-', ''),
      );
      for (const [label, f] of runs) {
        lines.push(
          cells(
            `${label}, ${concurrency} in flight`,
            f,
            (f.accepted / baseline).toFixed(2),
            f.repliesPerSecond.toFixed(0),
            f.exact ? 'yes' : 'NO',
          ),
        );
      }
      lines.push(cells(`bare route again`, after, (after.accepted / baseline).toFixed(2), '-', ''));
    }
    process.stdout.write(
      `gateway benchmark: ${count} SMS per run through /backends/zain/incoming (Kannel), ECHO replies to a fake Kannel, node ${process.version}\n` +
        'vs bare: accepted/s against the mean of the two bare runs at that concurrency; cpu ms/SMS: the whole machine (server, PostgreSQL, load, fake Kannel), for Mwana until the last reply\n\n' +
        `${lines.join('\n')}\n\npeak RSS ${peakRssMb()} MB (this process: the bare route, the all and api roles), ${workerRssMb} MB (a worker process)\n`,
    );
  } finally {
    kannel.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
