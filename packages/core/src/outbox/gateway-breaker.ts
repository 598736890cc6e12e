import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { poolOf, runPrepared } from '../database/prepared';
import { GatewayRegistry } from '../gateways/gateway.registry';
import { type GatewaysSettings, gatewaysConfig } from '../gateways/gateways.config';
import { QUEUE_SCHEMA, OUTBOUND_QUEUE } from './outbound-queue';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** A gateway's breaker as the database holds it. */
export interface BreakerView {
  readonly gateway: string;
  readonly state: BreakerState;
  /** Failed sends in a row (any process). */
  readonly failures: number;
  /** When it entered this state. */
  readonly since: Date;
  /** When the next probe may go (open), or when the probe in flight is taken for lost (half-open). */
  readonly probeAt: Date | null;
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
}

/** What the sender may do with a message for this gateway now. */
export type Admission =
  | { readonly go: 'send' }
  | { readonly go: 'probe' }
  | { readonly go: 'wait'; readonly until: Date; readonly breaker: BreakerView };

interface Row {
  gateway: string;
  state: BreakerState;
  failures: number;
  since: Date;
  probe_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
}

/** A probe unanswered this long (at least) is taken for lost. */
const LOST_PROBE_SECONDS = 30;

const COLUMNS = 'gateway, state, failures, since, probe_at, last_error, last_error_at';

function view(row: Row): BreakerView {
  return {
    gateway: row.gateway,
    state: row.state,
    failures: row.failures,
    since: row.since,
    probeAt: row.probe_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
  };
}

/**
 * Each gateway's circuit breaker, one row per gateway in PostgreSQL so every worker process
 * sees the same state. Closed: messages go. After `backends.breaker.failures` failed sends in
 * a row (across processes) it opens: the gateway is paused, messages wait (no attempt spent)
 * until `probe_at`; then one process takes the probe (half-open) and sends one message: if it
 * goes through the breaker closes and the waiting messages are due at once; if not it opens
 * again, the next probe twice as late (up to `maxProbeSeconds`).
 *
 * The hot path asks nothing of the database: the states are read for every gateway in one
 * query at most every `cacheMs`, a success writes only when there were failures before it,
 * and only failures and probes write.
 *
 * @example
 * await breaker.refresh();
 * const admitted = await breaker.admit('zain'); // send, probe, or wait until ...
 */
