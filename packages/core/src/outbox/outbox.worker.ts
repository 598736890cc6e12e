import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { OutageLog } from '../database/outage-log';
import { ProcessHeartbeat } from './process-heartbeat';
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
 * (`wake()`) when messages are written in this process; woken while a pass is in flight, it
 * waits `backends.batchMs` so messages written together go out in one batch. An API process (MWANA_ROLE=api) runs none
 * of this.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxWorker');
  private readonly outage = new OutageLog(this.logger, 'outbox pass');
  private timer: NodeJS.Timeout | null = null;
  /** The passes running now (at most `SEND_PASSES`). */
  private readonly passes = new Set<Promise<void>>();
  /** The batches sent whose outcomes are being committed: a pass ends as its last batch is sent, not recorded. */
  private readonly recording = new Set<Promise<void>>();
  private again = false;
  private maintaining: Promise<void> | null = null;
  private batching: NodeJS.Timeout | null = null;
  private readonly pollMs: number;
  private readonly maintenanceMs: number;
  private readonly batchMs: number;
  private maintainedAt = 0;

  constructor(
    private readonly sender: OutboxSender,
    private readonly queue: OutboundQueue,
    private readonly heartbeat: ProcessHeartbeat,
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
    await Promise.all(this.passes);
    await Promise.all(this.recording);
    await this.maintaining;
  }

  /**
   * Runs a pass soon. Messages written in this process (`batch`, the default) while a pass is
   * in flight wait `batchMs` for the ones written just after them; otherwise, and the poll, go at once. While a pass is in flight (its
   * batch at the gateway, or its outcomes being recorded), a new message does not wait for it: a
   * second pass takes it; with `SEND_PASSES` running it goes in the next, started as one ends.
   */
  wake(batch = true): void {
    if (!this.timer) return;
    if (this.batching) return;
    if (this.passes.size >= SEND_PASSES) {
      this.again = true;
      return;
    }
    // Idle, it goes at once: nothing else is on its way to share a batch with it. Busy (a pass
    // in flight), it waits `batchMs` for the messages written just after it.
    if (batch && this.batchMs > 0 && this.passes.size > 0) {
      this.batching = setTimeout(() => {
        this.batching = null;
        this.start();
      }, this.batchMs);
      return;
    }
    this.start();
  }

  private start(): void {
    if (this.passes.size >= SEND_PASSES) {
      this.again = true;
      return;
    }
    this.again = false;
    const pass: Promise<void> = this.pass()
      .then(() => this.outage.succeeded())
      .catch((error: Error) => this.outage.failed(error))
      .finally(() => {
        this.passes.delete(pass);
        if (this.again) {
          this.again = false;
          this.wake(false);
        }
      });
    this.passes.add(pass);
  }

  /** The queue's maintenance when due (one at a time), then batches until one is short of the limit; their record goes on after. */
  private async pass(): Promise<number> {
    // Not before the boot's hand-back of this name's earlier life: it would take this life's first batch.
    await this.heartbeat.booted;
    await this.maintain();
    let sent = 0;
    for (let n = SEND_BATCH; n === SEND_BATCH && !this.sender.stopped; sent += n) {
      // At most `SEND_PASSES` batches' outcomes still to commit: a backlog does not outrun its record.
      while (this.recording.size >= SEND_PASSES) await Promise.race(this.recording);
      const batch = await this.sender.sendBatch(SEND_BATCH);
      n = batch.tried;
      const recorded: Promise<void> = batch.recorded
        .catch((error: Error) => this.outage.failed(error))
        .finally(() => this.recording.delete(recorded));
      this.recording.add(recorded);
    }
    return sent;
  }

  private async maintain(): Promise<void> {
    if (this.maintaining || Date.now() - this.maintainedAt < this.maintenanceMs) return;
    this.maintainedAt = Date.now();
    this.maintaining = this.queue.maintain().finally(() => (this.maintaining = null));
    await this.maintaining;
  }

  /** Passes until the queue holds nothing due: the maintenance when due, every message due. Tests call it directly. */
  async runOnce(): Promise<{ sent: number }> {
    // Several passes at once (the fetch skips jobs another holds): one batch is at the
    // gateways while another is claimed or recorded, so the gateways are never left idle.
    const sent = await Promise.all(Array.from({ length: SEND_PASSES }, () => this.pass()));
    await Promise.all(this.recording);
    return { sent: sent.reduce((a, b) => a + b, 0) };
  }
}
