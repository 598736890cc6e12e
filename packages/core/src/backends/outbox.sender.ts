import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { coerceStrings } from '../config/config-layers';
import { MwanaConfig } from '../config/mwana-config';
import { inTransaction, type PgQueryable, runPrepared } from '../database/prepared';
import { maskIdentity } from '../contacts/phone-number';
import { type OutboundJob, OutboundQueue } from '../messaging/outbound-queue';
import { BackendSendError, BackendTypeMeta, type SmsBackendAdapter } from './backend';
import { type BackendsSettings, backendsConfig } from './backends.config';

interface Claimed extends OutboundJob {
  text: string;
  encoding: 'GSM-7' | 'UCS-2' | null;
  backend: string;
  identity: string;
}

interface Gateway {
  readonly adapter: SmsBackendAdapter;
  readonly options: unknown;
  /** When the next message may go, for the per-backend rate limit. */
  nextSlot: number;
}

interface Finished {
  readonly message: Claimed;
  readonly outcome: Outcome;
  readonly nextAttemptAt: Date | null;
}

type Outcome =
  | { status: 'sent' | 'delivered'; providerId: string | null }
  /** `job`: pg-boss retries it later, fails it for good (retries spent), or drops it (the gateway refused it). */
  | { status: 'retrying' | 'failed'; error: string; job: 'fail' | 'cancel' };

