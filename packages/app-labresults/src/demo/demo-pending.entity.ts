import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A phone waiting for the PIN after DEMO: the three made-up results are the clinic's, so nothing else is kept. */
@Entity({ name: 'demo_pending' })
export class DemoPending {
  @PrimaryColumn({ name: 'connection_id', type: 'integer' })
  connectionId!: number;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  @Column({ name: 'clinic_id', type: 'integer' })
  clinicId!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
