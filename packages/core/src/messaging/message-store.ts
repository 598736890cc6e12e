import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import { normalizeIdentity } from '../contacts/phone-number';
import { Batcher } from '../database/batcher';
import { poolOf, runPrepared } from '../database/prepared';
import { MessageRecord } from './message.entity';

export interface InboundSms {
  /** The backend's configured name (kannel, twilio, tester ...). */
  readonly backend: string;
  /** The sender as the gateway gave it; normalised to E.164 here. */
  readonly identity: string;
  readonly text: string;
  /** The gateway's message id: a second message with the same id is dropped. */
  readonly providerId?: string | null;
}

export interface StoredInbound {
  readonly record: MessageRecord;
  readonly connection: Connection;
  readonly contact: Contact | null;
}

/** An inbound SMS waiting for its batch's statement. */
interface PendingInbound {
  readonly backend: string;
  readonly identity: string;
  readonly text: string;
  readonly providerId: string | null;
  readonly at: Date;
  readonly lease: Date | null;
}

/** What the batch did with one SMS: stored it, dropped it as a repeat, or could not yet see its new connection. */
type StoreAnswer = { connection: Connection; contact: Contact | null; messageId: string } | 'duplicate' | 'again';

/** Connections and inbound rows: what must be on disk before a gateway is answered. */
@Injectable()
export class MessageStore {
  private readonly country: string;
  private readonly inbound = new Batcher<PendingInbound, StoreAnswer>((batch) => this.storeBatch(batch));

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.country = config.section(countryConfig).code;
  }

  normalize(identity: string): string {
    return normalizeIdentity(identity, this.country);
  }

  /** The connection for this backend and identity, created on first contact. */
  async connection(
    backend: string,
    rawIdentity: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<Connection> {
    const identity = this.normalize(rawIdentity);
    const rows: Array<Record<string, unknown>> = await db.query(
      `WITH inserted AS (
         INSERT INTO connection (backend, identity) VALUES ($1, $2)
         ON CONFLICT (backend, identity) DO NOTHING RETURNING id, backend, identity, contact_id, created_at)
       SELECT * FROM inserted
       UNION ALL SELECT id, backend, identity, contact_id, created_at FROM connection WHERE backend = $1 AND identity = $2
       LIMIT 1`,
      [backend, identity],
    );
    const row = rows[0];
    return db.create(Connection, {
      id: row.id as number,
      backend: row.backend as string,
      identity: row.identity as string,
      contactId: (row.contact_id as number | null) ?? null,
      createdAt: row.created_at as Date,
    });
  }

  /**
   * Stores an inbound SMS (status received) and returns it, or null when the gateway sent
   * this provider id before: the caller acknowledges it and does nothing more. By group
   * commit (`Batcher`): the SMS that arrive while store statements run go together in one.
   */
  async storeInbound(sms: InboundSms, options: { leaseSeconds?: number } = {}): Promise<StoredInbound | null> {
    const now = this.clock.now();
    // Routed in this request: leased to it, so no worker takes it meanwhile (a worker does
    // take it once the lease is over, if this process died before routing it).
    const lease = options.leaseSeconds ? new Date(now.getTime() + options.leaseSeconds * 1000) : null;
    const identity = this.normalize(sms.identity);
    const stored = await this.inbound.submit({
      backend: sms.backend,
      identity,
      text: sms.text,
      providerId: sms.providerId ?? null,
      at: now,
      lease,
    });
    // Another request created this connection in the same instant: this statement could not see it yet.
    if (stored === 'again') return this.storeInbound(sms, options);
    if (stored === 'duplicate') return null;
    const { connection, contact, messageId } = stored;
    const record = this.dataSource.manager.create(MessageRecord, {
      id: messageId,
      direction: 'in',
      connectionId: connection.id,
      contactId: connection.contactId,
      text: sms.text,
      status: 'received',
      providerId: sms.providerId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return { record, connection, contact };
  }

  /** One statement for a batch: the connections (created on first contact) and the messages, then their contacts. */
  private async storeBatch(batch: readonly PendingInbound[]): Promise<StoreAnswer[]> {
    const column = <T>(pick: (p: PendingInbound) => T): T[] => batch.map(pick);
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
           FROM unnest($1::varchar[], $2::varchar[], $3::text[], $4::varchar[], $5::timestamptz[], $6::timestamptz[]) WITH ORDINALITY
             AS i(backend, identity, text, provider_id, at, lease_until, n)),
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
         INSERT INTO message (id, direction, connection_id, contact_id, text, status, provider_id, lease_until, created_at, updated_at)
         OVERRIDING SYSTEM VALUE
         SELECT i.message_id, 'in', c.id, c.contact_id, i.text, 'received', i.provider_id, i.lease_until, i.at, i.at
           FROM input i JOIN conn c USING (backend, identity) ORDER BY i.n
         ON CONFLICT (connection_id, provider_id) WHERE direction = 'in' AND provider_id IS NOT NULL DO NOTHING
         RETURNING id)
       SELECT c.id, c.contact_id, c.created_at, i.message_id::text AS message_id, s.id IS NOT NULL AS stored
         FROM input i LEFT JOIN conn c USING (backend, identity) LEFT JOIN stored s ON s.id = i.message_id
        ORDER BY i.n`,
      [
        column((p) => p.backend),
        column((p) => p.identity),
        column((p) => p.text),
        column((p) => p.providerId),
        column((p) => p.at),
        column((p) => p.lease),
      ],
    );
    const contactIds = [...new Set(rows.flatMap((row) => (row.stored && row.contact_id ? [row.contact_id] : [])))];
    const contacts = new Map(
      (contactIds.length > 0 ? await this.dataSource.manager.findBy(Contact, { id: In(contactIds) }) : []).map((c) => [
        c.id,
        c,
      ]),
    );
    return rows.map((row, i): StoreAnswer => {
      if (row.id === null) return 'again';
      if (!row.stored) return 'duplicate';
      const connection = this.dataSource.manager.create(Connection, {
        id: row.id,
        backend: batch[i].backend,
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
   * process routing them died): each goes to one worker, for `leaseSeconds`.
   */
  async claimInbox(limit: number, leaseSeconds: number): Promise<StoredInbound[]> {
    const now = this.clock.now();
    const { rows } = await runPrepared<{ id: string }>(
      poolOf(this.dataSource),
      `UPDATE message SET lease_until = $2 WHERE id IN (
         SELECT id FROM message WHERE direction = 'in' AND status = 'received' AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [now, new Date(now.getTime() + leaseSeconds * 1000), limit],
    );
    if (rows.length === 0) return [];
    const records = await this.dataSource.manager.find(MessageRecord, {
      where: rows.map((r) => ({ id: String(r.id) })),
      order: { id: 'ASC' },
    });
    const connections = new Map(
      (
        await this.dataSource.manager.findBy(Connection, { id: In([...new Set(records.map((r) => r.connectionId))]) })
      ).map((c) => [c.id, c]),
    );
    const contactIds = [...new Set([...connections.values()].flatMap((c) => (c.contactId ? [c.contactId] : [])))];
    const contacts = new Map(
      (contactIds.length > 0 ? await this.dataSource.manager.findBy(Contact, { id: In(contactIds) }) : []).map((c) => [
        c.id,
        c,
      ]),
    );
    return records.map((record) => {
      const connection = connections.get(record.connectionId)!;
      return {
        record,
        connection,
        contact: connection.contactId ? (contacts.get(connection.contactId) ?? null) : null,
      };
    });
  }
}
