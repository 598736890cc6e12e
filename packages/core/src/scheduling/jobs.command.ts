import { Inject } from '@nestjs/common';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { Clock } from '../clock/clock';
import { countryTime } from '../clock/rehearsal';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Scheduler } from './scheduler.service';

@OperatorCommand({
  name: 'jobs',
  usage: [
    'jobs list                         scheduled jobs, their schedules and next runs',
    'jobs run <name>                   run a job now',
    'jobs run <name> --at <date-time>  run it as at that moment, country time (a rehearsal; not in production)',
  ],
})
export class JobsCommand implements OperatorCommandRunner {
  constructor(
    private readonly scheduler: Scheduler,
    @Inject(Clock) private readonly clock: Clock,
    private readonly config: MwanaConfig,
  ) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [action, name, ...rest] = argv;
    if (action === 'list') {
      for (const job of this.scheduler.jobs) {
        const next = job.enabled ? (job.schedule.nextRun(this.clock.now())?.toISOString() ?? 'never') : 'disabled';
        io.out(`${job.options.name.padEnd(36)} ${job.cron.padEnd(16)} next: ${next}  ${job.options.description}`);
      }
      if (this.scheduler.jobs.length === 0) io.out('No scheduled jobs.');
      return 0;
    }
    if (action === 'run' && name) {
      let at: Date | undefined;
      if (rest.length > 0) {
        const timezone = this.config.section(countryConfig).timezone;
        const parsed = rest[0] === '--at' && rest.length > 1 ? countryTime(rest.slice(1).join(' '), timezone) : null;
        if (!parsed) {
          io.err(`Usage: mwana jobs run <name> --at <date-time> (e.g. --at "2026-01-05 11:30", ${timezone} time)`);
          return 2;
        }
        if (this.config.env === 'production') {
          io.err('Refused: jobs run --at is a rehearsal, and this is production.');
          return 1;
        }
        at = parsed;
        io.out(`${name}: as at ${rest.slice(1).join(' ')} ${timezone} (${parsed.toISOString()})`);
      }
      const result = await this.scheduler
        .run(name, at)
        .catch((error: Error) => ({ ran: false, messages: 0, error: error.message }));
      if (result.error) {
        io.err(`${name} failed: ${result.error}`);
        return 1;
      }
      io.out(`${name}: ${result.messages} message(s) queued.`);
      return 0;
    }
    io.err('Usage: mwana jobs list | jobs run <name> [--at <date-time>]');
    return 2;
  }
}
