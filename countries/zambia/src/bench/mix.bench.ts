/**
 * `node countries/zambia/dist/bench/mix.bench.js [--quick] [--concurrency 10] [--roles all,api]`
 * (run by `pnpm bench` after core's runs): the realistic mix on Zambia's apps and seeded data
 * (JOIN, CHECK, the PIN reply, RESULT, SENT, BIRTH, TOLD, MSG, an unknown text, a Bemba text;
 * `mix-traffic.ts`), each request a new phone through the Kannel endpoint, replies to a fake
 * Kannel, against the bare route of the same run (before and after); then, at c=10 in `all`,
 * each kind alone, and its cost per SMS (server CPU + PostgreSQL CPU, statements) against the
 * cheapest kind's. A fresh database on TEST_DATABASE_URL, VACUUM ANALYZEd before each run
 * (autovacuum is off on this machine); statements need pg_stat_statements loaded by the server.
 * Writes JSON to bench/results/ and prints tables. Asserts nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  adminPool,
  bare,
  type BenchMeters,
  benchOptions,
  fakeSmsc,
  forkWorker,
  mwanaRun,
  type Run,
  type Smsc,
  statementsPool,
  table,
} from '@mwana/core/bench';
import { createTestDatabase, type TestDatabase } from '@mwana/core/testing';
import { createZambiaHarness } from '../testing/zambia.harness';
import { type Kind, KINDS, seed, seeding, TEXT } from './mix-traffic';
import { costTable, type KindCost } from './mix-costs';

let nextPhone = 1_000_000;

function zambiaRun(
  role: 'all' | 'api',
  kinds: readonly Kind[],
  count: number,
  concurrency: number,
  database: TestDatabase,
  meters: BenchMeters,
  smsc: Smsc,
): Promise<Run> {
  const firstPhone = nextPhone;
  nextPhone += count;
  let harness: Awaited<ReturnType<typeof createZambiaHarness>> | null = null;
  return mwanaRun({
    role,
    traffic: kinds.length === 1 ? kinds[0] : 'mix',
    texts: kinds.map((kind) => TEXT[kind]),
    count,
    concurrency,
    firstPhone,
    database,
    meters,
    smsc,
    start: async (backends) => {
      harness = await createZambiaHarness({
        database,
        http: true,
        role,
        config: { backends, log: { level: 'error' } },
      });
      const started = harness;
      return { url: started.url, close: () => started.close() };
    },
    worker: (backends) => forkWorker(join(__dirname, 'mix-worker.js'), database, backends),
    prepare: (server) => seed(seeding(kinds, firstPhone, count), harness!, server, smsc),
  });
}

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2));
  const { count } = options;
  const admin = adminPool();
  const database = await createTestDatabase('mwana_mix');
  const meters = { admin, stats: await statementsPool(database) };
  const smsc = await fakeSmsc();
  const runs: Run[] = [];
  const costs: KindCost[] = [];
  const started = new Date();
  const texts = KINDS.map((kind) => TEXT[kind]);
  // `--kinds PIN,JOIN`: only those kinds alone (no mix), to profile one.
  const kindsAt = process.argv.indexOf('--kinds');
  const only = kindsAt >= 0 ? (process.argv[kindsAt + 1] ?? '').split(',') : null;
  for (const kind of only ?? [])
    if (!KINDS.includes(kind as Kind)) throw new Error(`--kinds: "${kind}" is none of ${KINDS.join(', ')}`);
  try {
    for (const concurrency of options.concurrency) {
      const group: Run[] = [await bare(count, concurrency, database, admin, texts)];
      for (let round = 0; round < (only ? 0 : options.repeat); round++)
        for (const role of options.roles)
          group.push(await zambiaRun(role, KINDS, count, concurrency, database, meters, smsc));
      group.push(await bare(count, concurrency, database, admin, texts));
      const baseline = (group[0].acceptedPerSecond + group[group.length - 1].acceptedPerSecond) / 2;
      if (concurrency === 10 && options.alone)
        for (const kind of (only as Kind[] | null) ?? KINDS) {
          const alone = await zambiaRun('all', [kind], count, concurrency, database, meters, smsc);
          group.push(alone);
          costs.push({ kind, cpuMs: alone.serverCpuMs + alone.pgCpuMs, run: alone });
        }
      for (const run of group) {
        run.vsBare = run.acceptedPerSecond / baseline;
        run.repliesVsBare = run.repliesPerSecond === null ? null : run.repliesPerSecond / baseline;
      }
      runs.push(...group);
      process.stdout.write(`Zambia, realistic mix\n${table(group)}\n\n`);
    }
  } finally {
    smsc.stop();
    await meters.stats.end();
    await database.drop();
    await admin.end();
  }
  const root = resolve(__dirname, '../../../..');
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `mix-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ started: started.toISOString(), quick: options.quick, runs, costs }, null, 2)}\n`,
  );
  if (costs.length > 0) process.stdout.write(`each kind alone, c=10, all: cost per SMS\n${costTable(costs)}\n\n`);
  process.stdout.write(`figures: ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
