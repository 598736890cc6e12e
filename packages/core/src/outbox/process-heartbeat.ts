import { hostname } from 'node:os';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { OutageLog } from '../database/outage-log';
import { inTransaction, poolOf, runPrepared } from '../database/prepared';
import { gatewaysConfig } from '../gateways/gateways.config';
import { InboundRepository } from '../message-log/inbound.repository';
import { OutboundSendRepository } from '../message-log/outbound-send.repository';
import { OutboundQueue } from './outbound-queue';
import { OUTBOX } from './outbox-transitions';

/** Beats missed before a process is taken for dead. */
const MISSED_BEATS = 3;

/**
 * A sending process's heartbeat (`process_heartbeat`), so that no message waits out a lease
 * after a crash. Each message a sender takes names its process (`claimed_by`); this process
 * is `<host>:<role>:<MWANA_INSTANCE or 0>`, the same name across restarts. At boot it hands
 * back whatever its earlier life left in `sending` (it died: a restart is the proof), and
 * every `backends.heartbeatSeconds` it beats and hands back the messages of any process
 * silent for three beats; the hand-back spends no try and says in the message's history that
 * the SMS may have gone twice. Two processes on one host with one role need distinct
 * MWANA_INSTANCE values.
 */
@Injectable()
export class ProcessHeartbeat implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Heartbeat');
  private readonly outage = new OutageLog(this.logger, 'heartbeat');
  readonly name: string;
  private readonly beatMs: number;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private markBooted!: () => void;
  /**
   * Settles once the boot's hand-back is done: the workers claim nothing before it, since what
   * they claim carries this same name and would be handed back mid-send (and go twice).
   */
  readonly booted: Promise<void> = new Promise((resolve) => (this.markBooted = resolve));

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutboundSendRepository,
    private readonly inbound: InboundRepository,
    private readonly queue: OutboundQueue,
    private readonly clock: Clock,
    private readonly config: MwanaConfig,
  ) {
    this.name = `${hostname()}:${config.role}:${process.env.MWANA_INSTANCE ?? '0'}`.slice(0, 200);
    this.beatMs = config.section(gatewaysConfig).heartbeatSeconds * 1000;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return this.markBooted();
    try {
      await runPrepared(
        poolOf(this.dataSource),
        `INSERT INTO process_heartbeat (name, role, started_at, beat_at) VALUES ($1, $2, now(), now())
         ON CONFLICT (name) DO UPDATE SET role = $2, started_at = now(), beat_at = now()`,
        [this.name, this.config.role],
      );
      const back = await this.handBack([this.name]);
      if (back > 0) this.logger.warn(`${back} message(s) this process held when it stopped are due again`);
    } finally {
      this.markBooted();
    }
    if (this.config.section(gatewaysConfig).pollMs === 0) return;
    this.timer = setInterval(() => {
      this.current ??= this.beat()
        .then(() => this.outage.succeeded())
        .catch((error: Error) => this.outage.failed(error))
        .finally(() => (this.current = null));
    }, this.beatMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }

  /** One beat: this process is alive; the messages of those silent for three beats are handed back. Tests call it. */
  async beat(): Promise<number> {
    const { rows } = await runPrepared<{ name: string }>(
      poolOf(this.dataSource),
      `WITH me AS (UPDATE process_heartbeat SET beat_at = now() WHERE name = $1)
       DELETE FROM process_heartbeat WHERE name <> $1 AND beat_at < now() - $2 * interval '1 millisecond' RETURNING name`,
      [this.name, this.beatMs * MISSED_BEATS],
    );
    if (rows.length === 0) return 0;
    const back = await this.handBack(rows.map((row) => row.name));
    this.logger.warn(
      `${rows.map((r) => r.name).join(', ')} stopped beating: ${back} message(s) they held are due again`,
    );
    return back;
  }

  private async handBack(processes: readonly string[]): Promise<number> {
    // The inbound SMS they were routing in their requests: free for a worker's inbox at once.
    await this.inbound.handBack(processes);
    return inTransaction(this.dataSource, async (client) => {
      const ids = await this.repository.handBack(client, processes, OUTBOX.handBack, this.clock.now());
      await this.queue.handBack(ids, client);
      return ids.length;
    });
  }
}
