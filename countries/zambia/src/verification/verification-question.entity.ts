import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const QUESTION_KINDS = ['initial', 'final'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One verification question sent to a contact (docs/keywords.md#user-verification), and their answer. */
@Entity({ name: 'user_verification' })
export class VerificationQuestion {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: QuestionKind;

  /** The place the question named (the contact's clinic, district or province). */
  @Column({ name: 'location_id', type: 'integer', nullable: true })
  locationId!: number | null;

  @Column({ name: 'asked_at', type: 'timestamptz' })
  askedAt!: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** The answer as sent (at most 160 characters), never with a PIN: runs of four or more digits are kept as `****`. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  answer!: string | null;
}
