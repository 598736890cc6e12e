import type { TextParams } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Recipient } from '../agents/agent-directory';
import { EventCatalogue } from '../events/event-catalogue';
import { dayMonthYear } from '../names';
import type { Send } from '../outbound';
import { remindersTexts as texts } from '../reminders.texts';
import { Traces } from '../tracing/traces.service';
import type { DueReminder } from './due-reminders';

/** One reminder SMS: to whom, and the reminder text's values in that reader's language. */
export interface ReminderSms {
  readonly to: Recipient;
  readonly params: TextParams;
}

/**
 * Sends owed reminders exactly once (docs/keywords.md#appointment-reminders): each is first
 * claimed by inserting its (event, appointment) row, which a concurrent run waits on and then
 * skips; only claimed reminders are queued, each opening a trace that TOLD and CONFIRM close.
 * All of it is in the caller's transaction with the SMS themselves: it commits whole or not at all.
 */
@Injectable()
export class ReminderSender {
  constructor(
    private readonly catalogue: EventCatalogue,
    private readonly traces: Traces,
  ) {}

  /** The SMS a reminder makes, one per recipient (RMDEMO makes them of a made-up one). */
  sms(
    reminder: Pick<DueReminder, 'recipients' | 'patient' | 'appointment' | 'appointmentDate' | 'clinic'>,
  ): ReminderSms[] {
    return reminder.recipients.map((to) => {
      const language = to.contact?.language ?? null;
      return {
        to,
        params: {
          agent: to.contact ? ` ${to.contact.name}` : '',
          patient: reminder.patient,
          appointment: this.catalogue.appointmentName(reminder.appointment, language),
          date: dayMonthYear(reminder.appointmentDate),
          clinic: reminder.clinic ?? this.catalogue.render(texts.theClinic, language),
        },
      };
    });
  }

  /** Claims, queues and traces the reminders that have someone to go to; how many were sent. */
  async send(due: readonly DueReminder[], now: Date, db: EntityManager, send: Send): Promise<number> {
    // Nobody to remind (no agent in the zone yet): not claimed, so a later run can still send it.
    const owed = due.filter((d) => d.recipients.length > 0);
    if (owed.length === 0) return 0;
    const claimed: Array<{ patient_event_id: number; appointment: string }> = await db.query(
      `INSERT INTO sent_reminder (patient_event_id, appointment, appointment_date, sent_at, recipients)
       SELECT u.event, u.appointment, u.day, $4, u.recipients
         FROM unnest($1::int[], $2::text[], $3::date[], $5::int[]) AS u (event, appointment, day, recipients)
       ON CONFLICT DO NOTHING
       RETURNING patient_event_id, appointment`,
      [
        owed.map((d) => d.eventId),
        owed.map((d) => d.appointment.name),
        owed.map((d) => d.appointmentDate),
        now,
        owed.map((d) => d.recipients.length),
      ],
    );
    const keys = new Set(claimed.map((c) => `${c.patient_event_id}\u0000${c.appointment}`));
    const mine = owed.filter((d) => keys.has(`${d.eventId}\u0000${d.appointment.name}`));
    for (const reminder of mine) for (const sms of this.sms(reminder)) send(sms.to, texts.reminder, sms.params);
    const traceIds = await this.traces.openMany(
      mine.map((d) => ({
        name: d.patient,
        kind: d.appointment.name,
        initiator: 'automated_task',
        initiatorContactId: null,
        clinicId: d.clinicId,
        patientEventId: d.eventId,
      })),
      now,
      db,
    );
    if (mine.length > 0)
      await db.query(
        `UPDATE sent_reminder s SET trace_id = u.trace
           FROM unnest($1::int[], $2::text[], $3::int[]) AS u (event, appointment, trace)
          WHERE s.patient_event_id = u.event AND s.appointment = u.appointment`,
        [mine.map((d) => d.eventId), mine.map((d) => d.appointment.name), traceIds],
      );
    return mine.length;
  }
}
