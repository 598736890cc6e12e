/**
 * One Mwana run of `pnpm bench`: SMS through the Kannel endpoint of a server the caller starts
 * (core's ECHO apps, or a country's apps on seeded data), replies to the fake Kannel, and the
 * figures of the run (`Run`). Each request comes from a new phone (`firstPhone + i`), so the
 * fake Kannel can tell whether every SMS got its reply, and none the same reply twice.
 */
import type { Pool } from 'pg';
import type { TestDatabase } from '../testing/test-database';
import { drive, meter, type Smsc, vacuum } from './bench-processes';
import type { Run } from './bench-table';
import { commits, processPeakRssMb, statements } from './process-figures';
import { percentile } from './stats';

export const BENCH_SECRET = 'bench-secret-0123456789';

/** The gateway config of a run: one Kannel gateway (`zain`) sending to the fake Kannel. */
export function benchBackends(smsc: Smsc, role: 'all' | 'api'): Record<string, unknown> {
  const gateways = {
    zain: {
      type: 'kannel',
      username: 'bench',
      password: 'bench',
      sendsmsUrl: smsc.url,
      secret: BENCH_SECRET,
      dlrMask: 0,
    },
  };
  // A worker learns of what the API stored by polling its inbox (every 20 ms here).
  return { gateways, pollMs: role === 'api' ? 20 : 1000, rateLimit: 100_000 };
}

/** A server of the run: its base URL and how to stop it (a worker process: its pid and peak RSS). */
export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}
export interface BenchWorker {
  readonly pid: number;
  stop(): Promise<number>;
}

/** Where the figures come from: the admin pool (commits, backends) and one on the bench database (pg_stat_statements). */
export interface BenchMeters {
  readonly admin: Pool;
  readonly stats: Pool;
}

export interface MwanaRunOrder {
  readonly role: 'all' | 'api';
  readonly traffic: string;
  readonly texts: readonly string[];
  readonly count: number;
  readonly concurrency: number;
  readonly firstPhone: number;
  readonly database: TestDatabase;
  readonly meters: BenchMeters;
  readonly smsc: Smsc;
  /** Starts the API (or `all`) server with these backends. */
  start(backends: Record<string, unknown>): Promise<BenchServer>;
  /** Starts a worker process (role api). */
  worker?(backends: Record<string, unknown>): Promise<BenchWorker>;
  /** Before the clock starts, with the server up (seeding through it): nothing by default. */
  prepare?(server: BenchServer): Promise<void>;
}

/** The URL template of the load generator for a server: the Kannel inbound route, a new phone each request. */
export function kannelUrl(server: BenchServer): string {
  return `${server.url}/backends/zain/incoming?secret=${BENCH_SECRET}&id=%2B26097{phone}&text={text}&message_id=b{phone}`;
}

/** Waits until the phones `first` .. `first + count - 1` each have a reply (or `timeoutMs` passed). */
export async function awaitReplies(smsc: Smsc, first: number, count: number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let answer = await smsc.ask({ first, count });
  while (answer.arrived < count && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 5));
    answer = await smsc.ask({ first, count });
  }
  return answer.arrived;
}

export async function mwanaRun(order: MwanaRunOrder): Promise<Run> {
  const { role, count, database, smsc, firstPhone } = order;
  const { admin, stats } = order.meters;
  const backends = benchBackends(smsc, role);
  await vacuum(database);
  const api = await order.start(backends);
  const worker = role === 'api' && order.worker ? await order.worker(backends) : null;
  let closed = false;
  try {
    await order.prepare?.(api);
    await vacuum(database);
    // BENCH_RESET_STATEMENTS=1: pg_stat_statements then holds this run's statements alone (to profile one kind).
    if (process.env.BENCH_RESET_STATEMENTS) await stats.query('SELECT pg_stat_statements_reset()');
    const before = { commits: await commits(admin, database.name), statements: await statements(stats, database.name) };
    const cpu = await meter(admin, database.name, [process.pid, ...(worker ? [worker.pid] : [])]);
    const started = performance.now();
    const load = await drive({
      url: kannelUrl(api),
      count,
      concurrency: order.concurrency,
      firstPhone,
      texts: order.texts,
    });
    await awaitReplies(smsc, firstPhone, count);
    const delivered = (performance.now() - started) / 1000;
    const spent = await cpu.finish();
    // A second reply to the same SMS would come after the first: give it time to show.
    await new Promise((ok) => setTimeout(ok, 500));
    const final = await smsc.ask({ first: firstPhone, count, times: true });
    const endToEnd = final.arrivals!.flatMap((at, i) => (at > 0 ? [at - load.sentAt[i]] : [])).sort((a, b) => a - b);
    const afterAnswer = final.arrivals!.flatMap((at, i) => (at > 0 ? [at - load.doneAt[i]] : [])).sort((a, b) => a - b);
    const workerRss = worker ? await worker.stop() : 0;
    await api.close();
    closed = true;
    // The pool's backends flushed their statistics as they exited.
    await new Promise((ok) => setTimeout(ok, 300));
    const after = { commits: await commits(admin, database.name), statements: await statements(stats, database.name) };
    return {
      path: role === 'all' ? 'Mwana all' : 'Mwana api + worker',
      traffic: order.traffic,
      concurrency: order.concurrency,
      count,
      acceptedPerSecond: count / load.seconds,
      repliesPerSecond: final.arrived / delivered,
      p50: percentile(endToEnd, 50),
      p95: percentile(endToEnd, 95),
      p99: percentile(endToEnd, 99),
      requestP99: percentile(load.latencies, 99),
      afterAnswerP50: percentile(afterAnswer, 50),
      afterAnswerP99: percentile(afterAnswer, 99),
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
