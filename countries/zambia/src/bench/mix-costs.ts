/** The mix bench's cost table: each kind of SMS alone, its CPU and statements per SMS against the cheapest kind's. */
import type { Run } from '@mwana/core/bench';

export interface KindCost {
  readonly kind: string;
  /** Server CPU + PostgreSQL CPU, ms per SMS. */
  readonly cpuMs: number;
  readonly run: Run;
}

export function costTable(costs: readonly KindCost[]): string {
  const cheapest = Math.min(...costs.map((c) => c.cpuMs));
  const fewest = Math.min(...costs.map((c) => c.run.statementsPerSms ?? Infinity));
  const header = [
    'kind'.padEnd(8),
    'cpu srv'.padStart(7),
    'cpu pg'.padStart(6),
    'cpu ms'.padStart(6),
    'vs cheapest'.padStart(11),
    'stmts'.padStart(6),
    'vs fewest'.padStart(9),
    'replies/s'.padStart(9),
    'p99 ms'.padStart(7),
  ];
  return [
    header.join(' '),
    ...costs.map((c) =>
      [
        c.kind.padEnd(8),
        c.run.serverCpuMs.toFixed(2).padStart(7),
        c.run.pgCpuMs.toFixed(2).padStart(6),
        c.cpuMs.toFixed(2).padStart(6),
        `${(c.cpuMs / cheapest).toFixed(2)}x`.padStart(11),
        (c.run.statementsPerSms === null ? '-' : c.run.statementsPerSms.toFixed(1)).padStart(6),
        (c.run.statementsPerSms === null ? '-' : `${(c.run.statementsPerSms / fewest).toFixed(2)}x`).padStart(9),
        (c.run.repliesPerSecond ?? 0).toFixed(0).padStart(9),
        c.run.p99.toFixed(1).padStart(7),
      ].join(' '),
    ),
  ].join('\n');
}
