import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgentDirectory, type Recipient } from '../agents/agent-directory';
import { type Appointment, type ConfiguredEvent, EventCatalogue } from '../events/event-catalogue';
import { Places } from '../places/places';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { addDays } from './calendar';

/** A reminder the job owes: an event, one of its appointments, whom to remind and what to say. */
export interface DueReminder {
  readonly eventId: number;
  readonly event: ConfiguredEvent;
  readonly appointment: Appointment;
  /** `YYYY-MM-DD` */
  readonly appointmentDate: string;
  readonly patient: string;
  readonly clinicId: number | null;
  /** The clinic's name, or null for a patient without a place. */
  readonly clinic: string | null;
  readonly recipients: readonly Recipient[];
}

interface DueRow {
  readonly id: number;
  readonly patient_id: number;
  readonly event: string;
  readonly appointment: string;
  readonly appointment_date: string;
  readonly location_id: number | null;
  readonly clinic_id: number | null;
  readonly connection_id: number | null;
}

/**
 * Which reminders are owed on a day (docs/keywords.md#appointment-reminders): for each event
 * and appointment, the events whose appointment falls from `daysBefore` days ahead down to
 * the day itself, that have no reminder for it yet. A day the job did not run is caught up
 * by the next run, until the appointment's day. Each event's days are read through its
 * index, so the cost follows the day's reminders, not the table.
 */
@Injectable()
export class DueReminders {
  constructor(
    private readonly catalogue: EventCatalogue,
    private readonly directory: AgentDirectory,
    private readonly places: Places,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
  ) {}

  async on(day: string, db: EntityManager): Promise<DueReminder[]> {
    const windows = this.catalogue.events.flatMap((event) =>
      event.appointments.map((appointment) => ({ event, appointment })),
    );
    if (windows.length === 0) return [];
    const params: unknown[] = [];
    const values = windows.map(({ event, appointment }) => {
      params.push(
        event.slug,
        appointment.name,
        appointment.days,
        addDays(day, -appointment.days),
        addDays(day, this.settings.daysBefore - appointment.days),
      );
      const n = params.length;
      return `($${n - 4}::text, $${n - 3}::text, $${n - 2}::int, $${n - 1}::date, $${n}::date)`;
    });
    const rows: DueRow[] = await db.query(
      `WITH w (event, appointment, days, first, last) AS (VALUES ${values.join(', ')})
       SELECT e.id, e.patient_id, e.event, w.appointment, (e.date + w.days)::text AS appointment_date,
              e.location_id, e.clinic_id, e.connection_id
         FROM w JOIN patient_event e ON e.event = w.event AND e.date BETWEEN w.first AND w.last
        WHERE NOT EXISTS (SELECT 1 FROM sent_reminder s WHERE s.patient_event_id = e.id AND s.appointment = w.appointment)
        ORDER BY e.date, e.id, w.days`,
      params,
    );
    if (rows.length === 0) return [];
    const patients = await this.directory.people(
      rows.map((r) => r.patient_id),
      db,
    );
    const agents = await this.directory.agentsAt(
      rows.flatMap((r) => (r.location_id === null ? [] : [r.location_id])),
      db,
    );
    const phones = await this.directory.connections(
      rows.flatMap((r) => (r.location_id === null && r.connection_id !== null ? [r.connection_id] : [])),
      db,
    );
    const clinics = await this.places.namesOf(
      rows.flatMap((r) => (r.clinic_id === null ? [] : [r.clinic_id])),
      db,
    );
    return rows.flatMap((row): DueReminder[] => {
      const patient = patients.get(row.patient_id);
      const event = this.catalogue.get(row.event);
      const appointment = event?.appointments.find((a) => a.name === row.appointment);
      if (!patient?.active || !event || !appointment) return [];
      // A patient with a place is reminded through its agents; one without, through the phone that registered it.
      const phone = row.connection_id === null ? undefined : phones.get(row.connection_id);
      const recipients = row.location_id !== null ? (agents.get(row.location_id) ?? []) : phone ? [phone] : [];
      return [
        {
          eventId: row.id,
          event,
          appointment,
          appointmentDate: row.appointment_date,
          patient: patient.name,
          clinicId: row.clinic_id,
          clinic: row.clinic_id === null ? null : (clinics.get(row.clinic_id) ?? null),
          recipients,
        },
      ];
    });
  }
}
