import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import { poolOf, runPrepared } from '../database/prepared';
import { storableOnly } from '../text/storable-text';
import { InboundSeal } from './inbound-seal';
import { MessageRecord } from './message.entity';

/** An inbound SMS to store, its sender already normalised. */
export interface InboundRow {
  readonly gateway: string;
  readonly identity: string;
  /** What the message log shows until routing (`UNROUTED_TEXT`). */
  readonly text: string;
  /** The text and original as received, sealed (`InboundSeal`). */
  readonly sealed: string;
  readonly providerId: string | null;
  readonly at: Date;
  /** Leased to the process that routes it in its request; null: a worker's to take. */
  readonly lease: Date | null;
  /** The process routing it in its request (`process_heartbeat.name`), with the lease; its restart hands it back. */
  readonly claimedBy: string | null;
}

/** What the statement did with one SMS: stored it, dropped it as a repeat, or could not yet see its new connection. */
export type StoredRow =
  | { readonly connection: Connection; readonly contact: Contact | null; readonly messageId: string }
  | 'duplicate'
  | 'again';

/** An inbound message with its sender, as the router takes it. */
export interface StoredInbound {
  readonly record: MessageRecord;
  readonly connection: Connection;
  readonly contact: Contact | null;
}

/**
 * The SQL of inbound rows of the `message` table: the one statement that stores a batch of
 * SMS (their connections created on first contact in the same statement, a repeated
 * provider id dropped), the workers' claim of the inbox, and the mark of a routing that
 * failed. (The connection upsert moves to contacts with `MessageStore`'s.)
 */
