import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * received: stored, not yet read (or the server stopped half way): the re-run job takes it.
 * applied: its samples and logs are in. refused: not JSON or not the shape (or a value the
 * database would refuse): it waits for someone to fix it and re-run it, never re-run hourly.
 * failed: valid, but applying it threw: the re-run job tries it again.
 */
export const PAYLOAD_STATES = ['received', 'applied', 'refused', 'failed'] as const;
export type PayloadState = (typeof PAYLOAD_STATES)[number];

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

  @Column({ type: 'varchar', length: 10, default: 'received' })
  state!: PayloadState;

  /** The upload's `Content-Type` as sent (cut to 200 characters), null when there was none. */
  @Column({ name: 'content_type', type: 'varchar', length: 200, nullable: true })
  contentType!: string | null;

  /** Times applying it threw (the re-run job's attempts included). */
  @Column({ type: 'integer', default: 0 })
  failures!: number;

  /**
   * The body as text; NUL (which PostgreSQL's text cannot hold) is replaced by U+FFFD and
   * bytes that are not UTF-8 by what UTF-8 decoding makes of them: `rawBytes` then has the exact bytes.
   */
  @Column({ type: 'text' })
  raw!: string;

  /** The body's exact bytes, only when `raw` cannot hold them; what is read when present. */
  @Column({ name: 'raw_bytes', type: 'bytea', nullable: true })
  rawBytes!: Buffer | null;
}
