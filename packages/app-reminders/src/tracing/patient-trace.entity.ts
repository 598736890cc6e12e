import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** new -> told -> awaiting_confirm -> confirmed (docs/keywords.md#trace); refused, lost and dead are set by staff. */
export const TRACE_STATUSES = ['new', 'told', 'awaiting_confirm', 'confirmed', 'refused', 'lost', 'dead'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

export const TRACE_INITIATORS = ['admin', 'clinic_worker', 'automated_task', 'cba'] as const;
export type TraceInitiator = (typeof TRACE_INITIATORS)[number];

/** `manual` (TRACE), an appointment's name (a reminder), or an agent's TOLD or CONFIRM of a name nobody traced. */
export const MANUAL_TRACE = 'manual';
export const UNRECOGNIZED_TRACE = 'unrecognized_patient';

/** Agents asked to find a patient and tell them to come to the clinic. */
@Entity({ name: 'patient_trace' })
export class PatientTrace {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  /** The patient's name, title case, at most 50 characters. */
  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 60 })
  kind!: string;

  @Column({ type: 'varchar', length: 16 })
  initiator!: TraceInitiator;

  @Column({ name: 'initiator_contact_id', type: 'integer', nullable: true })
  initiatorContactId!: number | null;

  @Column({ name: 'clinic_id', type: 'integer', nullable: true })
  clinicId!: number | null;

  @Column({ name: 'patient_event_id', type: 'integer', nullable: true })
  patientEventId!: number | null;

  /** The agent who told the patient. */
  @Column({ name: 'messenger_id', type: 'integer', nullable: true })
  messengerId!: number | null;

  @Column({ name: 'confirmed_by_id', type: 'integer', nullable: true })
  confirmedById!: number | null;

  @Column({ type: 'varchar', length: 16 })
  status!: TraceStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'told_at', type: 'timestamptz', nullable: true })
  toldAt!: Date | null;

  @Column({ name: 'confirm_reminded_at', type: 'timestamptz', nullable: true })
  confirmRemindedAt!: Date | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;
}
