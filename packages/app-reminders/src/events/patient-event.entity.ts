import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where an event happened, when the agent said (`BIRTH F ...`, `BIRTH H ...`). */
export type EventPlace = 'facility' | 'home';

/** An event of a patient on a day (a birth), registered by SMS (docs/keywords.md#events). */
@Entity({ name: 'patient_event' })
export class PatientEvent {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ name: 'patient_id', type: 'integer' })
  patientId!: number;

  /** The configured event's slug (`reminders.events[].slug`). */
  @Column({ type: 'varchar', length: 40 })
  event!: string;

  /** The day it happened, `YYYY-MM-DD` (a calendar day: no time, no time zone). */
  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  place!: EventPlace | null;

  /** The phone that registered it: reminders go there when the patient has no place. */
  @Column({ name: 'connection_id', type: 'integer', nullable: true })
  connectionId!: number | null;

  /** The registered agent who sent it, if any. */
  @Column({ name: 'logged_by_id', type: 'integer', nullable: true })
  loggedById!: number | null;

  /** The patient's place (the agent's zone) and its clinic, when the sender had one. */
  @Column({ name: 'location_id', type: 'integer', nullable: true })
  locationId!: number | null;

  @Column({ name: 'clinic_id', type: 'integer', nullable: true })
  clinicId!: number | null;

  /** `new` until a clinic worker has been sent it by BIRTHREG. */
  @Column({ type: 'varchar', length: 10, default: 'new' })
  status!: 'new' | 'sent';

  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;

  @Column({ name: 'logged_at', type: 'timestamptz' })
  loggedAt!: Date;
}
