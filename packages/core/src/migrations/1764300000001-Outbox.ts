import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The message table is also the durable queue: outbound rows are the outbox (claimed with
 * SKIP LOCKED and a lease, retried with backoff), inbound rows still `received` are the
 * workers' inbox. Every status change is kept in message_event by a trigger, timed by the
 * app's clock (updated_at), so no code path can forget one.
 */
export class Outbox1764300000001 implements MigrationInterface {
  name = 'Outbox1764300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE message
      ADD COLUMN backend varchar(40),
      ADD COLUMN attempts smallint NOT NULL DEFAULT 0,
      ADD COLUMN next_attempt_at timestamptz,
      ADD COLUMN lease_until timestamptz,
      ADD COLUMN sent_at timestamptz,
      ADD COLUMN delivered_at timestamptz,
      ADD COLUMN failed_at timestamptz`);
    await db.query(`CREATE INDEX message_outbox_idx ON message (id)
      WHERE direction = 'out' AND status IN ('queued', 'retrying', 'sending')`);
    await db.query(`CREATE INDEX message_inbox_idx ON message (id) WHERE direction = 'in' AND status = 'received'`);
    await db.query(`CREATE INDEX message_outbound_provider_idx ON message (backend, provider_id)
      WHERE direction = 'out' AND provider_id IS NOT NULL`);
    await db.query(`CREATE TABLE message_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id bigint NOT NULL REFERENCES message (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL,
        at timestamptz NOT NULL,
        detail text
      )`);
    await db.query('CREATE INDEX message_event_message_idx ON message_event (message_id, id)');
    await db.query(`CREATE FUNCTION message_status_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
          INSERT INTO message_event (message_id, status, at, detail)
          VALUES (NEW.id, NEW.status, NEW.updated_at, CASE WHEN NEW.status IN ('failed', 'retrying', 'errored') THEN NEW.error END);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER message_status_event AFTER INSERT OR UPDATE OF status ON message
      FOR EACH ROW EXECUTE FUNCTION message_status_event()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER message_status_event ON message');
    await db.query('DROP FUNCTION message_status_event()');
    await db.query('DROP TABLE message_event');
    await db.query(`ALTER TABLE message DROP COLUMN backend, DROP COLUMN attempts, DROP COLUMN next_attempt_at,
      DROP COLUMN lease_until, DROP COLUMN sent_at, DROP COLUMN delivered_at, DROP COLUMN failed_at`);
  }
}
