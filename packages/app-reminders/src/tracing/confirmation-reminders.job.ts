import { type JobContext, type JobRunner, ScheduledJob } from '@mwana/core';
import { Inject } from '@nestjs/common';
import { AgentDirectory } from '../agents/agent-directory';
import { jobSend } from '../outbound';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { remindersTexts as texts } from '../reminders.texts';
import { Traces } from './traces.service';

/**
 * The confirmation reminder (docs/keywords.md#confirm): an agent who told a patient to come
 * `confirmAfterDays` ago and has not confirmed is asked to, once; the trace then awaits the
 * confirmation. Mwana had this task but never scheduled it.
 */
@ScheduledJob({
  name: 'reminders.confirmation-reminders',
  cron: '0 9 * * *',
  description: 'ask agents to CONFIRM the visits they told patients to make',
})
export class ConfirmationRemindersJob implements JobRunner {
  constructor(
    private readonly traces: Traces,
    private readonly directory: AgentDirectory,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
  ) {}

  async run(ctx: JobContext): Promise<void> {
    if (!this.settings.sendLive) return;
    const due = await this.traces.takeDueForConfirmation(ctx.now, ctx.db);
    const messengers = await this.directory.recipientsOf(
      due.flatMap((t) => (t.messengerId === null ? [] : [t.messengerId])),
      ctx.db,
    );
    const send = jobSend(ctx);
    for (const trace of due) {
      const agent = trace.messengerId === null ? undefined : messengers.get(trace.messengerId);
      if (agent?.contact) send(agent, texts.confirmReminder, { agent: agent.contact.name, name: trace.name });
    }
  }
}
