import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { MessageRouter } from '../messaging/message-router';
import { MessageStore, type StoredInbound } from '../messaging/message-store';
import { OutboundQueue } from '../messaging/outbound-queue';
import { backendsConfig } from './backends.config';
import { OutboxSender } from './outbox.sender';

/** Jobs taken from the queue at a time. */
const SEND_BATCH = 100;

/**
 * The background half of a worker (MWANA_ROLE=worker, or all): routes inbound messages an
 * API process stored (or a dead process left leased), then sends what the outbound queue
 * holds, and every `backends.maintenanceSeconds` runs the queue's maintenance.
 * It polls every `backends.pollMs` and is woken at once when a message arrives in-process.
 * An API process (MWANA_ROLE=api) runs none of this.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private again = false;
  private batching: NodeJS.Timeout | null = null;
  private inboxDue = false;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly maintenanceMs: number;
  private readonly routeConcurrency: number;
  private readonly batchMs: number;
  private maintainedAt = 0;

  constructor(
    private readonly store: MessageStore,
    private readonly router: MessageRouter,
    private readonly sender: OutboxSender,
    private readonly queue: OutboundQueue,
    private readonly config: MwanaConfig,
  ) {
    const settings = config.section(backendsConfig);
    this.pollMs = settings.pollMs;
    this.leaseSeconds = settings.leaseSeconds;
    this.maintenanceMs = settings.maintenanceSeconds * 1000;
    this.routeConcurrency = settings.routeConcurrency;
    this.batchMs = settings.batchMs;
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api' || this.pollMs === 0) return;
    this.timer = setInterval(() => this.wake(true), this.pollMs);
    this.timer.unref();
    this.wake(true);
  }

  /** Before the database closes (its module shuts down on onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.batching) clearTimeout(this.batching);
    this.timer = null;
    this.batching = null;
    await this.current;
  }

  /**
   * Runs a pass soon (or right after the one running). A message accepted in this process
   * only needs its replies sent; the inbox (what an API process stored, or a dead process
   * left) is looked at on the timer.
   */
  wake(inbox = false): void {
    if (!this.timer) return;
    this.inboxDue ||= inbox;
    if (this.current) {
      this.again = true;
      return;
    }
    if (this.batching) return;
    if (!inbox && this.batchMs > 0) {
      // Messages accepted in the next few milliseconds go out in this one's batch.
      this.batching = setTimeout(() => {
        this.batching = null;
        this.start();
      }, this.batchMs);
      return;
    }
    this.start();
  }

  private start(): void {
    const withInbox = this.inboxDue;
    this.inboxDue = false;
    this.current = this.pass(withInbox)
      .then(() => undefined)
      .catch((error: Error) => this.logger.error(`worker pass failed: ${error.message}`, error.stack))
      .finally(() => {
        this.current = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** One pass: route what waits in the inbox, then send what is due (and, now and then, the queue's maintenance). Tests call it directly. */
  runOnce(): Promise<{ routed: number; sent: number }> {
    return this.pass(true);
  }

  private async pass(withInbox: boolean): Promise<{ routed: number; sent: number }> {
    let routed = 0;
    let sent = 0;
    if (withInbox && Date.now() - this.maintainedAt >= this.maintenanceMs) {
      this.maintainedAt = Date.now();
      await this.queue.maintain();
    }
    if (withInbox && this.config.role !== 'api') {
      for (
        let batch = await this.store.claimInbox(50, this.leaseSeconds);
        batch.length > 0;
        batch = await this.store.claimInbox(50, this.leaseSeconds)
      ) {
        await this.routeAll(batch);
        routed += batch.length;
        sent += await this.sendAll();
      }
    }
    sent += await this.sendAll();
    return { routed, sent };
  }

  private async sendAll(): Promise<number> {
    let sent = 0;
    // A batch short of the limit emptied the queue: what is queued after it wakes the worker again.
    for (let n = SEND_BATCH; n === SEND_BATCH; sent += n) n = await this.sender.sendDue(SEND_BATCH);
    return sent;
  }

  /** Routes a batch `routeConcurrency` phones at a time; one phone's messages stay in the order they came. */
  private async routeAll(batch: readonly StoredInbound[]): Promise<void> {
    const byPhone = new Map<number, StoredInbound[]>();
    for (const stored of batch)
      byPhone.set(stored.connection.id, [...(byPhone.get(stored.connection.id) ?? []), stored]);
    const phones = [...byPhone.values()];
    const lane = async (): Promise<void> => {
      for (let messages = phones.shift(); messages; messages = phones.shift()) {
        for (const stored of messages) await this.router.route(stored);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.routeConcurrency, phones.length) }, lane));
  }
}