@Injectable()
export class GatewayBreaker implements OnApplicationBootstrap {
  private readonly settings: GatewaysSettings['breaker'];
  private cache = new Map<string, BreakerView>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly gateways: GatewayRegistry,
    config: MwanaConfig,
  ) {
    this.settings = config.section(gatewaysConfig).breaker;
  }

  /** A closed breaker for each configured gateway that has none yet, so the console lists them all. */
  async onApplicationBootstrap(): Promise<void> {
    const names = this.gateways.all().map((g) => g.name);
    if (names.length === 0) return;
    await runPrepared(
      poolOf(this.dataSource),
      `INSERT INTO gateway_breaker (gateway) SELECT unnest($1::varchar[]) ON CONFLICT (gateway) DO NOTHING`,
      [names],
    );
  }

  /** Every gateway's breaker, read now (the console). */
  async list(): Promise<BreakerView[]> {
    const { rows } = await runPrepared<Row>(
      poolOf(this.dataSource),
      `SELECT ${COLUMNS} FROM gateway_breaker ORDER BY gateway`,
    );
    return rows.map(view);
  }

  /**
   * Each gateway's backlog: its messages whose jobs are still to run (waiting, retrying or in
   * a send), and when the oldest of them was written. Read from the queue's live jobs, so the
   * message log's size does not matter.
   */
  async backlog(): Promise<Map<string, { readonly waiting: number; readonly oldest: Date }>> {
    const { rows } = await runPrepared<{ gateway: string; waiting: number; oldest: Date }>(
      poolOf(this.dataSource),
      `SELECT m.backend AS gateway, count(*)::int AS waiting, min(m.created_at) AS oldest
         FROM ${QUEUE_SCHEMA}.job j JOIN message m ON m.id = (j.data->>'messageId')::bigint
        WHERE j.name = $1 AND j.state IN ('created', 'retry', 'active')
        GROUP BY m.backend`,
      [OUTBOUND_QUEUE],
    );
    return new Map(rows.map((r) => [r.gateway, { waiting: r.waiting, oldest: r.oldest }]));
  }

  /** Reads every gateway's state when the cached one is older than `cacheMs`. */
  async refresh(force = false): Promise<void> {
    if (!force && Date.now() - this.loadedAt < this.settings.cacheMs) return;
    this.loading ??= this.list()
      .then((views) => {
        this.cache = new Map(views.map((v) => [v.gateway, v]));
        this.loadedAt = Date.now();
      })
      .finally(() => (this.loading = null));
    await this.loading;
  }

  /** The cached state, when the gateway is paused (open, or half-open with another's probe in flight). */
  paused(gateway: string): BreakerView | null {
    const state = this.cache.get(gateway);
    if (!state || state.state === 'closed') return null;
    if (state.probeAt && state.probeAt.getTime() <= Date.now()) return null;
    return state;
  }

  /** Whether a message for this gateway goes now, goes as the probe, or waits (and until when). */
  async admit(gateway: string): Promise<Admission> {
    const state = this.cache.get(gateway);
    if (!state || state.state === 'closed') return { go: 'send' };
    const paused = this.paused(gateway);
    if (paused) return { go: 'wait', until: this.resumeAt(paused), breaker: paused };
    // The probe is due (or the one in flight is lost): one process, one message, takes it.
    const { rows } = await runPrepared<Row>(
      poolOf(this.dataSource),
      `UPDATE gateway_breaker SET state = 'half-open', since = now(), probe_at = now() + make_interval(secs => $2)
        WHERE gateway = $1 AND state <> 'closed' AND probe_at <= now() RETURNING ${COLUMNS}`,
      // A probe unanswered this long is taken for lost (its process died): another may go.
      [gateway, Math.max(this.settings.probeSeconds, LOST_PROBE_SECONDS)],
    );
    if (rows[0]) {
      this.cache.set(gateway, view(rows[0]));
      return { go: 'probe' };
    }
    await this.refresh(true);
    const now = this.cache.get(gateway);
    if (!now || now.state === 'closed') return { go: 'send' };
    return { go: 'wait', until: this.resumeAt(now), breaker: now };
  }

  /**
   * A send through this gateway failed with a retryable error (as the probe, or not). Answers
   * the breaker after it: when it is not closed the message waits, its attempt not counted.
   */
  async failed(gateway: string, error: string, probe: boolean): Promise<BreakerView> {
    const after = (await this.recordFailure(gateway, error, probe)) ?? (await this.created(gateway, error, probe));
    this.cache.set(gateway, view(after));
    return view(after);
  }

  /** A gateway with no row yet (configured since the boot): its row, then the failure on it. */
  private async created(gateway: string, error: string, probe: boolean): Promise<Row> {
    await runPrepared(
      poolOf(this.dataSource),
      'INSERT INTO gateway_breaker (gateway) VALUES ($1) ON CONFLICT (gateway) DO NOTHING',
      [gateway],
    );
    return (await this.recordFailure(gateway, error, probe))!;
  }

  private async recordFailure(gateway: string, error: string, probe: boolean): Promise<Row | undefined> {
    const { rows } = await runPrepared<Row>(
      poolOf(this.dataSource),
      `WITH old AS (SELECT * FROM gateway_breaker WHERE gateway = $1 FOR UPDATE),
       next AS (
         SELECT old.gateway,
                CASE WHEN $3::boolean THEN 'open' WHEN old.state <> 'closed' THEN old.state
                     WHEN old.failures + 1 >= $4::int THEN 'open' ELSE 'closed' END AS state,
                CASE WHEN $3::boolean THEN old.failed_probes + 1 WHEN old.state = 'closed' THEN 0 ELSE old.failed_probes END AS failed_probes
           FROM old)
       UPDATE gateway_breaker b SET failures = b.failures + 1, last_error = left($2::text, 500), last_error_at = now(),
              state = next.state, failed_probes = next.failed_probes,
              since = CASE WHEN next.state <> b.state OR $3::boolean THEN now() ELSE b.since END,
              probe_at = CASE WHEN next.state = 'open' AND ($3::boolean OR b.state = 'closed')
                              THEN now() + make_interval(secs => least($6::float8, $5::float8 * power(2, next.failed_probes)))
                              ELSE b.probe_at END
         FROM next WHERE b.gateway = next.gateway
       RETURNING ${COLUMNS.split(', ')
         .map((c) => `b.${c}`)
         .join(', ')}`,
      [gateway, error, probe, this.settings.failures, this.settings.probeSeconds, this.settings.maxProbeSeconds],
    );
    return rows[0];
  }

  /** A send through this gateway went through: the failures in a row end, a paused gateway resumes. */
  async succeeded(gateway: string, probe: boolean): Promise<void> {
    const state = this.cache.get(gateway);
    if (!probe && (!state || (state.state === 'closed' && state.failures === 0))) return;
    // Set before the write, so the other sends of this batch do not write it again.
    if (state) this.cache.set(gateway, { ...state, state: 'closed', failures: 0, probeAt: null });
    const { rows } = await runPrepared<{ reopened: boolean }>(
      poolOf(this.dataSource),
      `WITH old AS (SELECT state FROM gateway_breaker WHERE gateway = $1 FOR UPDATE)
       UPDATE gateway_breaker b SET failures = 0, failed_probes = 0, probe_at = NULL, state = 'closed',
              since = CASE WHEN b.state <> 'closed' THEN now() ELSE b.since END
         FROM old WHERE b.gateway = $1 AND (b.failures > 0 OR b.state <> 'closed')
       RETURNING old.state <> 'closed' AS reopened`,
      [gateway],
    );
    if (rows[0]?.reopened) await this.release(gateway);
  }

  /**
   * The gateway is back: the jobs of its messages waiting for it (paused, or backing off after
   * a failure) are due now instead of at their next probe or retry.
   */
  private async release(gateway: string): Promise<void> {
    await runPrepared(
      poolOf(this.dataSource),
      `UPDATE ${QUEUE_SCHEMA}.job j SET start_after = now()
         FROM message m
        WHERE j.name = $1 AND j.state IN ('created', 'retry') AND j.start_after > now()
          AND m.id = (j.data->>'messageId')::bigint AND m.direction = 'out' AND m.backend = $2 AND m.status = 'retrying'`,
      [OUTBOUND_QUEUE, gateway],
    );
  }

  /** When a message paused by this breaker is next worth taking: its next probe, and not sooner than a second from now. */
  resumeAt(breaker: BreakerView): Date {
    // Half-open: the probe in flight soon says; its probe_at is only when it is taken for lost.
    const next =
      breaker.state === 'half-open' || !breaker.probeAt
        ? Date.now() + this.probeDelay(0) * 1000
        : breaker.probeAt.getTime();
    return new Date(Math.max(next, Date.now() + 1000));
  }

  private probeDelay(failedProbes: number): number {
    return Math.min(this.settings.maxProbeSeconds, this.settings.probeSeconds * 2 ** failedProbes);
  }
}
