import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import { normalizeIdentity } from '../contacts/phone-number';
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

/** Connections and inbound rows: what must be on disk before a gateway is answered. */
@Injectable()
export class MessageStore {
  private readonly country: string;

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
  async connection(backend: string, rawIdentity: string, db: EntityManager = this.dataSource.manager): Promise<Connection> {
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
   * this provider id before: the caller acknowledges it and does nothing more.
   */
  async storeInbound(sms: InboundSms, options: { leaseSeconds?: number } = {}): Promise<StoredInbound | null> {
    const identity = this.normalize(sms.identity);
    const now = this.clock.now();
    // Routed in this request: leased to it, so no worker takes it meanwhile (a worker does
    // take it once the lease is over, if this process died before routing it).
    const lease = options.leaseSeconds ? new Date(now.getTime() + options.leaseSeconds * 1000) : null;
    // The connection (created on first contact) and the message in one statement.
    const { rows } = await runPrepared<{ id: number; contact_id: number | null; created_at: Date; message_id: string | null }>(
      poolOf(this.dataSource),
      `WITH created AS (
         INSERT INTO connection (backend, identity) VALUES ($1, $2)
         ON CONFLICT (backend, identity) DO NOTHING RETURNING id, contact_id, created_at),
       conn AS (
         SELECT id, contact_id, created_at FROM created
         UNION ALL SELECT id, contact_id, created_at FROM connection WHERE backend = $1 AND identity = $2
         LIMIT 1),
       stored AS (
         INSERT INTO message (direction, connection_id, contact_id, text, status, provider_id, lease_until, created_at, updated_at)
         SELECT 'in', conn.id, conn.contact_id, $3, 'received', $4, $6, $5, $5 FROM conn
         ON CONFLICT (connection_id, provider_id) WHERE direction = 'in' AND provider_id IS NOT NULL DO NOTHING
         RETURNING id)
       SELECT conn.id, conn.contact_id, conn.created_at, (SELECT id::text FROM stored) AS message_id FROM conn`,
      [sms.backend, identity, sms.text, sms.providerId ?? null, now, lease],
    );
    // Another request created this connection in the same instant: this statement could not see it yet.
    if (rows.length === 0) return this.storeInbound(sms, options);
    const [row] = rows;
    if (row.message_id === null) return null;
    const connection = this.dataSource.manager.create(Connection, {
      id: row.id,
      backend: sms.backend,
      identity,
      contactId: row.contact_id ?? null,
      createdAt: row.created_at,
    });
    const record = this.dataSource.manager.create(MessageRecord, {
      id: row.message_id,
      direction: 'in',
      connectionId: connection.id,
      contactId: connection.contactId,
      text: sms.text,
      status: 'received',
      providerId: sms.providerId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    const contact = connection.contactId ? await this.dataSource.manager.findOneBy(Contact, { id: connection.contactId }) : null;
    return { record, connection, contact };
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
      (await this.dataSource.manager.findBy(Connection, { id: In([...new Set(records.map((r) => r.connectionId))]) })).map((c) => [c.id, c]),
    );
    const contactIds = [...new Set([...connections.values()].flatMap((c) => (c.contactId ? [c.contactId] : [])))];
    const contacts = new Map(
      (contactIds.length > 0 ? await this.dataSource.manager.findBy(Contact, { id: In(contactIds) }) : []).map((c) => [c.id, c]),
    );
    return records.map((record) => {
      const connection = connections.get(record.connectionId)!;
      return { record, connection, contact: connection.contactId ? (contacts.get(connection.contactId) ?? null) : null };
    });
  }
}
