import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console users and their sessions. Sessions live in a table, not only in a signed cookie,
 * so logging out, a password change or `mwana users remove` ends them at once, on every
 * instance; the table keeps a hash of each session id, so a copy of it logs nobody in.
 */
export class ConsoleUsers1764300000002 implements MigrationInterface {
  name = 'ConsoleUsers1764300000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE console_user (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username varchar(60) NOT NULL CHECK (username = lower(username)),
        password_hash varchar(200) NOT NULL,
        failed_logins smallint NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT console_user_username_key UNIQUE (username)
      )`);
    await db.query(`
      CREATE TABLE console_session (
        id_hash char(64) PRIMARY KEY,
        user_id integer NOT NULL REFERENCES console_user (id) ON DELETE CASCADE,
        csrf_token varchar(64) NOT NULL,
        flash text,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX console_session_user_idx ON console_session (user_id)');
    await db.query('CREATE INDEX console_session_expires_idx ON console_session (expires_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE console_session');
    await db.query('DROP TABLE console_user');
  }
}
