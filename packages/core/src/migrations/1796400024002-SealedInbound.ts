import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inbound SMS is sealed from the moment it is stored until it is routed (`InboundSeal`):
 * `message.sealed` holds its text and original, sealed, while `text` shows `•••`; routing
 * writes the text back masked and empties it. Rows stored before and not yet routed keep
 * their text (the key is not in the database): routing masks them as before.
 */
export class SealedInbound1796400024002 implements MigrationInterface {
  name = 'SealedInbound1796400024002';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE message ADD COLUMN sealed text');
  }

  async down(db: QueryRunner): Promise<void> {
    // Nothing a user sent is lost: not while an SMS waits sealed for routing. A routed SMS whose
    // PIN-shaped words were masked keeps the masked text; only its sealed exact copy goes.
    const [{ n }]: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'in' AND sealed IS NOT NULL AND status = 'received'`,
    );
    if (n > 0)
      throw new Error(`${n} inbound SMS wait sealed for routing: route them (start a worker) before going back`);
    await db.query('ALTER TABLE message DROP COLUMN sealed');
  }
}
