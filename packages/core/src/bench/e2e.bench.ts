/**
 * `pnpm bench [--quick] [--with labresults,reminders,security]`: every SMS end to end, in one
 * run, against a bare Fastify route doing one transaction of two inserts. Mwana in `all` and in
 * api + worker takes SMS through the Kannel endpoint at 1, 10 and 50 connections, each request
 * a new phone, and sends every reply to a fake Kannel in its own process (`fake-smsc.ts`),
 * which tells when each phone's reply arrived and whether any got two. Per run: accepted/s,
 * replies leaving/s, request-to-reply p50/p95/p99, CPU ms per SMS of the server processes and
 * of the database's PostgreSQL backends (from /proc), commits per SMS (pg_stat_database),
 * statements per SMS (pg_stat_statements, when loaded), peak RSS, and the count check. Then
 * the sender's claim at 100 and 50,000 queued (`claim.bench.ts`). The database is a fresh one
 * on the test server (TEST_DATABASE_URL), VACUUM ANALYZEd before each run: this machine's
 * PostgreSQL runs with autovacuum off. Writes the figures as JSON to bench/results/ and prints
 * a table; ratios are against the bare route of the same run. Asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { testDatabaseAdminUrl } from '../config/environment';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { type ClaimFigures, claimBench, formatClaims } from './claim.bench';
import { countryStarts, formatStarts, type StartFigures } from './country-start';
import { drive, fakeSmsc, meter, type Smsc, vacuum, workerProcess } from './bench-processes';
import { commits, processPeakRssMb, statements } from './process-figures';
import { type Run, table } from './bench-table';
import { percentile } from './stats';

const SECRET = 'bench-secret-0123456789';
const CONCURRENCY = [1, 10, 50];
/** The mix core's apps answer: a keyword, a pattern, an unknown text, a Bemba text (both default replies). */
const MIX = ['ECHO hello there', 'PING', 'WHAT IS THIS', 'Muli shani mukwai'];
const ALONE: Record<string, string> = { ECHO: 'ECHO hello there', PING: 'PING', unknown: 'WHAT IS THIS' };
const ROUTER = { router: { defaultReply: 'Sorry, we did not understand. Send HELP for the keywords.' } };

let nextPhone = 1_000_000;

async function mwana(
  role: 'all' | 'api',
  traffic: string,
  texts: readonly string[],
  count: number,
  concurrency: number,
  database: TestDatabase,
  admin: Pool,
  smsc: Smsc,
): Promise<Run> {
  const gateways = {
    zain: { type: 'kannel', username: 'bench', password: 'bench', sendsmsUrl: smsc.url, secret: SECRET, dlrMask: 0 },
  };
  // A worker learns of what the API stored by polling its inbox (every 20 ms here).
  const backends = { gateways, pollMs: role === 'api' ? 20 : 1000, rateLimit: 100_000 };
  await vacuum(database);
  const api = await ConversationHarness.create({
    database,
    http: true,
    role,
    imports: [EchoModule],
    config: { ...ROUTER, backends, log: { level: 'error' } },
  });
  const worker = role === 'api' ? await workerProcess(database, backends, ROUTER) : null;
  const firstPhone = nextPhone;
  nextPhone += count;
  let closed = false;
  try {
    const before = { commits: await commits(admin, database.name), statements: await statements(admin, database.name) };
    const cpu = await meter(admin, database.name, [process.pid, ...(worker ? [worker.pid] : [])]);
    const started = performance.now();
    const load = await drive({
      url: `${api.url}/backends/zain/incoming?secret=${SECRET}&id=%2B26097{phone}&text={text}&message_id=b{phone}`,
      count,
      concurrency,
      firstPhone,
      texts,
    });
    const deadline = Date.now() + 120_000;
    let answer = await smsc.ask({ first: firstPhone, count });
    while (answer.arrived < count && Date.now() < deadline) {
      await new Promise((ok) => setTimeout(ok, 10));
      answer = await smsc.ask({ first: firstPhone, count });
    }
    const delivered = (performance.now() - started) / 1000;
    const spent = await cpu.finish();
    // A second reply to the same SMS would come after the first: give it time to show.
    await new Promise((ok) => setTimeout(ok, 500));
    const final = await smsc.ask({ first: firstPhone, count, times: true });
    const endToEnd = final.arrivals!.flatMap((at, i) => (at > 0 ? [at - load.sentAt[i]] : [])).sort((a, b) => a - b);
    const workerRss = worker ? await worker.stop() : 0;
    await api.close();
    closed = true;
    // The pool's backends flushed their statistics as they exited.
    await new Promise((ok) => setTimeout(ok, 300));
    const after = { commits: await commits(admin, database.name), statements: await statements(admin, database.name) };
    return {
      path: role === 'all' ? 'Mwana all' : 'Mwana api + worker',
      traffic,
      concurrency,
      count,
      acceptedPerSecond: count / load.seconds,
      repliesPerSecond: final.arrived / delivered,
      p50: percentile(endToEnd, 50),
      p95: percentile(endToEnd, 95),
      p99: percentile(endToEnd, 99),
      serverCpuMs: (spent.serverCpu * 1000) / count,
      pgCpuMs: (spent.pgCpu * 1000) / count,
      commitsPerSms: (after.commits - before.commits) / count,
      statementsPerSms:
        after.statements === null || before.statements === null ? null : (after.statements - before.statements) / count,
      peakRssMb: Math.max(processPeakRssMb(process.pid), workerRss),
      exact: final.arrived === count && final.twice === 0,
      missing: count - final.arrived,
      twice: final.twice,
    };
  } finally {
    if (!closed) {
      if (worker) await worker.stop();
      await api.close();
    }
  }
}

