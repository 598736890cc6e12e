import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Broadcast and the help desk: one row per broadcast (its outbound messages by id, their
 * statuses read from the message log), help requests, and which places each help admin
 * answers for (an admin with none answers for all).
 */
export class Broadcast1796400000000 implements MigrationInterface {
  name = 'Broadcast1796400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE broadcast (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sender_id integer REFERENCES contact(id),
        connection_id integer REFERENCES connection(id) ON DELETE SET NULL,
        console_user varchar(120),
        group_label varchar(40) NOT NULL,
        text text NOT NULL,
        recipients integer NOT NULL,
        message_ids bigint[] NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX broadcast_created_idx ON broadcast (created_at)');

    await db.query(`CREATE TABLE help_request (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        connection_id integer NOT NULL REFERENCES connection(id),
        contact_id integer REFERENCES contact(id),
        text varchar(160) NOT NULL DEFAULT '',
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'addressed', 'resolved')),
        note text,
        handled_by varchar(120),
        handled_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX help_request_open_idx ON help_request (created_at) WHERE status <> 'resolved'`);

    await db.query(`CREATE TABLE help_admin_place (
        contact_id integer NOT NULL REFERENCES contact(id),
        location_id integer NOT NULL REFERENCES location(id),
        PRIMARY KEY (contact_id, location_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE help_admin_place');
    await db.query('DROP TABLE help_request');
    await db.query('DROP TABLE broadcast');
  }
}
