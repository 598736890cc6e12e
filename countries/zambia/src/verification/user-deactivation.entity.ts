import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DeactivationReason = 'answered-no' | 'lost';

/** A contact user verification deactivated: they answered NO, or never answered (lost). */
@Entity({ name: 'user_deactivation' })
export class UserDeactivation {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  @Column({ type: 'varchar', length: 12 })
  reason!: DeactivationReason;

  @Column({ name: 'deactivated_at', type: 'timestamptz' })
  deactivatedAt!: Date;
}
