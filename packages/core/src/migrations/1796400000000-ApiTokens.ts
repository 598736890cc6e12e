import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The messaging API: `api_token` (named bearer tokens, kept only as the SHA-256 of a random
 * 256-bit secret, with their scopes; revoked, never deleted, so the log's names stay
 * meaningful), `api_idempotency` (what a POST with an `Idempotency-Key` answered, per
 * client and key; the primary key makes two racing requests queue once), and the parts of a
 * long SMS: the first part is the message, each later part names it in `part_of_id`;
 * `part` numbers them from 1 (null for a message of one SMS).
 */
export class ApiTokens1796400000000 implements MigrationInterface {
  name = 'ApiTokens1796400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_token (
        id serial PRIMARY KEY,
        name varchar(60) NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query('CREATE UNIQUE INDEX api_token_name_idx ON api_token (name) WHERE revoked_at IS NULL');
    await db.query(`
      CREATE TABLE api_idempotency (
        client varchar(80) NOT NULL,
        key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (client, key)
      )`);
    await db.query(
      'ALTER TABLE message ADD COLUMN part_of_id bigint REFERENCES message (id), ADD COLUMN part smallint',
    );
    await db.query('CREATE INDEX message_part_of_idx ON message (part_of_id) WHERE part_of_id IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX message_part_of_idx');
    await db.query('ALTER TABLE message DROP COLUMN part, DROP COLUMN part_of_id');
    await db.query('DROP TABLE api_idempotency');
    await db.query('DROP TABLE api_token');
  }
}
