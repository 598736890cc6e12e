import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { inTransaction, type PgQueryable, poolOf, runCustom, runPrepared } from '../database/prepared';
import { gatewaysConfig, type GatewaysSettings } from '../gateways/gateways.config';
import { OUTBOX } from './outbox-transitions';

/** The pg-boss queue every outbound SMS goes through. */
export const OUTBOUND_QUEUE = 'mwana-outbound';

/** pg-boss keeps its tables in their own schema. */
export const QUEUE_SCHEMA = 'pgboss';

/** A job taken from the queue: one outbound message to send now. */
export interface OutboundJob {
  readonly jobId: string;
  readonly messageId: string;
  /** 1 for the first try; pg-boss counts the retries. */
  readonly attempt: number;
  /** False once the retries are spent: a failure now is final. */
  readonly canRetry: boolean;
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

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    if (!(await this.boss.getQueue(OUTBOUND_QUEUE))) {
      await this.boss.createQueue(OUTBOUND_QUEUE, { name: OUTBOUND_QUEUE, policy: 'standard', ...this.retryPolicy() });
    }
    // An API and a worker booting at once: one creates the index, the other finds it.
    await inTransaction(this.dataSource, async (client) => {
      await runPrepared(client, 'SELECT pg_advisory_xact_lock($1)', [0x6d77616e]);
      await runCustom(client, FETCH_ORDER_INDEX);
    });
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

  private retryPolicy(): { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number } {
    return {
      retryLimit: this.settings.maxAttempts - 1,
      retryDelay: this.settings.retryBaseSeconds,
      retryBackoff: true,
      expireInSeconds: this.settings.leaseSeconds,
    };
  }
}
