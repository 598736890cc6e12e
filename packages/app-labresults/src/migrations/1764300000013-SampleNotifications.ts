import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SENT and RECEIVED reports from clinics and hubs (no foreign key to `location`: see 1764300000012). */
export class SampleNotifications1764300000013 implements MigrationInterface {
  name = 'SampleNotifications1764300000013';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE sample_notification (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('clinic-sent', 'hub-sent', 'hub-received')),
        contact_id integer NOT NULL REFERENCES contact(id),
        location_id integer NOT NULL,
        clinic_id integer,
        count integer NOT NULL CHECK (count > 0),
        text text NOT NULL,
        reported_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX sample_notification_location_idx ON sample_notification (location_id, reported_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE sample_notification');
  }
}
