import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One upload from a lab, stored raw before anything is read from it, so that a payload that
 * failed can be fixed and re-run (docs/keywords.md#lab-upload).
 */
@Entity({ name: 'lab_payload' })
export class LabPayload {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ name: 'incoming_date', type: 'timestamptz' })
  incomingDate!: Date;

  @Column({ name: 'account_id', type: 'integer', nullable: true })
  accountId!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  source!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  version!: string | null;

  /** The lab computer's clock (`now`), as sent: labs' clocks drift. */
  @Column({ name: 'client_timestamp', type: 'varchar', length: 40, nullable: true })
  clientTimestamp!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  info!: string | null;

  @Column({ name: 'parsed_json', type: 'boolean', default: false })
  parsedJson!: boolean;

  /** Every sample and log had the expected shape, and the samples were applied. */
  @Column({ name: 'validated_schema', type: 'boolean', default: false })
  validatedSchema!: boolean;

  /** What was wrong, one line each, as the 400 answer listed it. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  errors!: string[];

  @Column({ type: 'text' })
  raw!: string;
}
