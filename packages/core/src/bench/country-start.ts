/**
 * A country's server as `npm start` runs it (`countries/<country>/dist/main.js`), timed from
 * spawn to its first healthy /health, with its peak RSS and CPU seconds then and its RSS idle
 * 3 s later: on PostgreSQL (a fresh database), and on the embedded engine (a fresh data
 * folder, started twice: the first start creates and migrates it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../testing/test-database';
import { processCpu, processPeakRssMb, processRssMb } from './process-figures';

export interface StartFigures {
  readonly database: string;
  readonly healthySeconds: number;
  readonly peakRssMb: number;
  /** CPU seconds (user + system) the server used until healthy: steadier than seconds on a busy machine. */
  readonly cpuSeconds: number;
  readonly idleRssMb: number;
}

/** Starts the server at `entry` with `env`, waits for a healthy /health, measures, stops it. */
export async function startCountry(
  entry: string,
  env: NodeJS.ProcessEnv,
  database: string,
  port: number,
  idleMs = 3000,
): Promise<StartFigures> {
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server stopped (${child.exitCode}): ${errors.slice(-1000)}`);
      if (performance.now() - started > 180_000) throw new Error('the server was not healthy in 180 s');
      const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (healthy) break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    const healthySeconds = (performance.now() - started) / 1000;
    const peakRssMb = processPeakRssMb(child.pid!);
    const cpuSeconds = processCpu(child.pid!);
    await new Promise((ok) => setTimeout(ok, idleMs));
    return { database, healthySeconds, peakRssMb, cpuSeconds, idleRssMb: processRssMb(child.pid!) };
  } finally {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Null when the country is not built. */
export async function countryStarts(root: string, country = 'malawi'): Promise<StartFigures[] | null> {
  const entry = join(root, 'countries', country, 'dist', 'main.js');
  if (!existsSync(entry)) return null;
  const base: NodeJS.ProcessEnv = { ...process.env, MWANA__LOG__LEVEL: 'error' };
  delete base.DATABASE_URL;
  const figures: StartFigures[] = [];
  const database = await createTestDatabase('mwana_bench_start');
  try {
    figures.push(await startCountry(entry, { ...base, DATABASE_URL: database.url }, 'PostgreSQL, first start', 39_170));
    figures.push(await startCountry(entry, { ...base, DATABASE_URL: database.url }, 'PostgreSQL, again', 39_171));
  } finally {
    await database.drop();
  }
  const dir = mkdtempSync(join(tmpdir(), 'mwana-bench-pglite-'));
  try {
    const embedded = { ...base, MWANA__DATABASE__EMBEDDED__DATA_DIR: dir };
    figures.push(await startCountry(entry, embedded, 'embedded, first start', 39_172));
    figures.push(await startCountry(entry, embedded, 'embedded, again', 39_173));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export function formatStarts(figures: readonly StartFigures[]): string {
  return [
    `${'database'.padEnd(26)} ${'healthy s'.padStart(9)} ${'cpu s'.padStart(6)} ${'peak RSS MB'.padStart(11)} ${'idle RSS MB'.padStart(11)}`,
    ...figures.map(
      (f) =>
        `${f.database.padEnd(26)} ${f.healthySeconds.toFixed(2).padStart(9)} ${f.cpuSeconds.toFixed(2).padStart(6)} ${String(f.peakRssMb).padStart(11)} ${String(f.idleRssMb).padStart(11)}`,
    ),
  ].join('\n');
}
