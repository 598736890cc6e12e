import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Statuses off the happy path: each is kept in message_event with its reason. */
const NOTABLE = `('retrying', 'failed', 'errored', 'cancelled')`;

/**
 * Fewer rows and cheaper updates per SMS. The status history (message_event) keeps what the
 * message row cannot say by itself: a status off the happy path (retrying, failed, errored,
 * cancelled, with the reason) and every step of a message tried more than once. The routine
 * steps of a message that went out at its first try (queued, sending, sent, delivered;
 * received, handled) are on the row already (created_at, attempts, sent_at, delivered_at,
 * updated_at), so they write no history row. The triggers' WHEN clauses decide without
 * calling a function.
 *
 * A status change can now be a HOT update (no index entry written, the row rewritten on its
 * own page): no index keys or filters on `status` any more. The inbox's index finds inbound
 * rows not yet routed by `cleaned_text IS NULL` (routing always sets it), which outbound
 * updates never change; `message_status_idx` goes (the console's status filter reads the
 * log newest first); the table leaves a fifth of each new page free for the updated rows.
 */
export class MessageRows1796400000004 implements MigrationInterface {
  name = 'MessageRows1796400000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER message_status_event ON message');
    await db.query(`CREATE TRIGGER message_status_event AFTER INSERT ON message FOR EACH ROW
      WHEN (NEW.status IN ${NOTABLE} OR NEW.attempts > 1) EXECUTE FUNCTION message_status_event()`);
    await db.query(`CREATE TRIGGER message_status_change_event AFTER UPDATE OF status ON message FOR EACH ROW
      WHEN (NEW.status IS DISTINCT FROM OLD.status AND (NEW.status IN ${NOTABLE} OR NEW.attempts > 1))
      EXECUTE FUNCTION message_status_event()`);
    await db.query('DROP INDEX message_status_idx');
    // The heartbeat's hand-back (at boot, or when a process goes silent) reads `sending` rows
    // without an index: rare, where an index on `claimed_by` would cost every claim its HOT update.
    await db.query('DROP INDEX message_sending_idx');
    await db.query('DROP INDEX message_inbox_idx');
    await db.query(`CREATE INDEX message_inbox_idx ON message (id) WHERE direction = 'in' AND cleaned_text IS NULL`);
    await db.query('ALTER TABLE message SET (fillfactor = 80)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE message RESET (fillfactor)');
    await db.query('DROP INDEX message_inbox_idx');
    await db.query(`CREATE INDEX message_inbox_idx ON message (id) WHERE direction = 'in' AND status = 'received'`);
    await db.query('CREATE INDEX message_status_idx ON message (direction, status, id)');
    await db.query(`CREATE INDEX message_sending_idx ON message (claimed_by) WHERE status = 'sending'`);
    await db.query('DROP TRIGGER message_status_change_event ON message');
    await db.query('DROP TRIGGER message_status_event ON message');
    await db.query(`CREATE TRIGGER message_status_event AFTER INSERT OR UPDATE OF status ON message
      FOR EACH ROW EXECUTE FUNCTION message_status_event()`);
  }
}
