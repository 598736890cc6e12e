import type { Connection } from '@mwana/core';
import type { EntityManager } from 'typeorm';

/**
 * When each contact last sent an SMS (any, handled or not) from one of these phones: "silent"
 * in user verification means nothing received since. Core has no contract for a phone's last
 * SMS yet (RemindMi's agents page reads it the same way), so this reads its message log: per
 * phone, newest first on the (connection, id) index, so a run costs one index probe per phone
 * however long the log. Contacts that never wrote are absent.
 */
export async function lastMessages(
  phones: ReadonlyMap<number, readonly Connection[]>,
  db: EntityManager,
): Promise<Map<number, Date>> {
  const owner = new Map([...phones].flatMap(([contactId, connections]) => connections.map((c) => [c.id, contactId])));
  if (owner.size === 0) return new Map();
  const rows: Array<{ connection_id: number; at: Date | null }> = await db.query(
    `SELECT n.id AS connection_id,
            (SELECT m.created_at FROM message m WHERE m.connection_id = n.id AND m.direction = 'in'
              ORDER BY m.id DESC LIMIT 1) AS at
       FROM unnest($1::int[]) AS n (id)`,
    [[...owner.keys()]],
  );
  const last = new Map<number, Date>();
  for (const { connection_id: connectionId, at } of rows) {
    const contactId = owner.get(connectionId)!;
    if (at && (!last.has(contactId) || at > last.get(contactId)!)) last.set(contactId, at);
  }
  return last;
}
