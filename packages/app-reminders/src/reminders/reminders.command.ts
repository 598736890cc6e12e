import { parseArgs } from 'node:util';
import {
  type CliIo,
  Clock,
  MwanaConfig,
  OperatorCommand,
  type OperatorCommandRunner,
  Scheduler,
  TextRenderer,
  countryConfig,
} from '@mwana/core';
import { Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventCatalogue } from '../events/event-catalogue';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { remindersTexts as texts } from '../reminders.texts';
import { dayIn, isDay } from './calendar';
import { DueReminders } from './due-reminders';
import { ReminderSender } from './reminder-sender';
import { reminderDay } from './send-reminders.job';

const USAGE = 'Usage: mwana reminders events | reminders run [--date YYYY-MM-DD] [--dry-run]';
const JOB = 'reminders.send-reminders';

/** `mwana reminders`: the events as configured, and the reminders job for a day (or what it would send). */
@OperatorCommand({
  name: 'reminders',
  usage: [
    'reminders events                    events, their keywords and appointments, as configured',
    'reminders run [--date YYYY-MM-DD]   the reminders job for a day (today by default), sent once',
    'reminders run --dry-run [--date D]  what it would send that day, sending and recording nothing',
  ],
})
export class RemindersCommand implements OperatorCommandRunner {
  private readonly timeZone: string;

  constructor(
    private readonly catalogue: EventCatalogue,
    private readonly due: DueReminders,
    private readonly sender: ReminderSender,
    private readonly scheduler: Scheduler,
    private readonly renderer: TextRenderer,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async run(args: readonly string[], io: CliIo): Promise<number> {
    const [action, ...rest] = args;
    if (action === 'events' && rest.length === 0) return this.events(io);
    if (action !== 'run') {
      io.err(USAGE);
      return 2;
    }
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: false,
      options: { date: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    });
    const day = typeof values.date === 'string' ? values.date : dayIn(this.clock.now(), this.timeZone);
    if (positionals.length > 0 || !isDay(day)) {
      io.err(`${USAGE}\n(--date takes a day such as 2026-01-08)`);
      return 2;
    }
    return values['dry-run'] === true ? this.dryRun(day, io) : this.send(day, io);
  }

  private events(io: CliIo): number {
    if (this.catalogue.events.length === 0) io.out('No events are configured (reminders.events).');
    for (const event of this.catalogue.events) {
      const joined =
        event.joinedKeywords.length > 0 ? `; joined to a place word: ${event.joinedKeywords.join(', ')}` : '';
      const gender = event.gender ? `; ${event.gender === 'f' ? 'her' : 'his'}` : '';
      io.out(
        `${event.slug} (${this.renderer.render(event.label, {}, null)}): keywords ${event.keywords.join(', ')}${joined}${gender}`,
      );
      for (const a of event.appointments)
        io.out(`  ${a.name}: ${a.days} days after, reminded ${this.settings.daysBefore} days before`);
      if (event.appointments.length === 0) io.out('  no appointments');
    }
    return 0;
  }

  private async dryRun(day: string, io: CliIo): Promise<number> {
    const due = await this.due.on(day, this.dataSource.manager);
    let sms = 0;
    for (const reminder of due) {
      const head = `event #${reminder.eventId} ${reminder.appointment.name} on ${reminder.appointmentDate}`;
      if (reminder.recipients.length === 0) io.out(`${head}: no active agent to remind`);
      for (const { to, params } of this.sender.sms(reminder)) {
        sms += 1;
        io.out(
          `${head} -> ${to.connection.identity}: ${this.renderer.render(texts.reminder, params, to.contact?.language ?? null)}`,
        );
      }
    }
    io.out(`${day}: ${due.length} reminder(s) owed, ${sms} SMS would be sent (dry run: nothing sent or recorded).`);
    return 0;
  }

  private async send(day: string, io: CliIo): Promise<number> {
    const result = await reminderDay.run(day, () => this.scheduler.run(JOB));
    if (result.error) {
      io.err(`${JOB} for ${day} failed: ${result.error}`);
      return 1;
    }
    io.out(`${day}: ${result.messages} reminder SMS queued.`);
    return 0;
  }
}