@Injectable()
export class InboundRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seal: InboundSeal,
  ) {}

  /** One statement for a batch: the connections (created on first contact) and the messages, then their contacts. */
  async store(batch: readonly InboundRow[]): Promise<StoredRow[]> {
    const column = <T>(pick: (p: InboundRow) => T): T[] => batch.map(pick);
    // Each message's id is drawn before the insert, so a row skipped as a repeat still says which input it was.
    const { rows } = await runPrepared<{
      id: number | null;
      contact_id: number | null;
      created_at: Date;
      message_id: string;
      stored: boolean;
    }>(
      poolOf(this.dataSource),
      `WITH input AS (
         SELECT i.*, nextval(pg_get_serial_sequence('message', 'id')) AS message_id
           FROM unnest($1::varchar[], $2::varchar[], $3::text[], $4::varchar[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::varchar[]) WITH ORDINALITY
             AS i(backend, identity, text, provider_id, at, lease_until, sealed, claimed_by, n)),
       created AS (
         INSERT INTO connection (backend, identity) SELECT DISTINCT backend, identity FROM input
         ON CONFLICT (backend, identity) DO NOTHING RETURNING id, backend, identity, contact_id, created_at),
       conn AS (
         SELECT id, backend, identity, contact_id, created_at FROM created
         -- One index lookup per phone (LIMIT keeps the planner from scanning the table instead).
         UNION ALL SELECT c.id, c.backend, c.identity, c.contact_id, c.created_at
           FROM (SELECT DISTINCT backend, identity FROM input) d
           CROSS JOIN LATERAL (SELECT * FROM connection WHERE backend = d.backend AND identity = d.identity LIMIT 1) c),
       stored AS (
         INSERT INTO message (id, direction, connection_id, contact_id, text, sealed, status, provider_id, lease_until, claimed_by, created_at, updated_at)
         OVERRIDING SYSTEM VALUE
         SELECT i.message_id, 'in', c.id, c.contact_id, i.text, i.sealed, 'received', i.provider_id, i.lease_until, i.claimed_by, i.at, i.at
           FROM input i JOIN conn c USING (backend, identity) ORDER BY i.n
         ON CONFLICT (connection_id, provider_id) WHERE direction = 'in' AND provider_id IS NOT NULL DO NOTHING
         RETURNING id)
       SELECT c.id, c.contact_id, c.created_at, i.message_id::text AS message_id, s.id IS NOT NULL AS stored
         FROM input i LEFT JOIN conn c USING (backend, identity) LEFT JOIN stored s ON s.id = i.message_id
        ORDER BY i.n`,
      [
        column((p) => p.gateway),
        column((p) => p.identity),
        column((p) => p.text),
        column((p) => p.providerId),
        column((p) => p.at),
        column((p) => p.lease),
        column((p) => p.sealed),
        column((p) => p.claimedBy),
      ],
    );
    const contacts = await this.contacts(rows.flatMap((row) => (row.stored && row.contact_id ? [row.contact_id] : [])));
    return rows.map((row, i): StoredRow => {
      if (row.id === null) return 'again';
      if (!row.stored) return 'duplicate';
      const connection = this.dataSource.manager.create(Connection, {
        id: row.id,
        backend: batch[i].gateway,
        identity: batch[i].identity,
        contactId: row.contact_id ?? null,
        createdAt: row.created_at,
      });
      return {
        connection,
        contact: row.contact_id ? (contacts.get(row.contact_id) ?? null) : null,
        messageId: row.message_id,
      };
    });
  }

  /**
   * Claims inbound messages stored but not routed (MWANA_ROLE=api stored them, or the
   * process routing them died): each goes to one worker until `leaseUntil`. Routing sets
   * `cleaned_text`, which the inbox's index keys on (`status` is left unindexed, so status
   * changes can be HOT updates).
   */
  async claim(limit: number, now: Date, leaseUntil: Date): Promise<StoredInbound[]> {
    const { rows } = await runPrepared<{ id: string }>(
      poolOf(this.dataSource),
      `UPDATE message SET lease_until = $2 WHERE id IN (
         SELECT id FROM message WHERE direction = 'in' AND cleaned_text IS NULL AND status = 'received'
            AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [now, leaseUntil, limit],
    );
    if (rows.length === 0) return [];
    const manager = this.dataSource.manager;
    const records = await manager.find(MessageRecord, {
      where: rows.map((r) => ({ id: String(r.id) })),
      order: { id: 'ASC' },
    });
    const connections = new Map(
      (await manager.findBy(Connection, { id: In([...new Set(records.map((r) => r.connectionId))]) })).map((c) => [
        c.id,
        c,
      ]),
    );
    const contacts = await this.contacts([...connections.values()].flatMap((c) => (c.contactId ? [c.contactId] : [])));
    return records.map((record) => {
      const connection = connections.get(record.connectionId)!;
      // The router reads what was sent; the row keeps it sealed until routing writes it back masked.
      if (record.sealed !== null) Object.assign(record, this.seal.open(record.sealed), { sealed: null });
      return {
        record,
        connection,
        contact: connection.contactId ? (contacts.get(connection.contactId) ?? null) : null,
      };
    });
  }

  /** Inbound SMS these processes (dead, or this one in an earlier life) were routing: free for any worker's inbox now. */
  async handBack(processes: readonly string[]): Promise<number> {
    if (processes.length === 0) return 0;
    const { rows } = await runPrepared<{ id: string }>(
      poolOf(this.dataSource),
      `UPDATE message SET lease_until = NULL, claimed_by = NULL
        WHERE direction = 'in' AND status = 'received' AND claimed_by = ANY($1::varchar[]) RETURNING id`,
      [processes],
    );
    return rows.length;
  }

  /** The routing transaction itself failed: the message stays on record, errored, with why. */
  async markErrored(id: string, error: string, at: Date): Promise<void> {
    await this.dataSource.manager.update(MessageRecord, id, {
      status: 'errored',
      error: storableOnly(error),
      updatedAt: at,
    });
  }

  private async contacts(ids: readonly number[]): Promise<Map<number, Contact>> {
    const unique = [...new Set(ids)];
    const found = unique.length > 0 ? await this.dataSource.manager.findBy(Contact, { id: In(unique) }) : [];
    return new Map(found.map((c) => [c.id, c]));
  }
}
