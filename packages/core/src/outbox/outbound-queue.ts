import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { inTransaction, type PgQueryable, poolOf, runCustom, runPrepared } from '../database/prepared';
import { gatewaysConfig, type GatewaysSettings } from '../gateways/gateways.config';
import type { StatementPart } from '../message-log/outbound-send.repository';
import { OUTBOX } from './outbox-transitions';
import { QUEUE_SCHEMA } from '../database/queue-schema';

/** The pg-boss queue every outbound SMS goes through. */
export const OUTBOUND_QUEUE = 'mwana-outbound';

export { QUEUE_SCHEMA };

/** A job taken from the queue: one outbound message to send now. */
export interface OutboundJob {
  readonly jobId: string;
  readonly messageId: string;
  /** 1 for the first try; pg-boss counts the retries. */
  readonly attempt: number;
  /** False once the retries are spent: a failure now is final. */
  readonly canRetry: boolean;
}

/** The outbound queue's retry and lease policy, in pg-boss's terms. */
export interface QueuePolicy {
  /** Retries after the first try: `backends.maxAttempts` - 1. */
  readonly retryLimit: number;
  /** `backends.retryBaseSeconds`. */
  readonly retryDelay: number;
  readonly retryBackoff: boolean;
  /** `backends.leaseSeconds`. */
  readonly expireInSeconds: number;
}

function samePolicy(a: QueuePolicy, b: QueuePolicy): boolean {
  return (
    a.retryLimit === b.retryLimit &&
    a.retryDelay === b.retryDelay &&
    a.retryBackoff === b.retryBackoff &&
    a.expireInSeconds === b.expireInSeconds
  );
}

/** The outbound queue's policy as stored in this database (`mwana config` prints it), or null when there is no queue yet. */
export async function readQueuePolicy(client: PgQueryable): Promise<QueuePolicy | null> {
  const { rows } = await runPrepared<{
    retry_limit: number;
    retry_delay: number;
    retry_backoff: boolean;
    expire_seconds: number;
  }>(
    client,
    `SELECT retry_limit, retry_delay, retry_backoff, expire_seconds FROM ${QUEUE_SCHEMA}.queue WHERE name = $1`,
    [OUTBOUND_QUEUE],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    retryLimit: row.retry_limit,
    retryDelay: row.retry_delay,
    retryBackoff: row.retry_backoff,
    expireInSeconds: row.expire_seconds,
  };
}

/** What pg-boss needs of a database: one statement (or a script without parameters) at a time. */
interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss's statements on this client: prepared once per connection, or (`custom`, for the
 * fetch and the completion, whose best plan depends on how much is queued) planned each time.
 */
function executor(client: PgQueryable, custom = false): SqlExecutor {
  return { executeSql: (text, values) => (custom ? runCustom : runPrepared)(client, text, values) };
}

/**
 * The order pg-boss's fetch takes jobs in (replies first, then the oldest), as an index of the
 * jobs still to run: the fetch walks it and stops after a batch, instead of sorting every job
 * queued (pg-boss's own `job_i5` keys on start_after). On the partitioned job table, so each
 * queue's partition has it.
 */
const FETCH_ORDER_INDEX = `CREATE INDEX IF NOT EXISTS job_fetch_order ON ${QUEUE_SCHEMA}.job (name, priority DESC, created_on, id)
  WHERE state < 'active'`;

/**
 * The durable outbound queue, on pg-boss: a job per outbound message, inserted in the
 * transaction that writes the message row (no job for a row rolled back, no row without its
 * job), replies at a higher priority than bulk, retried by pg-boss with exponential backoff
 * up to `backends.maxAttempts`, and taken again when a sender died holding it (its job
 * expires after `backends.leaseSeconds`, and the next maintenance hands it back). pg-boss runs through TypeORM's own pool, so it
 * works the same on PostgreSQL and on the embedded engine, and creates its schema at boot.
 */
