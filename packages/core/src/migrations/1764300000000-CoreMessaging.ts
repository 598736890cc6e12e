import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contacts, their connections (backend + identity) and every message in or out. */
export class CoreMessaging1764300000000 implements MigrationInterface {
  name = 'CoreMessaging1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contact (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name varchar(100) NOT NULL,
        language varchar(10),
        location_id integer,
        roles text[] NOT NULL DEFAULT '{}',
        pin_hash varchar(200),
        active boolean NOT NULL DEFAULT true,
        is_help_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX contact_location_idx ON contact (location_id) WHERE active');
    await db.query(`
      CREATE TABLE connection (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        backend varchar(40) NOT NULL,
        identity varchar(64) NOT NULL,
        contact_id integer REFERENCES contact (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT connection_backend_identity_key UNIQUE (backend, identity)
      )`);
    await db.query('CREATE INDEX connection_contact_idx ON connection (contact_id)');
    await db.query(`
      CREATE TABLE message (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        direction varchar(3) NOT NULL CHECK (direction IN ('in', 'out')),
        connection_id integer NOT NULL REFERENCES connection (id),
        contact_id integer REFERENCES contact (id) ON DELETE SET NULL,
        text text NOT NULL,
        cleaned_text text,
        status varchar(16) NOT NULL,
        provider_id varchar(128),
        in_response_to_id bigint REFERENCES message (id),
        handled_by varchar(60),
        handled_by_handler varchar(80),
        error text,
        encoding varchar(5),
        segments smallint,
        priority varchar(5) NOT NULL DEFAULT 'reply',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX message_connection_idx ON message (connection_id, id)');
    await db.query('CREATE INDEX message_status_idx ON message (direction, status, id)');
    // A gateway that retries must not make the apps run twice (RapidPro's courier does the same).
    await db.query(`CREATE UNIQUE INDEX message_inbound_provider_key ON message (connection_id, provider_id)
      WHERE direction = 'in' AND provider_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE message');
    await db.query('DROP TABLE connection');
    await db.query('DROP TABLE contact');
  }
}
