import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counted secret checks and the authentication routes' rate limit, shared by every process:
 * `lockout` holds the strikes and locks of PINs, console and lab logins (one row per
 * subject, taken with a row lock by each attempt); `rate_limit` the hits per address and
 * route (unlogged: a crash forgets a minute's counts, nothing more). Console users' old
 * strike columns move into `lockout`. Roles get an index for "by role" queries.
 */
export class Lockouts1796311604755 implements MigrationInterface {
  name = 'Lockouts1796311604755';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lockout (
        scope varchar(20) NOT NULL,
        subject varchar(100) NOT NULL,
        failures smallint NOT NULL DEFAULT 0,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (scope, subject)
      )`);
    await db.query(`
      INSERT INTO lockout (scope, subject, failures, locked_until, updated_at)
      SELECT 'console', username, failed_logins, locked_until, now() FROM console_user
       WHERE failed_logins > 0 OR locked_until > now()`);
    await db.query('ALTER TABLE console_user DROP COLUMN failed_logins, DROP COLUMN locked_until');
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit (
        key varchar(200) PRIMARY KEY,
        hits integer NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX contact_roles_idx ON contact USING gin (roles) WHERE active');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX contact_roles_idx');
    await db.query('DROP TABLE rate_limit');
    await db.query(`ALTER TABLE console_user ADD COLUMN failed_logins smallint NOT NULL DEFAULT 0,
      ADD COLUMN locked_until timestamptz`);
    await db.query(`UPDATE console_user u SET failed_logins = l.failures, locked_until = l.locked_until
      FROM lockout l WHERE l.scope = 'console' AND l.subject = u.username`);
    await db.query('DROP TABLE lockout');
  }
}
