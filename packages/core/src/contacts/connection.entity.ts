import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Contact } from './contact.entity';

/**
 * A channel address: a backend name and an identity on it (a phone number in E.164 for
 * SMS gateways). Unique per backend, so one phone is one connection however it was written.
 */
@Entity({ name: 'connection' })
@Index('connection_backend_identity_key', ['backend', 'identity'], { unique: true })
@Index('connection_identity_idx', ['identity'])
export class Connection {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  backend!: string;

  @Column({ type: 'varchar', length: 64 })
  identity!: string;

  @Column({ name: 'contact_id', type: 'integer', nullable: true })
  contactId!: number | null;

  @ManyToOne(() => Contact, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
