import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbound message's kind: an app that makes the text a gateway sends at send time
 * (from its own rows, so the message log keeps a masked text) names the kind its
 * `SendTimeText` renders. Null for every message written until now: sent as stored.
 */
export class MessageKind1796311699262 implements MigrationInterface {
  name = 'MessageKind1796311699262';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE message ADD COLUMN kind varchar(60)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE message DROP COLUMN kind');
  }
}
