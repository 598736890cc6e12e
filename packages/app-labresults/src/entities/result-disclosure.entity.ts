import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** How a result left the server. */
export const DISCLOSURE_VIAS = ['pin', 'result-query', 'printer'] as const;
export type DisclosureVia = (typeof DISCLOSURE_VIAS)[number];

/**
 * One result that left the server: to whom, when, through which channel (docs/keywords.md#who-sees-results).
 * Written in the same transaction as the SMS that carries it; never updated or deleted.
 */
@Entity({ name: 'result_disclosure' })
export class ResultDisclosure {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ name: 'result_id', type: 'integer' })
  resultId!: number;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  @Column({ name: 'connection_id', type: 'integer' })
  connectionId!: number;

  /** The backend the SMS went out on (`zain`, `tnm`, `tester`). */
  @Column({ type: 'varchar', length: 40 })
  channel!: string;

  @Column({ type: 'varchar', length: 20 })
  via!: DisclosureVia;

  /** The SMS that carried it (a results SMS), recorded when the gateway took it; null for printers. */
  @Column({ name: 'message_id', type: 'bigint', nullable: true })
  messageId!: string | null;

  @Column({ name: 'disclosed_at', type: 'timestamptz' })
  disclosedAt!: Date;
}
