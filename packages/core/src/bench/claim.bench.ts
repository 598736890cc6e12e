/**
 * node packages/core/dist/bench/claim.bench.js (also part of `pnpm bench`): the sender's
 * claim of 100 replies (pg-boss's fetch of the jobs, then the message rows marked `sending`)
 * with 100 queued and with 50,000 queued, on a fresh PostgreSQL database. Statistics are
 * taken while the queue is short and not again (autovacuum is off on this machine, and a
 * real queue grows faster than its statistics): a claim whose plan depends on the backlog
 * shows it here. Each claim is rolled back, so every round sees the same queue; the first
 * five rounds on a connection are custom plans, the rest the prepared statement's generic
 * plan. Prints figures; asserts nothing.
 */
import { DataSource } from 'typeorm';
import { type PgQueryable } from '../database/prepared';
import { OutboundSendRepository } from '../message-log/outbound-send.repository';
import { BatchClaim } from '../outbox/batch-claim';
import { OutboundQueue } from '../outbox/outbound-queue';
import { OUTBOX } from '../outbox/outbox-transitions';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { createTestDatabase } from '../testing/test-database';
import { percentile } from './stats';

export interface ClaimFigures {
  readonly queued: number;
  /** Milliseconds per claim of 100, custom plans (the first five rounds) and generic ones (the rest). */
  readonly fetchCustomMs: number;
  readonly fetchGenericMs: number;
  readonly claimGenericMs: number;
  /** The sender's own claim (`BatchClaim`: fetch, claim, earlier parts and send slots in one statement), ms per 100. */
  readonly batchClaimMs: number;
  /** The index (or sort) the fetch's plan uses. */
  readonly fetchPlan: string;
}

const ROUNDS = 15;
const BATCH = 100;

async function queue(dataSource: DataSource, jobs: OutboundQueue, connectionId: number, count: number): Promise<void> {
  for (let done = 0; done < count; done += 10_000) {
    await dataSource.query(
      `WITH reply AS (
         INSERT INTO message (direction, connection_id, text, status, priority, backend, created_at, updated_at)
         SELECT 'out', $1, 'bench ' || g, 'queued', 'reply', 'zain', now(), now() FROM generate_series(1, $2) g
         RETURNING id, status, priority)
       ${jobs.jobsFor('reply')}`,
      [connectionId, Math.min(10_000, count - done)],
    );
  }
}

async function measure(
  dataSource: DataSource,
  jobs: OutboundQueue,
  repository: OutboundSendRepository,
  batchClaim: BatchClaim,
  queued: number,
): Promise<ClaimFigures> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PgQueryable & { query(text: string): Promise<{ rows: unknown[] }> };
  const fetchMs: number[] = [];
  const claimMs: number[] = [];
  const batchMs: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await client.query('BEGIN');
      const t0 = performance.now();
      const fetched = await jobs.fetch(BATCH, client);
      const t1 = performance.now();
      await repository.claim(client, fetched, OUTBOX.claim, new Date());
      const t2 = performance.now();
      await client.query('ROLLBACK');
      if (fetched.length !== Math.min(BATCH, queued)) throw new Error(`fetched ${fetched.length} of ${queued}`);
      fetchMs.push(t1 - t0);
      claimMs.push(t2 - t1);
      await client.query('BEGIN');
      const t3 = performance.now();
      const batch = await batchClaim.take(BATCH, ['zain'], new Date(), null, client);
      batchMs.push(performance.now() - t3);
      await client.query('ROLLBACK');
      if (batch.claimed.length !== Math.min(BATCH, queued))
        throw new Error(`claimed ${batch.claimed.length} of ${queued}`);
    }
    const { rows } = await client.query(
      `EXPLAIN SELECT id FROM pgboss.job WHERE name = 'mwana-outbound' AND state < 'active' AND start_after < now()
        ORDER BY priority desc, created_on, id LIMIT 100 FOR UPDATE SKIP LOCKED`,
    );
    if (process.env.CLAIM_EXPLAIN) {
      await client.query('BEGIN');
      const ids = (await jobs.fetch(BATCH, client)).map((j) => j.messageId);
      const explained = await client.query(
        `EXPLAIN ANALYZE UPDATE message m SET status = 'sending', attempts = a.attempt, lease_until = NULL, updated_at = now()
           FROM connection c, unnest('{${ids.join(',')}}'::bigint[], '{${ids.map(() => 1).join(',')}}'::int[]) AS a(id, attempt)
          WHERE m.id = a.id AND c.id = m.connection_id AND m.direction = 'out' AND m.status = ANY('{queued,retrying}'::varchar[])`,
      );
      await client.query('ROLLBACK');
      process.stdout.write(
        `${(explained.rows as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n')}\n`,
      );
    }
    const plan = (rows as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n');
    const median = (values: number[]): number =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    return {
      queued,
      fetchCustomMs: median(fetchMs.slice(0, 5)),
      fetchGenericMs: median(fetchMs.slice(5)),
      claimGenericMs: median(claimMs.slice(5)),
      batchClaimMs: median(batchMs),
      fetchPlan: /Sort/.test(plan.split('\n').slice(0, 4).join(' '))
        ? 'sorts the backlog'
        : (/Index (?:Only )?Scan using (\S+)/.exec(plan)?.[1] ?? plan.split('\n')[0]),
    };
  } finally {
    await runner.release();
  }
}

