import { type JobRunner, ScheduledJob } from '@mwana/core';
import { PayloadService } from './payload.service';

/** Hourly, payloads that were JSON but did not apply are tried again (docs/keywords.md#scheduled-messages). */
@ScheduledJob({
  name: 'labresults.reprocess-payloads',
  cron: '0 * * * *',
  description: 're-run lab payloads that failed to apply',
})
export class ReprocessPayloadsJob implements JobRunner {
  constructor(private readonly payloads: PayloadService) {}

  // Each payload commits in its own transaction (as an upload does), not in the job's.
  async run(): Promise<void> {
    await this.payloads.reprocessFailed();
  }
}
