import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Someone who logs in to the web console (not a contact: contacts talk by SMS). */
@Entity({ name: 'console_user' })
export class ConsoleUser {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id!: number;

  /** Lowercase, so `Admin` and `admin` are one user. */
  @Column({ type: 'varchar', length: 60 })
  username!: string;

  /** scrypt hash; never selected unless asked for. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, select: false })
  passwordHash!: string;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A logged-in browser. The cookie holds the id; this row holds only its SHA-256. */
@Entity({ name: 'console_session' })
export class ConsoleSession {
  @Column({ name: 'id_hash', type: 'char', length: 64, primary: true })
  idHash!: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken!: string;

  /** A notice for the next page shown (after a POST redirects). */
  @Column({ type: 'text', nullable: true })
  flash!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
