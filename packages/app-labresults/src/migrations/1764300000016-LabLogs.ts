import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lab computers' log lines, carried by uploads (spec §3.2): gone with their payload. */
export class LabLogs1764300000016 implements MigrationInterface {
  name = 'LabLogs1764300000016';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE lab_log (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        payload_id integer NOT NULL REFERENCES lab_payload(id) ON DELETE CASCADE,
        logged_at timestamp(3),
        raw_at varchar(60),
        message text NOT NULL,
        level varchar(20) NOT NULL,
        line integer NOT NULL
      )`);
    await db.query('CREATE INDEX lab_log_payload_idx ON lab_log (payload_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE lab_log');
  }
}
