import { AsyncLocalStorage } from 'node:async_hooks';
import { type JobContext, type JobRunner, MwanaConfig, ScheduledJob, countryConfig } from '@mwana/core';
import { Inject, Logger } from '@nestjs/common';
import { jobSend } from '../outbound';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { dayIn } from './calendar';
import { DueReminders } from './due-reminders';
import { ReminderSender } from './reminder-sender';

/**
 * The day `mwana reminders run --date` asks for. The scheduler runs the job inside the
 * command's call, so the run sees it here; scheduled runs see none and take today.
 */
export const reminderDay = new AsyncLocalStorage<string>();

/**
 * Appointment reminders (docs/keywords.md#appointment-reminders): daily at 12:00 in the
 * country's time zone, two days before each appointment, to every active agent of the
 * patient's zone (or the phone that registered the event), once per event and appointment.
 */
@ScheduledJob({
  name: 'reminders.send-reminders',
  cron: '0 12 * * *',
  description: 'remind agents of appointments two days ahead',
})
export class SendRemindersJob implements JobRunner {
  private readonly logger = new Logger('SendReminders');
  private readonly timeZone: string;

  constructor(
    private readonly due: DueReminders,
    private readonly sender: ReminderSender,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async run(ctx: JobContext): Promise<void> {
    if (!this.settings.sendLive) return;
    const day = reminderDay.getStore() ?? dayIn(ctx.now, this.timeZone);
    const due = await this.due.on(day, ctx.db);
    await this.sender.send(due, ctx.now, ctx.db, jobSend(ctx));
    const nobody = due.filter((d) => d.recipients.length === 0).length;
    if (nobody > 0) this.logger.log(`${day}: ${nobody} reminder(s) owed with no active agent to send to`);
  }
}
