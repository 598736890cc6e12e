import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zambia's own tables: `blocked_phone` (the blacklist, at most one block in force per
 * phone), `user_verification` (each question asked, and its answer) and `user_deactivation`
 * (who verification deactivated, and why).
 */
export class BlacklistAndVerification1796316532672 implements MigrationInterface {
  name = 'BlacklistAndVerification1796316532672';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE blocked_phone (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        identity varchar(32) NOT NULL,
        reason varchar(200),
        blocked_by varchar(100) NOT NULL,
        blocked_at timestamptz NOT NULL,
        unblocked_by varchar(100),
        unblocked_at timestamptz,
        admins_told_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX blocked_phone_in_force_key ON blocked_phone (identity) WHERE unblocked_at IS NULL`,
    );
    await db.query(`CREATE TABLE user_verification (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        contact_id integer NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('initial', 'final')),
        location_id integer,
        asked_at timestamptz NOT NULL,
        answered_at timestamptz,
        answer varchar(160)
      )`);
    await db.query('CREATE INDEX user_verification_contact_idx ON user_verification (contact_id, asked_at)');
    await db.query(
      `CREATE INDEX user_verification_open_idx ON user_verification (contact_id) WHERE answered_at IS NULL`,
    );
    await db.query(`CREATE TABLE user_deactivation (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        contact_id integer NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        reason varchar(12) NOT NULL CHECK (reason IN ('answered-no', 'lost')),
        deactivated_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX user_deactivation_time_idx ON user_deactivation (deactivated_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE user_deactivation');
    await db.query('DROP TABLE user_verification');
    await db.query('DROP TABLE blocked_phone');
  }
}
