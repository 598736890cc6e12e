import { type JobRunner, ScheduledJob } from '@mwana/core';
import { Logger } from '@nestjs/common';
import { PayloadService } from './payload.service';

/**
 * Hourly, payloads that were valid but failed to apply (and those a stop left half way) are
 * tried again (docs/keywords.md#scheduled-messages); refused ones wait for `mwana labresults reprocess`.
 */
@ScheduledJob({
  name: 'labresults.reprocess-payloads',
  cron: '0 * * * *',
  description: 're-run lab payloads that failed to apply',
})
export class ReprocessPayloadsJob implements JobRunner {
  private readonly logger = new Logger('LabPayloads');

  constructor(private readonly payloads: PayloadService) {}

  // Each payload commits in its own transaction (as an upload does), not in the job's.
  async run(): Promise<void> {
    const outcomes = await this.payloads.reprocessScheduled();
    if (outcomes.length === 0) return;
    const failed = outcomes.filter((o) => o.failure).length;
    const refused = outcomes.filter((o) => o.errors.length > 0).length;
    this.logger.log(
      `re-run ${outcomes.length} payload(s): ${outcomes.length - failed - refused} applied, ${refused} refused, ${failed} failed again`,
    );
  }
}
