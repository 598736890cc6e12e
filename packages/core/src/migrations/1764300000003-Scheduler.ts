import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per job tick: the key that makes a tick run once across instances, and its outcome. */
export class Scheduler1764300000003 implements MigrationInterface {
  name = 'Scheduler1764300000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE job_run (
        job varchar(80) NOT NULL,
        scheduled_for timestamptz NOT NULL,
        manual boolean NOT NULL DEFAULT false,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        outcome varchar(10) NOT NULL,
        messages integer NOT NULL DEFAULT 0,
        error text,
        PRIMARY KEY (job, scheduled_for)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE job_run');
  }
}
