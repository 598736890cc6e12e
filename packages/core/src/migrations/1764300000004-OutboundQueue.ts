import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound SMS now wait in pg-boss's queue (its own `pgboss` schema, created by pg-boss at
 * boot): the message table keeps their status and history, and no longer needs the index
 * the sender claimed them by.
 */
export class OutboundQueue1764300000004 implements MigrationInterface {
  name = 'OutboundQueue1764300000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX message_outbox_idx');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX message_outbox_idx ON message (id)
      WHERE direction = 'out' AND status IN ('queued', 'retrying', 'sending')`);
  }
}
