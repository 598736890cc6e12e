import type { EntityManager } from 'typeorm';
import type { Connection } from './connection.entity';
import {
  CONNECTION_COLUMNS,
  CONTACT_COLUMNS,
  connectionOf,
  contactOf,
  type LinkedConnection,
  type Row,
} from './contacts.repository';

/**
 * The contacts repository's statements for many phones at once (an import's file), beside it
 * so that file stays one concern: each a single statement however many phones.
 */
export class ConnectionBatches {
  /** For each identity, the connection `byIdentity` would find on any backend (a linked one first), with its contact. */
  async byIdentities(identities: readonly string[], db: EntityManager): Promise<Map<string, LinkedConnection>> {
    if (identities.length === 0) return new Map();
    const rows: Row[] = await db.query(
      `SELECT DISTINCT ON (n.identity) ${CONNECTION_COLUMNS}, ${CONTACT_COLUMNS}
         FROM connection n LEFT JOIN contact c ON c.id = n.contact_id
        WHERE n.identity = ANY($1::varchar[]) ORDER BY n.identity, (n.contact_id IS NULL), n.id`,
      [[...new Set(identities)]],
    );
    return new Map(
      rows.map((row) => [
        row.n_identity as string,
        { connection: connectionOf(db, row), contact: row.id ? contactOf(db, row) : null },
      ]),
    );
  }

  /** Links each connection (by id) to its contact: one UPDATE. */
  async linkAll(links: ReadonlyArray<{ connectionId: number; contactId: number }>, db: EntityManager): Promise<void> {
    if (links.length === 0) return;
    await db.query(
      `UPDATE connection n SET contact_id = v.contact_id
         FROM unnest($1::integer[], $2::integer[]) AS v(id, contact_id) WHERE n.id = v.id`,
      [links.map((l) => l.connectionId), links.map((l) => l.contactId)],
    );
  }

  /** A connection on `backend` for each identity, linked to its contact (taken over if the row exists): one INSERT. */
  async connectAll(
    backend: string,
    links: ReadonlyArray<{ identity: string; contactId: number }>,
    db: EntityManager,
  ): Promise<Connection[]> {
    if (links.length === 0) return [];
    const rows: Row[] = await db.query(
      `INSERT INTO connection (backend, identity, contact_id)
       SELECT $1, v.identity, v.contact_id FROM unnest($2::varchar[], $3::integer[]) AS v(identity, contact_id)
       ON CONFLICT (backend, identity) DO UPDATE SET contact_id = EXCLUDED.contact_id
       RETURNING id, backend, identity, contact_id, created_at`,
      [backend, links.map((l) => l.identity), links.map((l) => l.contactId)],
    );
    return rows.map((row) => connectionOf(db, row, ''));
  }
}
