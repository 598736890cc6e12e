import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a type of location is to the apps; set from the country's config when the type is made. */
export const LOCATION_KINDS = ['province', 'district', 'clinic', 'zone', 'other'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** A kind of place: `rural_health_centre`, `districts`, `zone`. */
@Entity({ name: 'location_type' })
export class LocationType {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'varchar', length: 60, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 100 })
  singular!: string;

  @Column({ type: 'varchar', length: 100 })
  plural!: string;

  /** Kept in the table so hierarchy queries can skip zones or find clinics in SQL alone. */
  @Column({ type: 'varchar', length: 10 })
  kind!: LocationKind;
}
