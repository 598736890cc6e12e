import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Lab result codes (docs/keywords.md#result-states): Detected, NotDetected, Rejected, Indeterminate, Inconsistent. */
export const RESULT_CODES = ['P', 'N', 'R', 'I', 'X'] as const;
export type ResultCode = (typeof RESULT_CODES)[number];

/**
 * Where a result is on its way to the clinic (docs/keywords.md#result-states):
 * unprocessed (no result yet) -> new -> notified -> sent -> updated (lab changed it) -> notified ...
 */
/** `sending`: released by a PIN, its SMS not yet taken by the gateway. */
export const NOTIFICATION_STATUSES = ['unprocessed', 'new', 'notified', 'sending', 'sent', 'updated'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const RECORD_CHANGES = ['result', 'req_id', 'both'] as const;
export type RecordChange = (typeof RECORD_CHANGES)[number];

/** One DBS sample as the lab reported it, and how far its result got to the clinic. */
@Entity({ name: 'lab_result' })
export class LabResult {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  /** The lab's own id: uploads match on it (never on the requisition id, which clinics can mistype). */
  @Index('lab_result_sample_id_key', { unique: true })
  @Column({ name: 'sample_id', type: 'varchar', length: 50 })
  sampleId!: string;

  /** The id the clinic wrote on the requisition form: what health workers see. */
  @Column({ name: 'requisition_id', type: 'varchar', length: 50 })
  requisitionId!: string;

  /** Clinic location (app-locations); null when the lab's facility code is unknown. */
  @Column({ name: 'clinic_id', type: 'integer', nullable: true })
  clinicId!: number | null;

  /** The facility code the lab sent when no clinic has it: the result is kept but never sent. */
  @Column({ name: 'clinic_code_unrec', type: 'varchar', length: 20, nullable: true })
  clinicCodeUnrec!: string | null;

  @Column({ type: 'char', length: 1, nullable: true })
  result!: ResultCode | null;

  @Column({ name: 'result_detail', type: 'varchar', length: 200, nullable: true })
  resultDetail!: string | null;

  @Column({ name: 'notification_status', type: 'varchar', length: 15, default: 'unprocessed' })
  notificationStatus!: NotificationStatus;

  /** Null counts as verified, as in Mwana: only false holds a result back. */
  @Column({ type: 'boolean', nullable: true })
  verified!: boolean | null;

  @Column({ name: 'collected_on', type: 'date', nullable: true })
  collectedOn!: string | null;

  /** Received at the lab. */
  @Column({ name: 'entered_on', type: 'date', nullable: true })
  enteredOn!: string | null;

  /** Tested. */
  @Column({ name: 'processed_on', type: 'date', nullable: true })
  processedOn!: string | null;

  /** When the result reached the server (the upload that first carried a result). */
  @Column({ name: 'arrival_date', type: 'timestamptz', nullable: true })
  arrivalDate!: Date | null;

  /** When it was first delivered to the clinic. */
  @Column({ name: 'result_sent_date', type: 'timestamptz', nullable: true })
  resultSentDate!: Date | null;

  @Column({ name: 'record_change', type: 'varchar', length: 10, nullable: true })
  recordChange!: RecordChange | null;

  /** What changed: the old requisition id, result code, or `<old id>:<old result>`. */
  @Column({ name: 'old_value', type: 'varchar', length: 70, nullable: true })
  oldValue!: string | null;

  /** About the child and the sample, as the lab's form has them: shown on the console, never sent by SMS. */
  @Column({ type: 'date', nullable: true })
  birthdate!: string | null;

  @Column({ name: 'child_age', type: 'integer', nullable: true })
  childAge!: number | null;

  @Column({ name: 'child_age_unit', type: 'varchar', length: 20, nullable: true })
  childAgeUnit!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  sex!: string | null;

  @Column({ name: 'mother_age', type: 'integer', nullable: true })
  motherAge!: number | null;

  @Column({ name: 'collecting_health_worker', type: 'varchar', length: 100, nullable: true })
  collectingHealthWorker!: string | null;

  @Column({ name: 'coll_hw_title', type: 'varchar', length: 50, nullable: true })
  collHwTitle!: string | null;

  @Column({ name: 'payload_id', type: 'integer', nullable: true })
  payloadId!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
