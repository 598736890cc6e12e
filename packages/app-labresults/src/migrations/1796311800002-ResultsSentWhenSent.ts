import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results count as sent when their SMS is (docs/keywords.md#pin-reply): a result released by
 * a PIN is `sending` until the gateway takes its SMS, then `sent`; each disclosure names the
 * SMS that carried it (`message_id`, null for printers and before).
 */
export class ResultsSentWhenSent1796311800002 implements MigrationInterface {
  name = 'ResultsSentWhenSent1796311800002';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE lab_result DROP CONSTRAINT IF EXISTS lab_result_notification_status_check');
    await db.query(`ALTER TABLE lab_result ADD CONSTRAINT lab_result_notification_status_check
      CHECK (notification_status IN ('unprocessed', 'new', 'notified', 'sending', 'sent', 'updated'))`);
    await db.query('ALTER TABLE result_disclosure ADD COLUMN message_id bigint');
    await db.query(
      'CREATE UNIQUE INDEX result_disclosure_message_idx ON result_disclosure (message_id, result_id) WHERE message_id IS NOT NULL',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX result_disclosure_message_idx');
    await db.query('ALTER TABLE result_disclosure DROP COLUMN message_id');
    await db.query(`UPDATE lab_result SET notification_status = 'notified' WHERE notification_status = 'sending'`);
    await db.query('ALTER TABLE lab_result DROP CONSTRAINT lab_result_notification_status_check');
    await db.query(`ALTER TABLE lab_result ADD CONSTRAINT lab_result_notification_status_check
      CHECK (notification_status IN ('unprocessed', 'new', 'notified', 'sent', 'updated'))`);
  }
}
