import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from './contact-roles';

/**
 * A person (or a clinic printer) the system knows; reached through one or more connections.
 * Apps get these from `ContactsService` and change them through it. The PIN's keyed hash
 * (column `pin_hash`) is no field here: only `ContactPins` reads it.
 */
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

  /** Slugs the installed apps declared (`@ContactRoles`); the first is the one replies speak of. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'is_help_admin', type: 'boolean', default: false })
  isHelpAdmin!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
