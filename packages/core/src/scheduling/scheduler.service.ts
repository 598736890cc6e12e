import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Cron } from 'croner';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { runAsAt } from '../clock/rehearsal';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { outboundText, type OutboundText } from '../outbox/outbound-text';
import { OutboxWorker } from '../outbox/outbox.worker';
import { OutboxWriter } from '../outbox/outbox.writer';
import { type JobRunner, ScheduledJobMeta, type ScheduledJobOptions } from './scheduled-job';
import { schedulerConfig } from './scheduler.config';

export interface RegisteredJob {
  readonly options: ScheduledJobOptions;
  readonly runner: JobRunner;
  /** The schedule in force: the job's default or the country's. */
  readonly cron: string;
  readonly enabled: boolean;
  readonly schedule: Cron;
}

export interface JobRunResult {
  /** False when another instance had already run this tick. */
  readonly ran: boolean;
  readonly messages: number;
  readonly error?: string;
}

/**
 * Runs the jobs apps declare, on cron in the country's time zone. A tick runs once however
 * many instances run: each run starts by inserting (job, tick) into job_run inside the
 * job's transaction, so a second instance waits for the first and then finds the tick
 * taken; the job's changes, its messages and that row commit together or not at all.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly registered = new Map<string, RegisteredJob>();
  private readonly lastTick = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly writer: OutboxWriter,
    private readonly outbox: OutboxWorker,
    private readonly clock: Clock,
    private readonly config: MwanaConfig,
  ) {}

  get jobs(): readonly RegisteredJob[] {
    return [...this.registered.values()];
  }

  onApplicationBootstrap(): void {
    const settings = this.config.section(schedulerConfig);
    const timezone = this.config.section(countryConfig).timezone;
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: ScheduledJobMeta.KEY })) {
      const options = this.discovery.getMetadataByDecorator(ScheduledJobMeta, wrapper) as ScheduledJobOptions;
      const override = settings.jobs[options.name];
      const cron = override?.cron ?? options.cron;
      try {
        const schedule = new Cron(cron, { timezone, paused: true });
        this.registered.set(options.name, {
          options,
          runner: wrapper.instance as JobRunner,
          cron,
          enabled: override?.enabled ?? true,
          schedule,
        });
      } catch (error) {
        problems.push(
          `scheduler.jobs.${options.name}.cron: "${cron}" is not a cron expression (${(error as Error).message})`,
        );
      }
    }
    for (const name of Object.keys(settings.jobs)) {
      if (!this.registered.has(name) && !problems.some((p) => p.includes(`.${name}.`))) {
        problems.push(
          `scheduler.jobs.${name}: no such job (jobs: ${[...this.registered.keys()].join(', ') || 'none'})`,
        );
      }
    }
    if (problems.length > 0) throw new Error(`Scheduler configuration is invalid:\n  - ${problems.join('\n  - ')}`);
    const now = this.clock.now();
    for (const name of this.registered.keys()) this.lastTick.set(name, now);
    if (settings.enabled && this.config.role !== 'api') {
      this.timer = setInterval(() => {
        this.running ??= this.tick().finally(() => (this.running = null));
      }, settings.pollSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Before the database closes (its module shuts down on onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Runs every enabled job that has come due since the last look. When several of a job's
   * ticks passed (a clock jump, a long pause), only the latest runs: a morning notification
   * sent three times at noon would help no one.
   */
  async tick(): Promise<Array<{ job: string; scheduledFor: Date; result: JobRunResult }>> {
    const now = this.clock.now();
    const runs: Array<{ job: string; scheduledFor: Date; result: JobRunResult }> = [];
    for (const job of this.registered.values()) {
      if (!job.enabled) continue;
      let due: Date | null = null;
      let skipped = 0;
      for (
        let next = job.schedule.nextRun(this.lastTick.get(job.options.name));
        next && next <= now;
        next = job.schedule.nextRun(next)
      ) {
        if (due) skipped++;
        due = next;
      }
      if (!due) continue;
      if (skipped > 0)
        this.logger.warn(`${job.options.name}: ${skipped} earlier tick(s) passed unrun; running the latest`);
      this.lastTick.set(job.options.name, due);
      runs.push({ job: job.options.name, scheduledFor: due, result: await this.runTick(job, due, false) });
    }
    return runs;
  }

  /**
   * `mwana jobs run <name>`: runs a job now, whatever its schedule or `enabled`; with `at`, as at
   * that moment (a rehearsal: the job and everything it reads of the clock see that time, its
   * tick is `at`). Rehearsals are refused in production.
   */
  run(name: string, at?: Date): Promise<JobRunResult> {
    const job = this.registered.get(name);
    if (!job) throw new Error(`No job named "${name}" (jobs: ${[...this.registered.keys()].join(', ') || 'none'})`);
    if (!at) return this.runTick(job, this.clock.now(), true);
    if (this.config.env === 'production') throw new Error('a job is not run as at another time in production');
    return runAsAt(this.clock.now(), at, () => this.runTick(job, at, true));
  }

  private async runTick(job: RegisteredJob, scheduledFor: Date, manual: boolean): Promise<JobRunResult> {
    const name = job.options.name;
    const started = this.clock.now();
    try {
      const result = await this.dataSource.transaction(async (db): Promise<JobRunResult> => {
        const claimed: unknown[] = await db.query(
          `INSERT INTO job_run (job, scheduled_for, manual, started_at, outcome) VALUES ($1, $2, $3, $4, 'running')
           ON CONFLICT DO NOTHING RETURNING job`,
          [name, scheduledFor, manual, started],
        );
        if (claimed.length === 0) return { ran: false, messages: 0 };
        const queued: OutboundText[] = [];
        const app = name.split('.')[0];
        await job.runner.run({
          db,
          scheduledFor,
          now: started,
          send: (to, text, params = {}, options) => queued.push(outboundText({ to, text, params, app }, options)),
        });
        const rows = await this.writer.write(db, queued, { priority: 'bulk' });
        await db.query(
          `UPDATE job_run SET finished_at = $3, outcome = 'ok', messages = $4 WHERE job = $1 AND scheduled_for = $2`,
          [name, scheduledFor, this.clock.now(), rows.length],
        );
        return { ran: true, messages: rows.length };
      });
      if (result.ran) {
        this.logger.log(
          `${name} (${scheduledFor.toISOString()}${manual ? ', by hand' : ''}): ${result.messages} message(s)`,
        );
        this.outbox.wake();
      }
      return result;
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error(`${name} (${scheduledFor.toISOString()}) failed: ${message}`, (error as Error).stack);
      // Its work rolled back; the tick is marked failed so no instance runs it twice in a loop.
      await this.dataSource.query(
        `INSERT INTO job_run (job, scheduled_for, manual, started_at, finished_at, outcome, error) VALUES ($1, $2, $3, $4, $5, 'failed', $6)
         ON CONFLICT (job, scheduled_for) DO UPDATE SET outcome = 'failed', error = EXCLUDED.error, finished_at = EXCLUDED.finished_at`,
        [name, scheduledFor, manual, started, this.clock.now(), message],
      );
      return { ran: true, messages: 0, error: message };
    }
  }
}
