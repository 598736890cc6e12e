/** `pnpm bench`'s figures of one run, and the table it prints. */
export interface Run {
  readonly path: string;
  readonly traffic: string;
  readonly concurrency: number;
  readonly count: number;
  readonly acceptedPerSecond: number;
  readonly repliesPerSecond: number | null;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** The request alone (its answer), p99 ms; and from the answer to the reply reaching the gateway, p50 and p99. */
  readonly requestP99: number;
  readonly afterAnswerP50: number | null;
  readonly afterAnswerP99: number | null;
  readonly serverCpuMs: number;
  readonly pgCpuMs: number;
  readonly commitsPerSms: number;
  readonly statementsPerSms: number | null;
  readonly peakRssMb: number;
  /** Every SMS one reply, none twice (null for the bare route, which replies to nobody). */
  readonly exact: boolean | null;
  readonly missing: number;
  readonly twice: number;
  vsBare?: number;
  repliesVsBare?: number | null;
}

export function table(runs: readonly Run[]): string {
  const n = (v: number | null | undefined, digits = 0): string =>
    v === null || v === undefined ? '-' : v.toFixed(digits);
  const header = [
    'path'.padEnd(19),
    'traffic'.padEnd(12),
    'c'.padStart(3),
    'accepted/s'.padStart(10),
    'vs bare'.padStart(7),
    'replies/s'.padStart(9),
    'vs bare'.padStart(7),
    'p50 ms'.padStart(7),
    'p95 ms'.padStart(7),
    'p99 ms'.padStart(7),
    'req p99'.padStart(7),
    'after p50/p99'.padStart(13),
    'cpu srv'.padStart(7),
    'cpu pg'.padStart(6),
    'commits'.padStart(7),
    'stmts'.padStart(5),
    'RSS MB'.padStart(6),
    '  one reply each',
  ].join(' ');
  return [
    header,
    ...runs.map((r) =>
      [
        r.path.padEnd(19),
        r.traffic.padEnd(12),
        String(r.concurrency).padStart(3),
        n(r.acceptedPerSecond).padStart(10),
        n(r.vsBare, 2).padStart(7),
        n(r.repliesPerSecond).padStart(9),
        n(r.repliesVsBare, 2).padStart(7),
        n(r.p50, 1).padStart(7),
        n(r.p95, 1).padStart(7),
        n(r.p99, 1).padStart(7),
        n(r.requestP99, 1).padStart(7),
        (r.afterAnswerP50 === null ? '-' : `${n(r.afterAnswerP50, 0)}/${n(r.afterAnswerP99, 0)}`).padStart(13),
        n(r.serverCpuMs, 2).padStart(7),
        n(r.pgCpuMs, 2).padStart(6),
        n(r.commitsPerSms, 2).padStart(7),
        n(r.statementsPerSms, 1).padStart(5),
        String(r.peakRssMb).padStart(6),
        r.exact === null ? '' : r.exact ? '  yes' : `  NO (${r.missing} missing, ${r.twice} twice)`,
      ].join(' '),
    ),
  ].join('\n');
}
