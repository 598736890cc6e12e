import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A lab's computer, allowed to upload results with HTTP Basic credentials. */
@Entity({ name: 'lab_account' })
export class LabAccount {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'varchar', length: 60, unique: true })
  username!: string;

  /** scrypt hash (core's `hashSecret`); never selected unless asked for. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
