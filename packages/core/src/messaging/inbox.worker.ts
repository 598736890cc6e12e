import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { gatewaysConfig } from '../gateways/gateways.config';
import { InboundRepository, type StoredInbound } from '../message-log/inbound.repository';
import { OutboxWorker } from '../outbox/outbox.worker';
import { ProcessHeartbeat } from '../outbox/process-heartbeat';
import { OutageLog } from '../database/outage-log';
import { whenReachable } from '../database/unreachable';
import { MessageRouter } from './message-router';

/** Inbound messages claimed at a time. */
const INBOX_BATCH = 50;

/**
 * A worker's inbox (MWANA_ROLE=worker, or all): routes the inbound messages an API process
 * stored, or a dead process left leased, every `backends.pollMs`, `routeConcurrency` messages
 * at a time (one phone's messages in the order they came), and wakes the outbox to send their
 * replies. An API process (MWANA_ROLE=api) runs none of this.
 */
@Injectable()
export class InboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('InboxWorker');
  private readonly outage = new OutageLog(this.logger, 'inbox pass');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopping = false;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly routeConcurrency: number;

  constructor(
    private readonly inbox: InboundRepository,
    private readonly router: MessageRouter,
    private readonly outbox: OutboxWorker,
    private readonly heartbeat: ProcessHeartbeat,
    private readonly clock: Clock,
    private readonly config: MwanaConfig,
  ) {
    const settings = config.section(gatewaysConfig);
    this.pollMs = settings.pollMs;
    this.leaseSeconds = settings.leaseSeconds;
    this.routeConcurrency = settings.routeConcurrency;
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api' || this.pollMs === 0) return;
    this.timer = setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
    this.poll();
  }

  /** Before the database closes (its module shuts down on onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    // Stopping: the batch being routed finishes, no other is claimed (the rest waits in the table).
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }

  private poll(): void {
    this.current ??= this.runOnce()
      .then(() => this.outage.succeeded())
      .catch((error: Error) => this.outage.failed(error))
      .finally(() => (this.current = null));
  }

  /**
   * Routes everything waiting in the inbox; returns how many. Tests call it directly. Routing
   * never waits for a whole batch: `routeConcurrency` messages are in flight at once, the next
   * batch is claimed as soon as the last of this one has started, and one phone's messages
   * still go one after the other, in the order they came (each waits for its phone's last).
   */
  async runOnce(): Promise<{ routed: number }> {
    // Not before the boot's hand-back of this name's earlier life: it would free this life's first claim.
    await this.heartbeat.booted;
    let routed = 0;
    let inFlight = 0;
    let freed: (() => void) | null = null;
    const byPhone = new Map<number, Promise<void>>();
    for (let batch = await this.claim(); batch.length > 0; batch = this.stopping ? [] : await this.claim()) {
      for (const stored of batch) {
        while (inFlight >= this.routeConcurrency) await new Promise<void>((resolve) => (freed = resolve));
        inFlight++;
        const phone = stored.connection.id;
        const routing: Promise<void> = (byPhone.get(phone) ?? Promise.resolve())
          .then(async () => {
            // An outage mid-route: routed again once the database is back, not after the lease.
            await whenReachable(() => this.router.route(stored), { retryMs: 500, stopped: () => this.stopping });
          })
          .catch((error: Error) => this.logger.error(`routing #${stored.record.id} failed: ${error.message}`))
          .finally(() => {
            inFlight--;
            if (byPhone.get(phone) === routing) byPhone.delete(phone);
            this.outbox.wake();
            const release = freed;
            freed = null;
            release?.();
          });
        byPhone.set(phone, routing);
      }
      routed += batch.length;
    }
    await Promise.all(byPhone.values());
    return { routed };
  }

  private claim(): Promise<StoredInbound[]> {
    const now = this.clock.now();
    return this.inbox.claim(INBOX_BATCH, now, new Date(now.getTime() + this.leaseSeconds * 1000));
  }
}
