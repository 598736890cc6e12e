import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A phone blocked from using Mwana (docs/keywords.md#blacklist), with who blocked it and
 * when. Lifting a block keeps the row (who lifted it, when): a phone blocked again is a new
 * row, so the help admins are told again.
 */
@Entity({ name: 'blocked_phone' })
export class BlockedPhone {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  /** As connections store it: E.164 in Zambia's numbering plan. */
  @Column({ type: 'varchar', length: 32 })
  identity!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  /** `console user ana`, `command line (by ...)`. */
  @Column({ name: 'blocked_by', type: 'varchar', length: 100 })
  blockedBy!: string;

  @Column({ name: 'blocked_at', type: 'timestamptz' })
  blockedAt!: Date;

  @Column({ name: 'unblocked_by', type: 'varchar', length: 100, nullable: true })
  unblockedBy!: string | null;

  @Column({ name: 'unblocked_at', type: 'timestamptz', nullable: true })
  unblockedAt!: Date | null;

  /** When the help admins were told the phone tried to use Mwana: once per block. */
  @Column({ name: 'admins_told_at', type: 'timestamptz', nullable: true })
  adminsToldAt!: Date | null;
}
