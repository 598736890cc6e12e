import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { LocationType } from './location-type.entity';

/**
 * A province, district, facility or zone. `path` holds the ids from the root down
 * to this location, kept by a trigger whenever `parent_id` changes, so that ancestors,
 * descendants and the clinic of a zone are each one indexed query, however deep the tree.
 */
@Entity({ name: 'location' })
export class Location {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  /** Whitespace collapsed: names come from spreadsheets and SMS. */
  @Column({ type: 'varchar', length: 160 })
  name!: string;

  /**
   * The facility code (`403012`), or for a place without one (a zone, a Malawi region) a
   * slug. Unique compared case-insensitively (index on lower(code)).
   */
  @Column({ type: 'varchar', length: 100 })
  code!: string;

  @Column({ name: 'type_id', type: 'integer' })
  typeId!: number;

  @ManyToOne(() => LocationType, { nullable: false })
  @JoinColumn({ name: 'type_id' })
  type?: LocationType;

  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId!: number | null;

  /** Written by the database trigger only. */
  @Column({ type: 'integer', array: true, insert: false, update: false })
  path!: number[];

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  /** Results for this clinic go out as they arrive (otherwise they wait for a manual release). */
  @Column({ name: 'send_live_results', type: 'boolean', default: true })
  sendLiveResults!: boolean;

  /** The clinic has its own SMS printer, which receives results instead of the staff. */
  @Column({ name: 'has_independent_printer', type: 'boolean', default: false })
  hasIndependentPrinter!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
