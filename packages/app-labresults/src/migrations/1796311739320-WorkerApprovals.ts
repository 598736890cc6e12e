import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may receive results is decided by people: `clinic_worker_approval` holds each new
 * clinic worker's standing where a country requires approval (pending, approved, rejected;
 * no row: a worker from before approval, approved). Wrong-PIN strikes move to core's
 * `lockout` (one row lock per attempt), and `pin_lock` goes.
 */
export class WorkerApprovals1796311739320 implements MigrationInterface {
  name = 'WorkerApprovals1796311739320';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE clinic_worker_approval (
        contact_id integer PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
        clinic_id integer NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_at timestamptz NOT NULL,
        decided_at timestamptz,
        decided_by varchar(100),
        told_at timestamptz
      )`);
    await db.query(`CREATE INDEX clinic_worker_approval_pending_idx ON clinic_worker_approval (clinic_id)
      WHERE status = 'pending'`);
    await db.query(`
      INSERT INTO lockout (scope, subject, failures, locked_until, updated_at)
      SELECT 'pin', contact_id::text, failures, locked_until, now() FROM pin_lock
      ON CONFLICT (scope, subject) DO NOTHING`);
    await db.query('DROP TABLE pin_lock');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE pin_lock (
        contact_id integer PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz
      )`);
    await db.query(`INSERT INTO pin_lock (contact_id, failures, locked_until)
      SELECT subject::integer, failures, locked_until FROM lockout WHERE scope = 'pin'`);
    await db.query('DROP TABLE clinic_worker_approval');
  }
}
