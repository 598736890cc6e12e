import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One appointment reminder, sent for one event: its key (event, appointment) is what makes
 * the reminders job send each once, however often, late or concurrently it runs.
 */
@Entity({ name: 'sent_reminder' })
export class SentReminder {
  @PrimaryColumn({ name: 'patient_event_id', type: 'integer' })
  patientEventId!: number;

  /** The appointment's configured name (`6 day`). */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  appointment!: string;

  @Column({ name: 'appointment_date', type: 'date' })
  appointmentDate!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  /** How many agents (or phones) were reminded. */
  @Column({ type: 'integer' })
  recipients!: number;

  @Column({ name: 'trace_id', type: 'integer', nullable: true })
  traceId!: number | null;
}
