import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phones are looked up by identity on any gateway (`ContactsService.findByPhone`, the contacts
 * import's owners of a file's phones): the unique (backend, identity) index leads with the
 * backend, so those lookups read the whole table. This index makes them one probe.
 */
export class ConnectionIdentityIndex1796400025000 implements MigrationInterface {
  name = 'ConnectionIdentityIndex1796400025000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX IF NOT EXISTS connection_identity_idx ON connection (identity)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS connection_identity_idx');
  }
}
