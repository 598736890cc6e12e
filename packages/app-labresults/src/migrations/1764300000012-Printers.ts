import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clinic printers: every SMS sent to a printer with its sequence number until the printer
 * confirms it, and the clinics with their own printer (Zambia's `has_independent_printer`,
 * kept here so that Results160 owns what only it reads). No foreign key to `location`, as
 * in 1764300000011: app-locations' migrations sort after this one.
 */
export class Printers1764300000012 implements MigrationInterface {
  name = 'Printers1764300000012';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE message_confirmation (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        connection_id integer NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        result_id integer REFERENCES lab_result(id) ON DELETE SET NULL,
        text text NOT NULL,
        seq smallint NOT NULL CHECK (seq BETWEEN 0 AND 255),
        sent_at timestamptz NOT NULL,
        confirmed boolean NOT NULL DEFAULT false
      )`);
    // The next sequence number reads the newest row; a confirmation looks for the newest
    // unconfirmed row of its printer with that number.
    await db.query('CREATE INDEX message_confirmation_sent_idx ON message_confirmation (sent_at DESC, id DESC)');
    await db.query(
      'CREATE INDEX message_confirmation_open_idx ON message_confirmation (connection_id, seq) WHERE NOT confirmed',
    );
    await db.query(`CREATE TABLE independent_printer_clinic (
        clinic_id integer PRIMARY KEY,
        since timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE independent_printer_clinic');
    await db.query('DROP TABLE message_confirmation');
  }
}
