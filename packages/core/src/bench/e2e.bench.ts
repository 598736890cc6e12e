/**
 * `pnpm bench [--quick] [--with labresults,reminders,security]`: every SMS end to end, in one
 * run, against a bare Fastify route doing one transaction of two inserts. Mwana in `all` and in
 * api + worker takes SMS through the Kannel endpoint at 1, 10 and 50 connections, each request
 * a new phone, and sends every reply to a fake Kannel in its own process (`fake-smsc.ts`),
 * which tells when each phone's reply arrived and whether any got two. Per run: accepted/s,
 * replies leaving/s, request-to-reply p50/p95/p99, CPU ms per SMS of the server processes and
 * of the database's PostgreSQL backends (from /proc), commits per SMS (pg_stat_database),
 * statements per SMS (pg_stat_statements, when loaded), peak RSS, and the count check. Then
 * the sender's claim at 100 and 50,000 queued (`claim.bench.ts`), and then the realistic mix
 * on Zambia's apps and seeded data, each keyword alone with its cost against the cheapest
 * (`countries/zambia/src/bench/mix.bench.ts`, same options; `--no-mix` skips it). The database
 * is a fresh one on the test server (TEST_DATABASE_URL), VACUUM ANALYZEd before each run: this
 * machine's PostgreSQL runs with autovacuum off. Statements per SMS need pg_stat_statements in
 * the server's shared_preload_libraries (the machine's server has it not: point
 * TEST_DATABASE_URL at a cluster of your own that does). Options: `bench-options.ts`. Writes
 * the figures as JSON to bench/results/ and prints a table; ratios are against the bare route
 * of the same run. Asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { testDatabaseAdminUrl } from '../config/environment';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { bare } from './bench-bare';
import { benchOptions } from './bench-options';
import { type ClaimFigures, claimBench, formatClaims } from './claim.bench';
import { countryStarts, formatStarts, type StartFigures } from './country-start';
import { fakeSmsc, type Smsc, workerProcess } from './bench-processes';
import { type BenchMeters, mwanaRun } from './e2e-run';
import { statementsPool } from './process-figures';
import { type Run, table } from './bench-table';

/** The mix core's apps answer: a keyword, a pattern, an unknown text, a Bemba text (both default replies). */
const MIX = ['ECHO hello there', 'PING', 'WHAT IS THIS', 'Muli shani mukwai'];
const ALONE: Record<string, string> = { ECHO: 'ECHO hello there', PING: 'PING', unknown: 'WHAT IS THIS' };
const ROUTER = { router: { defaultReply: 'Sorry, we did not understand. Send HELP for the keywords.' } };

let nextPhone = 1_000_000;

/** A run on core's ECHO and PING apps (a worker process of the same, for api + worker). */
function mwana(
  role: 'all' | 'api',
  traffic: string,
  texts: readonly string[],
  count: number,
  concurrency: number,
  database: TestDatabase,
  meters: BenchMeters,
  smsc: Smsc,
): Promise<Run> {
  const firstPhone = nextPhone;
  nextPhone += count;
  return mwanaRun({
    role,
    traffic,
    texts,
    count,
    concurrency,
    firstPhone,
    database,
    meters,
    smsc,
    start: async (backends) => {
      const harness = await ConversationHarness.create({
        database,
        http: true,
        role,
        imports: [EchoModule],
        config: {
          ...ROUTER,
          backends,
          log: { level: 'error' },
        },
      });
      return { url: harness.url, close: () => harness.close() };
    },
    worker: (backends) => workerProcess(database, backends, ROUTER),
  });
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2));
  const { quick, extra, count } = options;
  const admin = new Pool({ connectionString: testDatabaseAdminUrl(), max: 2 });
  const database = await createTestDatabase('mwana_bench');
  const meters = { admin, stats: await statementsPool(database) };
  const smsc = await fakeSmsc();
  const runs: Run[] = [];
  const loadBefore = loadAverage();
  const started = new Date();
  let claims: ClaimFigures[] = [];
  let starts: StartFigures[] | null = null;
  const root = resolve(__dirname, '../../../..');
  try {
    for (const concurrency of options.concurrency) {
      const group: Run[] = [await bare(count, concurrency, database, admin, MIX)];
      for (let round = 0; round < options.repeat; round++)
        for (const role of options.roles)
          group.push(await mwana(role, 'mix', MIX, count, concurrency, database, meters, smsc));
      group.push(await bare(count, concurrency, database, admin, MIX));
      // The bare route runs before and after, and the ratios are against the two's mean: the machine's speed drifts.
      const baseline = (group[0].acceptedPerSecond + group[group.length - 1].acceptedPerSecond) / 2;
      for (const run of group) {
        run.vsBare = run.acceptedPerSecond / baseline;
        run.repliesVsBare = run.repliesPerSecond === null ? null : run.repliesPerSecond / baseline;
      }
      if (concurrency === 10 && options.alone) {
        for (const [traffic, text] of Object.entries(ALONE)) {
          const alone = await mwana('all', traffic, [text], count, concurrency, database, meters, smsc);
          alone.vsBare = alone.acceptedPerSecond / baseline;
          alone.repliesVsBare = (alone.repliesPerSecond ?? 0) / baseline;
          group.push(alone);
        }
      }
      runs.push(...group);
      process.stdout.write(`${table(group)}\n\n`);
    }
    if (options.extras) {
      claims = await claimBench(quick ? 20_000 : 50_000);
      starts = await countryStarts(root);
    }
  } finally {
    smsc.stop();
    await database.drop();
    await meters.stats.end();
    await admin.end();
  }
  // The realistic mix runs on Zambia's apps (core imports no app): its bench, by path, with the same options.
  const mix = join(root, 'countries/zambia/dist/bench/mix.bench.js');
  let mixStatus: number | null = null;
  if (options.mix && existsSync(mix)) {
    process.stdout.write('\n--- the realistic mix, on Zambia (countries/zambia/dist/bench/mix.bench.js) ---\n');
    mixStatus = spawnSync(process.execPath, [mix, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root }).status;
  }
  const hooks: Record<string, number | null> = { mix: mixStatus };
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
