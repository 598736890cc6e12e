import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who told us about samples: a clinic that sent them, a hub that sent them on, a hub that received them. */
export const SAMPLE_NOTICE_KINDS = ['clinic-sent', 'hub-sent', 'hub-received'] as const;
export type SampleNoticeKind = (typeof SAMPLE_NOTICE_KINDS)[number];

/** A SENT or RECEIVED report (Mwana's SampleNotification and HubSampleNotification, in one table). */
@Entity({ name: 'sample_notification' })
export class SampleNotification {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: SampleNoticeKind;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  /** The clinic that sent (clinic-sent), or the hub (hub-sent, hub-received). */
  @Column({ name: 'location_id', type: 'integer' })
  locationId!: number;

  /** The clinic a hub received from (hub-received). */
  @Column({ name: 'clinic_id', type: 'integer', nullable: true })
  clinicId!: number | null;

  @Column({ type: 'integer' })
  count!: number;

  /** The SMS as sent, for the cases the count was read from words. */
  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;
}
