import { existsSync, readFileSync } from 'node:fs';

/** Small helpers the benchmark scripts share: percentiles, rates, peak memory. */

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}

export interface RunFigures {
  readonly label: string;
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** Runs `work` for each item with `concurrency` in flight; times each call. */
export async function timed<T>(
  label: string,
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t0 = performance.now();
        await work(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    count: items.length,
    seconds,
    perSecond: items.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export function formatFigures(rows: readonly RunFigures[], baseline?: RunFigures): string {
  const header = `${'run'.padEnd(44)} ${'messages'.padStart(8)} ${'msg/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}${baseline ? `  ${'vs baseline'.padStart(11)}` : ''}`;
  const lines = rows.map(
    (r) =>
      `${r.label.padEnd(44)} ${String(r.count).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)}` +
      (baseline ? `  ${(r.perSecond / baseline.perSecond).toFixed(3).padStart(10)}x` : ''),
  );
  return [header, ...lines].join('\n');
}

/**
 * The CPU the whole machine spends from now (every process: server, database, load and
 * fake gateway), in seconds, read from /proc/stat: busy time, not time waited or stolen by
 * the host, so it moves less than throughput on a noisy machine. Null where there is no /proc.
 */
export function machineCpu(): () => number | null {
  const busy = (): number | null => {
    if (!existsSync('/proc/stat')) return null;
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal ...: busy is user + nice + system + irq + softirq.
    const [user, nice, system, , , irq, softirq] = fields.map(Number);
    return (user + nice + system + irq + softirq) / 100;
  };
  const start = busy();
  return () => {
    const now = busy();
    return start === null || now === null ? null : now - start;
  };
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