@Injectable()
export class OutboundQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly settings: GatewaysSettings;
  private readonly boss: PgBoss;

  constructor(
    private readonly dataSource: DataSource,
    config: MwanaConfig,
  ) {
    this.settings = config.section(gatewaysConfig);
    this.boss = new PgBoss({
      db: executor(poolOf(dataSource)),
      schema: QUEUE_SCHEMA,
      // Mwana's scheduler runs the jobs, and the outbox worker's loop the maintenance
      // (`maintain()`): pg-boss keeps no timer of its own.
      schedule: false,
      supervise: false,
      ...this.retryPolicy(),
    });
  }

  /**
   * Starts pg-boss, creates the queue on first boot and, on every later one, sets its policy
   * (and that of the jobs not yet taken) to `backends.maxAttempts`, `retryBaseSeconds` and
   * `leaseSeconds` as configured now: a changed setting takes effect on the next boot.
   */
  async onModuleInit(): Promise<void> {
    await this.boss.start();
    await this.applyPolicy();
    // An API and a worker booting at once: one creates the index, the other finds it.
    await inTransaction(this.dataSource, async (client) => {
      await runPrepared(client, 'SELECT pg_advisory_xact_lock($1)', [0x6d77616e]);
      await runCustom(client, FETCH_ORDER_INDEX);
    });
  }

  private async applyPolicy(): Promise<void> {
    const policy = this.retryPolicy();
    if (!(await this.boss.getQueue(OUTBOUND_QUEUE))) {
      await this.boss.createQueue(OUTBOUND_QUEUE, { name: OUTBOUND_QUEUE, policy: 'standard', ...policy });
      return;
    }
    const inForce = await this.policy();
    if (inForce && samePolicy(inForce, policy)) return;
    await this.boss.updateQueue(OUTBOUND_QUEUE, { name: OUTBOUND_QUEUE, policy: 'standard', ...policy });
    // Each job carries its own copy of the policy (jobsFor): the waiting ones take the new one.
    await runPrepared(
      poolOf(this.dataSource),
      `UPDATE ${QUEUE_SCHEMA}.job SET retry_limit = $2, retry_delay = $3, retry_backoff = $4, expire_in = $5 * interval '1 second'
        WHERE name = $1 AND state IN ('created', 'retry')`,
      [OUTBOUND_QUEUE, policy.retryLimit, policy.retryDelay, policy.retryBackoff, policy.expireInSeconds],
    );
  }

  /** The queue's policy as the database holds it (what is in force), or null before the first boot. */
  async policy(): Promise<QueuePolicy | null> {
    return readQueuePolicy(poolOf(this.dataSource));
  }

  async onApplicationShutdown(): Promise<void> {
    // The pool is TypeORM's: pg-boss must not close it, nor fail the jobs a sender holds.
    await this.boss.stop({ close: false, graceful: false, wait: true });
  }

  /**
   * The statement that queues a job for each row of `rows` (a CTE of message `id`, `status`
   * and `priority`) that the outbox's `queue` step wrote, for a WITH list: so the message rows
   * and their jobs are one statement, atomic without a transaction of their own. It writes
   * what pg-boss's own insert writes for this queue, its retry, expiry and retention taken
   * from the queue's row (set from `backends` at boot): a copy of pg-boss 10.4's insert, the
   * version pinned in package.json; `outbox.int-spec.ts` holds the two side by side, so an
   * upgrade that changes pg-boss's insert fails there. Replies are fetched ahead of bulk.
   */
  jobsFor(rows: string): string {
    const priority = `CASE WHEN r.priority = 'reply' THEN 1 ELSE 0 END`;
    return `INSERT INTO ${QUEUE_SCHEMA}.job (name, data, priority, retry_limit, retry_delay, retry_backoff, expire_in, keep_until, dead_letter, policy)
       SELECT q.name, jsonb_build_object('messageId', r.id::text), ${priority}, coalesce(q.retry_limit, 2),
              CASE WHEN coalesce(q.retry_backoff, false) THEN greatest(coalesce(q.retry_delay, 0), 1) ELSE coalesce(q.retry_delay, 0) END,
              coalesce(q.retry_backoff, false), coalesce(q.expire_seconds * interval '1 second', interval '15 minutes'),
              now() + coalesce(q.retention_minutes * interval '1 minute', interval '14 days'), q.dead_letter, q.policy
         FROM ${rows} r JOIN ${QUEUE_SCHEMA}.queue q ON q.name = '${OUTBOUND_QUEUE}'
        WHERE r.status = '${OUTBOX.queue.to}'`;
  }

  /** Takes up to `limit` jobs due now, replies first, then oldest; each is ours until it expires. On `client`, in its transaction. */
  async fetch(limit: number, client?: PgQueryable): Promise<OutboundJob[]> {
    const jobs = await this.boss.fetch<{ messageId: string }>(OUTBOUND_QUEUE, {
      batchSize: limit,
      includeMetadata: true,
      ...this.on(client, true),
    });
    // An UPDATE ... RETURNING keeps no order: replies first again, then the oldest message.
    return (jobs ?? [])
      .sort((a, b) => b.priority - a.priority || Number(a.data.messageId) - Number(b.data.messageId))
      .map((job) => ({
        jobId: job.id,
        messageId: String(job.data.messageId),
        attempt: job.retryCount + 1,
        canRetry: job.retryCount < job.retryLimit,
      }));
  }

  /** These jobs are done (sent, or nothing left to send). On `client`, in its transaction. */
  async complete(jobIds: readonly string[], client?: PgQueryable): Promise<void> {
    if (jobIds.length === 0) return;
    // pg-boss 10 takes (name, ids, data, options): its types leave out data when ids is an array.
    const complete = this.boss.complete.bind(this.boss) as unknown as (
      name: string,
      ids: string[],
      data: null,
      options: { db?: SqlExecutor },
    ) => Promise<unknown>;
    await complete(OUTBOUND_QUEUE, [...jobIds], null, this.on(client, true));
  }

  /**
   * The jobs of recorded outcomes, for the WITH list of the statement that records them
   * (`OutboundSendRepository.record`): those to wait go back to `created` until their
   * `startAfter`, their try not counted (as `defer`), those done are `completed` (as pg-boss
   * 10.4's `completeJobs`, as `complete` runs it). One job is in one list only.
   */
  settling(
    deferred: ReadonlyArray<{ readonly jobId: string; readonly startAfter: Date }>,
    completed: readonly string[],
  ): StatementPart {
    return {
      sql: (n) => `deferred AS (
          UPDATE ${QUEUE_SCHEMA}.job j SET state = 'created', start_after = d.start_after, started_on = NULL
            FROM unnest($${n}::uuid[], $${n + 1}::timestamptz[]) AS d(id, start_after)
           WHERE j.name = '${OUTBOUND_QUEUE}' AND j.id = d.id AND j.state = 'active'
        ), completed AS (
          UPDATE ${QUEUE_SCHEMA}.job SET completed_on = now(), state = 'completed', output = NULL
           WHERE name = '${OUTBOUND_QUEUE}' AND id = ANY($${n + 2}::uuid[]) AND state = 'active'
        )`,
      values: [deferred.map((j) => j.jobId), deferred.map((j) => j.startAfter), [...completed]],
    };
  }

  /** The try failed: pg-boss retries it after its backoff, or fails it for good; answers when the next try is due. */
  async fail(job: OutboundJob, reason: string): Promise<Date | null> {
    await this.boss.fail(OUTBOUND_QUEUE, job.jobId, { reason });
    if (!job.canRetry) return null;
    const rows: Array<{ start_after: Date }> = await this.dataSource.query(
      `SELECT start_after FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND id = $2`,
      [OUTBOUND_QUEUE, job.jobId],
    );
    return rows[0]?.start_after ?? null;
  }

  /**
   * These taken jobs go back to wait until `startAfter`, their try not counted (a later part
   * of a reply whose earlier part is still to send). On `client`, in its transaction.
   */
  async defer(
    jobs: ReadonlyArray<{ readonly jobId: string; readonly startAfter: Date }>,
    client: PgQueryable,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await runPrepared(
      client,
      `UPDATE ${QUEUE_SCHEMA}.job j SET state = 'created', start_after = d.start_after, started_on = NULL
         FROM unnest($2::uuid[], $3::timestamptz[]) AS d(id, start_after)
        WHERE j.name = $1 AND j.id = d.id AND j.state = 'active'`,
      [OUTBOUND_QUEUE, jobs.map((j) => j.jobId), jobs.map((j) => j.startAfter)],
    );
  }

  /** The jobs of these messages, taken by a sender that died, are due again now, their try not counted. */
  async handBack(messageIds: readonly string[], client: PgQueryable): Promise<void> {
    if (messageIds.length === 0) return;
    await runPrepared(
      client,
      `UPDATE ${QUEUE_SCHEMA}.job SET state = 'retry', start_after = now(), started_on = NULL
        WHERE name = $1 AND state = 'active' AND data->>'messageId' = ANY($2::text[])`,
      [OUTBOUND_QUEUE, messageIds],
    );
  }

  /** The gateway refused it for good: no retry. */
  async cancel(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length > 0) await this.boss.cancel(OUTBOUND_QUEUE, [...jobIds]);
  }

  /** Hands back the jobs of senders that died holding them, and archives the finished ones. */
  async maintain(): Promise<void> {
    await this.boss.maintain();
  }

  /** pg-boss's option to run a command on this client instead of its own pool. */
  private on(client: PgQueryable | undefined, custom = false): { db?: SqlExecutor } {
    return client ? { db: executor(client, custom) } : {};
  }

  private retryPolicy(): QueuePolicy {
    return {
      retryLimit: this.settings.maxAttempts - 1,
      retryDelay: this.settings.retryBaseSeconds,
      retryBackoff: true,
      expireInSeconds: this.settings.leaseSeconds,
    };
  }
}
