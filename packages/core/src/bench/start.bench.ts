/**
 * `pnpm bench:start [--rounds N] [--country malawi]`: how fast and how large the embedded
 * default (`npm start`) is when it becomes healthy, in one run: a first start (a new data
 * folder) and a restart (the same folder), each the way a new database can begin:
 *   - template: the country's migrated template (dist/embedded, written by its build), the default;
 *   - base: the committed initdb base, then every migration (a template that does not fit);
 *   - initdb: PGlite's initdb and its own settings (128 MB of shared buffers), then every
 *     migration: the engine before issue 14 (and a PGlite with no base, but for the settings).
 * Figures are medians over the rounds, with the ratio to initdb's; CPU seconds are steadier
 * than seconds on a busy machine. JSON goes to bench/results/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCountry, type StartFigures } from './country-start';
import { percentile } from './stats';

const MODES = ['initdb', 'base', 'template'] as const;
type Mode = (typeof MODES)[number];

interface Row {
  readonly mode: Mode;
  readonly start: 'first start' | 'restart';
  readonly healthySeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly idleRssMb: number;
  readonly rounds: readonly StartFigures[];
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

function row(mode: Mode, start: Row['start'], rounds: StartFigures[]): Row {
  return {
    mode,
    start,
    healthySeconds: median(rounds.map((r) => r.healthySeconds)),
    cpuSeconds: median(rounds.map((r) => r.cpuSeconds)),
    peakRssMb: median(rounds.map((r) => r.peakRssMb)),
    idleRssMb: median(rounds.map((r) => r.idleRssMb)),
    rounds,
  };
}

function format(rows: readonly Row[]): string {
  const against = (r: Row) => rows.find((o) => o.mode === 'initdb' && o.start === r.start)!;
  const ratio = (v: number, of: number) => (of > 0 ? `${(v / of).toFixed(2)}` : '-');
  return [
    `${'start'.padEnd(12)} ${'from'.padEnd(9)} ${'healthy s'.padStart(9)} ${'vs initdb'.padStart(9)} ${'cpu s'.padStart(6)} ${'vs initdb'.padStart(9)} ${'peak RSS MB'.padStart(11)} ${'vs initdb'.padStart(9)} ${'idle RSS MB'.padStart(11)}`,
    ...rows.map((r) => {
      const base = against(r);
      return `${r.start.padEnd(12)} ${r.mode.padEnd(9)} ${r.healthySeconds.toFixed(2).padStart(9)} ${ratio(r.healthySeconds, base.healthySeconds).padStart(9)} ${r.cpuSeconds.toFixed(2).padStart(6)} ${ratio(r.cpuSeconds, base.cpuSeconds).padStart(9)} ${String(r.peakRssMb).padStart(11)} ${ratio(r.peakRssMb, base.peakRssMb).padStart(9)} ${String(r.idleRssMb).padStart(11)}`;
    }),
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const rounds = Number(option('--rounds') ?? 3);
  const country = option('--country') ?? 'malawi';
  const root = resolve(__dirname, '../../../..');
  const entry = join(root, 'countries', country, 'dist', 'main.js');
  const env: NodeJS.ProcessEnv = { ...process.env, MWANA__LOG__LEVEL: 'error', MWANA_ENV: 'development' };
  delete env.DATABASE_URL;
  const started = new Date();
  const loadBefore = loadAverage();
  const figures = new Map<string, StartFigures[]>();
  let port = 39_180;
  // Rounds outermost, the modes in turn within each: a machine's load drifts over a run.
  for (let round = 0; round < rounds; round++) {
    for (const mode of MODES) {
      const dir = mkdtempSync(join(tmpdir(), 'mwana-bench-start-'));
      try {
        const modeEnv = {
          ...env,
          MWANA__DATABASE__EMBEDDED__DATA_DIR: dir,
          MWANA_EMBEDDED_START: mode === 'template' ? '' : mode,
        };
        for (const start of ['first start', 'restart'] as const) {
          const f = await startCountry(entry, modeEnv, `${mode}, ${start}`, port++, 1000);
          figures.set(`${mode}|${start}`, [...(figures.get(`${mode}|${start}`) ?? []), f]);
          process.stdout.write(
            `round ${round + 1}/${rounds} ${mode.padEnd(8)} ${start.padEnd(11)} ${f.healthySeconds.toFixed(2)} s, ${f.cpuSeconds.toFixed(2)} cpu s, peak ${f.peakRssMb} MB\n`,
          );
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const rows = MODES.flatMap((mode) =>
    (['first start', 'restart'] as const).map((start) => row(mode, start, figures.get(`${mode}|${start}`)!)),
  );
  const result = {
    started: started.toISOString(),
    node: process.version,
    country,
    rounds,
    loadAverage: { before: loadBefore, after: loadAverage() },
    rows,
  };
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `start-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `\nmwana bench:start: ${country}'s server (countries/${country}/dist/main.js) on the embedded engine, spawn to a healthy /health; medians of ${rounds} round(s); node ${process.version}\n` +
      `load average before ${loadBefore}, after ${loadAverage()} (2 cores)\n` +
      'first start: a new data folder; restart: the same folder again. from: template (the default), base + every migration, initdb + every migration with PGlite own settings (before)\n\n' +
      `${format(rows)}\n\nfigures: ${file}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
