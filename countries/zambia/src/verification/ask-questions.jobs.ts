import { type JobContext, type JobRunner, ScheduledJob } from '@mwana/core';
import { VerificationAsker } from './verification-asker.service';

/**
 * The first question (docs/keywords.md#user-verification): to contacts silent for
 * `zambia.verification.initial.silentDays` (75) and not asked it since, at Mwana's times.
 */
@ScheduledJob({
  name: 'zambia.verify-initial',
  cron: '20,38 9,15,17 * * *',
  description: 'ask silent users whether they still work where they registered',
})
export class AskInitialQuestionJob implements JobRunner {
  constructor(private readonly asker: VerificationAsker) {}

  run(ctx: JobContext): Promise<void> {
    return this.asker.ask('initial', ctx);
  }
}

/** The final question: to contacts silent for `final.silentDays` (120), on Sundays. */
@ScheduledJob({
  name: 'zambia.verify-final',
  cron: '40,48 9,15 * * 0',
  description: 'ask users silent for months once more before they count as lost',
})
export class AskFinalQuestionJob implements JobRunner {
  constructor(private readonly asker: VerificationAsker) {}

  run(ctx: JobContext): Promise<void> {
    return this.asker.ask('final', ctx);
  }
}