/**
 * Sends what the outbound queue holds: takes due jobs (replies before bulk, then oldest),
 * sends up to `backends.sendConcurrency` at once, each backend at its own rate, and records
 * every outcome on the message: sent (or delivered), retrying (pg-boss backs off
 * exponentially), or failed with the reason. A message whose sender died mid-send is taken
 * again when its job expires: delivery is at least once.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sender');
  private readonly settings: BackendsSettings;
  private readonly gateways = new Map<string, Gateway>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly clock: Clock,
    private readonly queue: OutboundQueue,
    config: MwanaConfig,
  ) {
    this.settings = config.section(backendsConfig);
  }

  /** Checks every configured gateway against its type's options: a bad one stops the boot. */
  onApplicationBootstrap(): void {
    const adapters = new Map<string, SmsBackendAdapter>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: BackendTypeMeta.KEY })) {
      adapters.set(
        this.discovery.getMetadataByDecorator(BackendTypeMeta, wrapper) as string,
        wrapper.instance as SmsBackendAdapter,
      );
    }
    const problems: string[] = [];
    for (const [name, { type, ...options }] of Object.entries(this.settings.gateways)) {
      const adapter = adapters.get(type);
      if (!adapter) {
        problems.push(
          `backends.gateways.${name}.type: no gateway type "${type}" (installed: ${[...adapters.keys()].join(', ')})`,
        );
        continue;
      }
      const parsed = adapter.options.safeParse(coerceStrings(options, adapter.options));
      if (!parsed.success) {
        problems.push(...parsed.error.issues.map((i) => `backends.gateways.${name}.${i.path.join('.')}: ${i.message}`));
        continue;
      }
      this.gateways.set(name, { adapter, options: parsed.data, nextSlot: 0 });
    }
    if (problems.length > 0) throw new Error(`Gateway configuration is invalid:\n  - ${problems.join('\n  - ')}`);
  }

  /**
   * Sends every message due now (up to `limit`); returns how many it tried. Taking the jobs
   * and marking their messages `sending` is one transaction, and so is recording what the
   * gateways answered with completing the jobs; the gateways are called between the two.
   */
  async sendDue(limit = 100): Promise<number> {
    const { jobs, claimed } = await inTransaction(this.dataSource, async (client) => {
      const fetched = await this.queue.fetch(limit, client);
      return { jobs: fetched, claimed: fetched.length > 0 ? await this.claim(fetched, client) : [] };
    });
    if (jobs.length === 0) return 0;
    const claimedJobs = new Set(claimed.map((c) => c.jobId));
    // Nothing left to send for the others (cancelled, or a report already settled them).
    const done = jobs.filter((job) => !claimedJobs.has(job.jobId)).map((job) => job.jobId);
    const finished: Finished[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < claimed.length) finished.push(await this.sendOne(claimed[next++]));
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.sendConcurrency, claimed.length) }, lane));
    done.push(
      ...finished
        .filter((f) => f.outcome.status === 'sent' || f.outcome.status === 'delivered')
        .map((f) => f.message.jobId),
    );
    await inTransaction(this.dataSource, async (client) => {
      await this.record(finished, client);
      await this.queue.complete(done, client);
    });
    this.log(finished);
    return jobs.length;
  }

  /** Marks the jobs' messages `sending` (those still waiting to go) and reads what to send. */
  private async claim(jobs: readonly OutboundJob[], client: PgQueryable): Promise<Claimed[]> {
    const now = this.clock.now();
    const { rows } = await runPrepared<Omit<Claimed, keyof OutboundJob> & { id: string }>(
      client,
      `UPDATE message m SET status = 'sending', attempts = a.attempt, lease_until = NULL, updated_at = $1
         FROM connection c, unnest($2::bigint[], $3::int[]) AS a(id, attempt)
        WHERE m.id = a.id AND c.id = m.connection_id AND m.direction = 'out' AND m.status IN ('queued', 'retrying', 'sending')
       RETURNING m.id::text AS id, m.text, m.encoding, m.backend, c.identity`,
      [now, jobs.map((job) => job.messageId), jobs.map((job) => job.attempt)],
    );
    const byMessage = new Map(rows.map((row) => [row.id, row]));
    return jobs.flatMap((job) => {
      const row = byMessage.get(job.messageId);
      return row
        ? [{ ...job, text: row.text, encoding: row.encoding, backend: row.backend, identity: row.identity }]
        : [];
    });
  }

  /** Sends one message; a failure goes back to pg-boss (to retry or to fail) at once. */
  private async sendOne(message: Claimed): Promise<Finished> {
    const gateway = this.gateways.get(message.backend);
    const outcome = gateway
      ? await this.attempt(message, gateway)
      : ({ status: 'failed', error: `no backend named "${message.backend}" is configured`, job: 'cancel' } as const);
    let nextAttemptAt: Date | null = null;
    if ('job' in outcome && outcome.job === 'fail') nextAttemptAt = await this.queue.fail(message, outcome.error);
    if ('job' in outcome && outcome.job === 'cancel') await this.queue.cancel([message.jobId]);
    return { message, outcome, nextAttemptAt };
  }

  private async attempt(message: Claimed, gateway: Gateway): Promise<Outcome> {
    await this.waitForSlot(gateway);
    try {
      const sent = await gateway.adapter.send(
        { id: message.messageId, to: message.identity, text: message.text, encoding: message.encoding ?? 'GSM-7' },
        gateway.options,
        message.backend,
      );
      return { status: sent.delivered ? 'delivered' : 'sent', providerId: sent.providerId ?? null };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof BackendSendError) || error.retryable;
      if (retryable && message.canRetry) return { status: 'retrying', error: reason, job: 'fail' };
      if (retryable) return { status: 'failed', error: `${reason} (after ${message.attempt} attempts)`, job: 'fail' };
      return { status: 'failed', error: reason, job: 'cancel' };
    }
  }

  /** Records the outcomes, all in one statement; only on messages still `sending` (a delivery report may have moved one on). */
  private async record(finished: readonly Finished[], client: PgQueryable): Promise<void> {
    if (finished.length === 0) return;
    const column = <T>(pick: (f: Finished) => T): T[] => finished.map(pick);
    await runPrepared(
      client,
      `UPDATE message m SET status = f.status, provider_id = coalesce(f.provider_id, m.provider_id), error = f.error,
              next_attempt_at = f.next_attempt_at, updated_at = $1,
              sent_at = CASE WHEN f.status IN ('sent', 'delivered') THEN $1 ELSE m.sent_at END,
              delivered_at = CASE WHEN f.status = 'delivered' THEN $1 ELSE m.delivered_at END,
              failed_at = CASE WHEN f.status = 'failed' THEN $1 ELSE m.failed_at END
         FROM unnest($2::bigint[], $3::varchar[], $4::varchar[], $5::text[], $6::timestamptz[]) AS f(id, status, provider_id, error, next_attempt_at)
        WHERE m.id = f.id AND m.status = 'sending'`,
      [
        this.clock.now(),
        column((f) => f.message.messageId),
        column((f) => f.outcome.status),
        column((f) => ('providerId' in f.outcome ? f.outcome.providerId : null)),
        column((f) => ('error' in f.outcome ? f.outcome.error : null)),
        column((f) => f.nextAttemptAt),
      ],
    );
  }

  private log(finished: readonly Finished[]): void {
    for (const { message, outcome } of finished) {
      const line = `out #${message.messageId} to ${maskIdentity(message.identity)} via ${message.backend}: ${outcome.status}`;
      if ('error' in outcome) this.logger.warn(`${line} (${outcome.error})`);
      else this.logger.log(line);
    }
  }

  private async waitForSlot(gateway: Gateway): Promise<void> {
    const now = Date.now();
    const wait = gateway.nextSlot - now;
    gateway.nextSlot = Math.max(now, gateway.nextSlot) + 1000 / this.settings.rateLimit;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
