import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One SMS sent to a clinic printer (docs/keywords.md#confirm-sms): its text with the two-digit hex prefix, kept
 * until the printer answers `Confirm SMS: <hex>`. A result slip that stays unconfirmed is
 * printed again by the send-to-printers job.
 */
@Entity({ name: 'message_confirmation' })
export class MessageConfirmation {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ name: 'connection_id', type: 'integer' })
  connectionId!: number;

  /** The result the slip carries; null for other printer SMS (registration, demo slips). */
  @Column({ name: 'result_id', type: 'integer', nullable: true })
  resultId!: number | null;

  @Column({ type: 'text' })
  text!: string;

  /** 0-255, sent as two lowercase hex digits. */
  @Column({ type: 'smallint' })
  seq!: number;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ type: 'boolean', default: false })
  confirmed!: boolean;
}
