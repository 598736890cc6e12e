import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A phone waiting for its PIN, one row per result it was told about (Mwana's
 * PendingPinConnections): kept in the database so the waiting survives restarts.
 */
@Entity({ name: 'pending_pin' })
export class PendingPin {
  @PrimaryColumn({ name: 'connection_id', type: 'integer' })
  connectionId!: number;

  @PrimaryColumn({ name: 'result_id', type: 'integer' })
  resultId!: number;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
