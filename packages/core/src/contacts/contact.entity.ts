import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Canonical role slugs; each country sets display names and JOIN words (docs/keywords.md#roles). */
export const ROLES = [
  'clinic-worker',
  'cba',
  'hub-worker',
  'district-worker',
  'province-worker',
  'lab-worker',
  'patient',
  'printer',
] as const;
export type Role = (typeof ROLES)[number];

/** A person (or a clinic printer) the system knows; reached through one or more connections. */
@Entity({ name: 'contact' })
export class Contact {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** A language code from the country's list; null means the country default. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  language!: string | null;

  /** The location the contact belongs to (a clinic, a zone, a district ...), owned by app-locations. */
  @Column({ name: 'location_id', type: 'integer', nullable: true })
  locationId!: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  /** scrypt hash of the PIN; the PIN itself is never stored or logged. */
  @Column({ name: 'pin_hash', type: 'varchar', length: 200, nullable: true, select: false })
  pinHash!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'is_help_admin', type: 'boolean', default: false })
  isHelpAdmin!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
