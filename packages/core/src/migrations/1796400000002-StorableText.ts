import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Any text a phone can send is stored: an inbound message keeps the text as received beside
 * the stored one when PostgreSQL could not hold it exactly (`original`), and a gateway's
 * message id has room for the longest any gateway gives.
 */
export class StorableText1796400000002 implements MigrationInterface {
  name = 'StorableText1796400000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE message ADD COLUMN original text');
    await db.query('ALTER TABLE message ALTER COLUMN provider_id TYPE varchar(255)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE message DROP COLUMN original');
    await db.query('ALTER TABLE message ALTER COLUMN provider_id TYPE varchar(128)');
  }
}
