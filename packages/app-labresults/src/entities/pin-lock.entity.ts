import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Wrong PINs in a row for a contact, and until when its results are locked after too many. */
@Entity({ name: 'pin_lock' })
export class PinLock {
  @PrimaryColumn({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
