import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Phones waiting for the PIN after DEMO (training): no result row is ever made for a demo. */
export class DemoPending1764300000015 implements MigrationInterface {
  name = 'DemoPending1764300000015';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE demo_pending (
        connection_id integer PRIMARY KEY REFERENCES connection(id) ON DELETE CASCADE,
        contact_id integer NOT NULL REFERENCES contact(id),
        clinic_id integer NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX demo_pending_clinic_idx ON demo_pending (clinic_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE demo_pending');
  }
}