/** The bare baseline: one Fastify route, one PostgreSQL transaction with two inserts. */
async function bare(count: number, concurrency: number, database: TestDatabase, admin: Pool): Promise<Run> {
  const pool = new Pool({ connectionString: database.url, max: 10 });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bare_message (id bigserial PRIMARY KEY, direction text, identity text, text text, created_at timestamptz DEFAULT now())',
  );
  await vacuum(database);
  const app = Fastify();
  app.get('/incoming', async (request) => {
    const query = request.query as Record<string, string>;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("INSERT INTO bare_message (direction, identity, text) VALUES ('in', $1, $2)", [
        query.id,
        query.text,
      ]);
      await client.query("INSERT INTO bare_message (direction, identity, text) VALUES ('out', $1, $2)", [
        query.id,
        query.text,
      ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    return '';
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let closed = false;
  try {
    await Promise.all(Array.from({ length: 10 }, () => pool.query('SELECT 1')));
    const before = await commits(admin, database.name);
    const cpu = await meter(admin, database.name, [process.pid]);
    const load = await drive({ url: `${url}/incoming?id=%2B26097{phone}&text={text}`, count, concurrency, texts: MIX });
    const spent = await cpu.finish();
    await app.close();
    await pool.end();
    closed = true;
    await new Promise((ok) => setTimeout(ok, 300));
    return {
      path: 'bare route',
      traffic: 'two inserts',
      concurrency,
      count,
      acceptedPerSecond: count / load.seconds,
      repliesPerSecond: null,
      p50: percentile(load.latencies, 50),
      p95: percentile(load.latencies, 95),
      p99: percentile(load.latencies, 99),
      serverCpuMs: (spent.serverCpu * 1000) / count,
      pgCpuMs: (spent.pgCpu * 1000) / count,
      commitsPerSms: ((await commits(admin, database.name)) - before) / count,
      statementsPerSms: null,
      peakRssMb: processPeakRssMb(process.pid),
      exact: null,
      missing: 0,
      twice: 0,
    };
  } finally {
    if (!closed) {
      await app.close();
      await pool.end();
    }
  }
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const withIndex = args.indexOf('--with');
  const extra = withIndex >= 0 ? (args[withIndex + 1] ?? '').split(',').filter(Boolean) : [];
  const count = quick ? 300 : 2000;
  const admin = new Pool({ connectionString: testDatabaseAdminUrl(), max: 2 });
  const database = await createTestDatabase('mwana_bench');
  const smsc = await fakeSmsc();
  const runs: Run[] = [];
  const loadBefore = loadAverage();
  const started = new Date();
  let claims: ClaimFigures[] = [];
  let starts: StartFigures[] | null = null;
  const root = resolve(__dirname, '../../../..');
  try {
    for (const concurrency of CONCURRENCY) {
      const group: Run[] = [await bare(count, concurrency, database, admin)];
      for (const role of ['all', 'api'] as const)
        group.push(await mwana(role, 'mix', MIX, count, concurrency, database, admin, smsc));
      group.push(await bare(count, concurrency, database, admin));
      // The bare route runs before and after, and the ratios are against the two's mean: the machine's speed drifts.
      const baseline = (group[0].acceptedPerSecond + group[group.length - 1].acceptedPerSecond) / 2;
      for (const run of group) {
        run.vsBare = run.acceptedPerSecond / baseline;
        run.repliesVsBare = run.repliesPerSecond === null ? null : run.repliesPerSecond / baseline;
      }
      if (concurrency === 10) {
        for (const [traffic, text] of Object.entries(ALONE)) {
          const alone = await mwana('all', traffic, [text], count, concurrency, database, admin, smsc);
          alone.vsBare = alone.acceptedPerSecond / baseline;
          alone.repliesVsBare = (alone.repliesPerSecond ?? 0) / baseline;
          group.push(alone);
        }
      }
      runs.push(...group);
      process.stdout.write(`${table(group)}\n\n`);
    }
    claims = await claimBench(quick ? 20_000 : 50_000);
    starts = await countryStarts(root);
  } finally {
    smsc.stop();
    await database.drop();
    await admin.end();
  }
  const hooks: Record<string, number | null> = {};
  for (const bench of extra) {
    process.stdout.write(`\n--- pnpm bench:${bench} ---\n`);
    const done = spawnSync('pnpm', [`bench:${bench}`], { stdio: 'inherit', cwd: root });
    hooks[bench] = done.status;
  }
  const result = {
    started: started.toISOString(),
    node: process.version,
    quick,
    countPerRun: count,
    database: 'a fresh database on TEST_DATABASE_URL, VACUUM ANALYZE before each run (autovacuum is off here)',
    loadAverage: { before: loadBefore, after: loadAverage() },
    runs,
    claims,
    starts,
    hooks,
  };
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `mwana bench: ${count} SMS per run through /backends/zain/incoming (Kannel), each from a new phone; replies to a fake Kannel; node ${process.version}\n` +
      `load average before ${loadBefore}, after ${loadAverage()} (2 cores)\n` +
      'p50/p95/p99: request sent to reply reaching the fake Kannel (bare route: the request alone); vs bare: against the mean of the bare route before and after, same concurrency\n' +
      'cpu srv / cpu pg: ms per SMS of the server processes / the database backends; commits, stmts: per SMS (stmts needs pg_stat_statements loaded)\n\n' +
      `${table(runs)}\n\nsender's claim of 100, median ms\n${formatClaims(claims)}\n\n` +
      `Malawi's server (countries/malawi/dist/main.js) to healthy\n${starts ? formatStarts(starts) : 'not built'}\n\nfigures: ${file}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
