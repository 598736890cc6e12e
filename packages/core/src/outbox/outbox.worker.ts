import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { OutageLog } from '../database/outage-log';
import { gatewaysConfig } from '../gateways/gateways.config';
import { OutboundQueue } from './outbound-queue';
import { OutboxSender } from './outbox.sender';

/** Jobs taken from the queue at a time. */
const SEND_BATCH = 100;

/** Batches in hand at once, each with `backends.sendConcurrency` sends in flight. */
const SEND_PASSES = 2;

/**
 * The outbox's loop in a worker (MWANA_ROLE=worker, or all): sends what the outbound queue
 * holds and, every `backends.maintenanceSeconds`, runs the queue's maintenance (abandoned
 * sends handed back, finished jobs archived). It polls every `backends.pollMs` and is woken
 * (`wake()`) when messages are written in this process; woken, it waits `backends.batchMs`
 * so messages written together go out in one batch. An API process (MWANA_ROLE=api) runs none
 * of this.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxWorker');
  private readonly outage = new OutageLog(this.logger, 'outbox pass');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private again = false;
  private batching: NodeJS.Timeout | null = null;
  private readonly pollMs: number;
  private readonly maintenanceMs: number;
  private readonly batchMs: number;
  private maintainedAt = 0;

  constructor(
    private readonly sender: OutboxSender,
    private readonly queue: OutboundQueue,
    private readonly config: MwanaConfig,
  ) {
    const settings = config.section(gatewaysConfig);
    this.pollMs = settings.pollMs;
    this.maintenanceMs = settings.maintenanceSeconds * 1000;
    this.batchMs = settings.batchMs;
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api' || this.pollMs === 0) return;
    this.timer = setInterval(() => this.wake(false), this.pollMs);
    this.timer.unref();
    this.wake(false);
  }

  /**
   * On SIGTERM, before the database closes (its module shuts down on onApplicationShutdown):
   * takes no more work, lets the sends in flight finish and hands the rest of the batch back
   * to the queue (`OutboxSender.stop`), so the stop takes seconds whatever the backlog.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.sender.stop();
    if (this.timer) clearInterval(this.timer);
    if (this.batching) clearTimeout(this.batching);
    this.timer = null;
    this.batching = null;
    await this.current;
  }

  /**
   * Runs a pass soon (or right after the one running). Messages written in this process
   * (`batch`, the default) wait `batchMs` for the ones written just after them; the poll goes at once.
   */
  wake(batch = true): void {
    if (!this.timer) return;
    if (this.current) {
      this.again = true;
      return;
    }
    if (this.batching) return;
    if (batch && this.batchMs > 0) {
      this.batching = setTimeout(() => {
        this.batching = null;
        this.start();
      }, this.batchMs);
      return;
    }
    this.start();
  }

  private start(): void {
    this.current = this.runOnce()
      .then(() => this.outage.succeeded())
      .catch((error: Error) => this.outage.failed(error))
      .finally(() => {
        this.current = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** One pass: the queue's maintenance when due, then every message due. Tests call it directly. */
  async runOnce(): Promise<{ sent: number }> {
    if (Date.now() - this.maintainedAt >= this.maintenanceMs) {
      this.maintainedAt = Date.now();
      await this.queue.maintain();
    }
    let sent = 0;
    // A batch short of the limit emptied the queue: what is queued after it wakes the worker
    // again. Several passes at once (the fetch skips jobs another holds): one batch is at the
    // gateways while another is claimed or recorded, so the gateways are never left idle.
    const pass = async (): Promise<void> => {
      for (let n = SEND_BATCH; n === SEND_BATCH && !this.sender.stopped; sent += n)
        n = await this.sender.sendDue(SEND_BATCH);
    };
    await Promise.all(Array.from({ length: SEND_PASSES }, pass));
    return { sent };
  }
}
