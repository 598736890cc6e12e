import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Process heartbeats: each sending process beats every `backends.heartbeatSeconds`, and an
 * outbound message in `sending` names the process that holds it, so a process that restarts,
 * or a worker that sees another's heartbeat stop, hands those messages back at once.
 */
export class SenderHeartbeat1796400000003 implements MigrationInterface {
  name = 'SenderHeartbeat1796400000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE process_heartbeat (
        name varchar(200) PRIMARY KEY,
        role varchar(10) NOT NULL,
        started_at timestamptz NOT NULL,
        beat_at timestamptz NOT NULL
      )`);
    await db.query('ALTER TABLE message ADD COLUMN claimed_by varchar(200)');
    await db.query(`CREATE INDEX message_sending_idx ON message (claimed_by) WHERE status = 'sending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX message_sending_idx');
    await db.query('ALTER TABLE message DROP COLUMN claimed_by');
    await db.query('DROP TABLE process_heartbeat');
  }
}
