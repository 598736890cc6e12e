import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each gateway's next free send slot, shared by every worker process: a worker reserves the
 * slots for a batch in one statement, so two workers together keep `backends.rateLimit`.
 */
export class GatewaySendSlots1796400000001 implements MigrationInterface {
  name = 'GatewaySendSlots1796400000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE gateway_send_slot (
        gateway varchar(40) PRIMARY KEY,
        next_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE gateway_send_slot');
  }
}