/** The claim at 100 and at 50,000 queued (or `large`), on a database of its own. */
export async function claimBench(large = 50_000): Promise<ClaimFigures[]> {
  const database = await createTestDatabase('mwana_bench_claim');
  const harness = await ConversationHarness.create({
    database,
    role: 'api',
    imports: [EchoModule],
    config: { backends: { pollMs: 0 }, log: { level: 'error' } },
  });
  try {
    const dataSource = harness.dataSource;
    const jobs = harness.get(OutboundQueue);
    const repository = harness.get(OutboundSendRepository);
    const batchClaim = harness.get(BatchClaim);
    const [{ id }] = (await dataSource.query(
      `INSERT INTO connection (backend, identity) VALUES ('zain', '+260970000001') RETURNING id`,
    )) as Array<{ id: number }>;
    await queue(dataSource, jobs, id, BATCH);
    await dataSource.query('ANALYZE');
    const small = await measure(dataSource, jobs, repository, batchClaim, BATCH);
    await queue(dataSource, jobs, id, large - BATCH);
    const big = await measure(dataSource, jobs, repository, batchClaim, large);
    return [small, big];
  } finally {
    await harness.close();
    await database.drop();
  }
}

export function formatClaims(figures: readonly ClaimFigures[]): string {
  const [small] = figures;
  return [
    `${'queued'.padStart(8)} ${'fetch custom ms'.padStart(16)} ${'fetch generic ms'.padStart(17)} ${'claim rows ms'.padStart(14)} ${'vs 100'.padStart(7)} ${'one-statement ms'.padStart(17)} ${'vs 100'.padStart(7)}  fetch plan`,
    ...figures.map(
      (f) =>
        `${String(f.queued).padStart(8)} ${f.fetchCustomMs.toFixed(2).padStart(16)} ${f.fetchGenericMs.toFixed(2).padStart(17)} ${f.claimGenericMs.toFixed(2).padStart(14)} ${((f.fetchGenericMs + f.claimGenericMs) / (small.fetchGenericMs + small.claimGenericMs)).toFixed(2).padStart(7)} ${f.batchClaimMs.toFixed(2).padStart(17)} ${(f.batchClaimMs / small.batchClaimMs).toFixed(2).padStart(7)}  ${f.fetchPlan}`,
    ),
  ].join('\n');
}

if (require.main === module) {
  claimBench(Number(process.argv[2] ?? 50_000)).then(
    (figures) =>
      process.stdout.write(`claim of ${BATCH} (fetch + message rows), median ms\n${formatClaims(figures)}\n`),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
