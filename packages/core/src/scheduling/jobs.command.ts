import { Inject } from '@nestjs/common';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { Clock } from '../clock/clock';
import { Scheduler } from './scheduler.service';

@OperatorCommand({
  name: 'jobs',
  usage: [
    'jobs list                         scheduled jobs, their schedules and next runs',
    'jobs run <name>                   run a job now',
  ],
})
export class JobsCommand implements OperatorCommandRunner {
  constructor(
    private readonly scheduler: Scheduler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [action, name] = argv;
    if (action === 'list') {
      for (const job of this.scheduler.jobs) {
        const next = job.enabled ? (job.schedule.nextRun(this.clock.now())?.toISOString() ?? 'never') : 'disabled';
        io.out(`${job.options.name.padEnd(36)} ${job.cron.padEnd(16)} next: ${next}  ${job.options.description}`);
      }
      if (this.scheduler.jobs.length === 0) io.out('No scheduled jobs.');
      return 0;
    }
    if (action === 'run' && name) {
      const result = await this.scheduler
        .run(name)
        .catch((error: Error) => ({ ran: false, messages: 0, error: error.message }));
      if (result.error) {
        io.err(`${name} failed: ${result.error}`);
        return 1;
      }
      io.out(`${name}: ${result.messages} message(s) queued.`);
      return 0;
    }
    io.err('Usage: mwana jobs list | jobs run <name>');
    return 2;
  }
}
