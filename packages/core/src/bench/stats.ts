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
  return { label, count: items.length, seconds, perSecond: items.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
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

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
