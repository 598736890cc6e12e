import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Connection } from './connection.entity';
import { Contact } from './contact.entity';
import type { Role } from './contact-roles';

/** Which contacts: every field narrows (roles and locations match any of those given). */
export interface ContactQuery {
  /** Contacts holding any of these roles. */
  readonly roles?: readonly Role[];
  /** Contacts at any of these locations: a clinic and its zones, a district's whole tree (ask app-locations for the ids). */
  readonly locationIds?: readonly number[];
  readonly ids?: readonly number[];
  /** Only help admins (true) or only others (false). */
  readonly helpAdmin?: boolean;
  /** Only contacts with a PIN set. */
  readonly withPin?: boolean;
  /** Inactive contacts too; by default only active ones. */
  readonly includeInactive?: boolean;
  /** A page (the API's cursor): ids above `afterId`, at most `limit`, in id order rather than by name. */
  readonly page?: { readonly afterId: number; readonly limit: number };
}

/** A contact on one of its connections: where an SMS to it goes. */
export interface Recipient {
  readonly contact: Contact;
  readonly connection: Connection;
}

/** A connection with its contact, if it has one (a phone that never registered has none). */
export interface LinkedConnection {
  readonly connection: Connection;
  readonly contact: Contact | null;
}

export interface ContactSummary {
  readonly id: number;
  readonly name: string;
  readonly identities: string[];
  readonly roles: string[];
  readonly language: string | null;
  readonly active: boolean;
  readonly isHelpAdmin: boolean;
}

export type ContactFields = Pick<Contact, 'name' | 'language' | 'locationId' | 'roles' | 'active' | 'isHelpAdmin'>;

export const CONTACT_COLUMNS = `c.id, c.name, c.language, c.location_id, c.roles, c.active, c.is_help_admin, c.created_at, c.updated_at`;
export const CONNECTION_COLUMNS = `n.id AS n_id, n.backend AS n_backend, n.identity AS n_identity, n.contact_id AS n_contact_id,
  n.created_at AS n_created_at`;

export type Row = Record<string, unknown>;

export function contactOf(db: EntityManager, row: Row): Contact {
  return db.create(Contact, {
    id: row.id as number,
    name: row.name as string,
    language: (row.language as string | null) ?? null,
    locationId: (row.location_id as number | null) ?? null,
    roles: (row.roles as string[]) ?? [],
    active: row.active as boolean,
    isHelpAdmin: row.is_help_admin as boolean,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
}

export function connectionOf(db: EntityManager, row: Row, prefix = 'n_'): Connection {
  return db.create(Connection, {
    id: row[`${prefix}id`] as number,
    backend: row[`${prefix}backend`] as string,
    identity: row[`${prefix}identity`] as string,
    contactId: (row[`${prefix}contact_id`] as number | null) ?? null,
    createdAt: row[`${prefix}created_at`] as Date,
  });
}

/** WHERE clauses of a query, its values appended to `params` ($1, $2 ...). */
function whereOf(query: ContactQuery, params: unknown[]): string {
  const clauses: string[] = [];
  const param = (value: unknown): string => `$${params.push(value)}`;
  if (!query.includeInactive) clauses.push('c.active');
  if (query.roles) clauses.push(`c.roles && ${param([...query.roles])}::text[]`);
  if (query.locationIds) clauses.push(`c.location_id = ANY(${param([...query.locationIds])}::integer[])`);
  if (query.ids) clauses.push(`c.id = ANY(${param([...query.ids])}::integer[])`);
  if (query.helpAdmin !== undefined) clauses.push(`c.is_help_admin = ${param(query.helpAdmin)}`);
  if (query.withPin) clauses.push('c.pin_hash IS NOT NULL');
  if (query.page) clauses.push(`c.id > ${param(query.page.afterId)}`);
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** By name, or a page's order and size. */
function orderOf(query: ContactQuery, params: unknown[]): string {
  return query.page ? `ORDER BY c.id LIMIT $${params.push(query.page.limit)}` : 'ORDER BY c.name, c.id';
}

/**
 * The one place that spells the `contact` and `connection` tables' SQL (the inbound store's
 * group-commit statement aside, which must stay one statement). Every method takes the
 * caller's transaction or manager; `ContactsService` is the contract apps use.
 */
@Injectable()
export class ContactsRepository {
  async find(query: ContactQuery, db: EntityManager): Promise<Contact[]> {
    const params: unknown[] = [];
    const rows: Row[] = await db.query(
      `SELECT ${CONTACT_COLUMNS} FROM contact c ${whereOf(query, params)} ${orderOf(query, params)}`,
      params,
    );
    return rows.map((row) => contactOf(db, row));
  }

  /** One statement whatever the number: each contact on its first connection (Mwana's default connection). */
  async recipients(query: ContactQuery, db: EntityManager): Promise<Recipient[]> {
    const params: unknown[] = [];
    const rows: Row[] = await db.query(
      `SELECT ${CONTACT_COLUMNS}, ${CONNECTION_COLUMNS} FROM contact c
         CROSS JOIN LATERAL (SELECT * FROM connection WHERE contact_id = c.id ORDER BY id LIMIT 1) n
         ${whereOf(query, params)} ${orderOf(query, params)}`,
      params,
    );
    return rows.map((row) => ({ contact: contactOf(db, row), connection: connectionOf(db, row) }));
  }

  async defaultConnections(contactIds: readonly number[], db: EntityManager): Promise<Map<number, Connection>> {
    if (contactIds.length === 0) return new Map();
    const rows: Row[] = await db.query(
      `SELECT DISTINCT ON (n.contact_id) ${CONNECTION_COLUMNS} FROM connection n
        WHERE n.contact_id = ANY($1::integer[]) ORDER BY n.contact_id, n.id`,
      [[...new Set(contactIds)]],
    );
    return new Map(rows.map((row) => [row.n_contact_id as number, connectionOf(db, row)]));
  }

  /** Every connection of each contact, oldest first. */
  async connectionsOf(contactIds: readonly number[], db: EntityManager): Promise<Map<number, Connection[]>> {
    const found = new Map<number, Connection[]>();
    if (contactIds.length === 0) return found;
    const rows: Row[] = await db.query(
      `SELECT ${CONNECTION_COLUMNS} FROM connection n WHERE n.contact_id = ANY($1::integer[]) ORDER BY n.id`,
      [[...new Set(contactIds)]],
    );
    for (const row of rows) {
      const id = row.n_contact_id as number;
      found.set(id, [...(found.get(id) ?? []), connectionOf(db, row)]);
    }
    return found;
  }

  /** Active contacts at each of these locations (those with none are absent). */
  async countAt(locationIds: readonly number[], db: EntityManager): Promise<Map<number, number>> {
    if (locationIds.length === 0) return new Map();
    const rows: Array<{ location_id: number; count: number }> = await db.query(
      `SELECT location_id, count(*)::integer AS count FROM contact
        WHERE active AND location_id = ANY($1::integer[]) GROUP BY location_id`,
      [[...new Set(locationIds)]],
    );
    return new Map(rows.map((r) => [r.location_id, r.count]));
  }

  /** Connections by id with their contacts, in id order. */
  async connections(connectionIds: readonly number[], db: EntityManager): Promise<LinkedConnection[]> {
    if (connectionIds.length === 0) return [];
    const rows: Row[] = await db.query(
      `SELECT ${CONNECTION_COLUMNS}, ${CONTACT_COLUMNS} FROM connection n LEFT JOIN contact c ON c.id = n.contact_id
        WHERE n.id = ANY($1::integer[]) ORDER BY n.id`,
      [[...new Set(connectionIds)]],
    );
    return rows.map((row) => ({ connection: connectionOf(db, row), contact: row.id ? contactOf(db, row) : null }));
  }

  /** Connections whose identity contains `text` (a console's phone search), at most `limit`. */
  async containing(text: string, limit: number, db: EntityManager): Promise<Connection[]> {
    const rows: Row[] = await db.query(
      `SELECT ${CONNECTION_COLUMNS} FROM connection n WHERE strpos(n.identity, $1) > 0 ORDER BY n.id LIMIT $2`,
      [text, limit],
    );
    return rows.map((row) => connectionOf(db, row));
  }

  /** The first connection with this identity (on `backend`, or on any), with its contact. */
  async byIdentity(identity: string, backend: string | null, db: EntityManager): Promise<LinkedConnection | null> {
    const rows: Row[] = await db.query(
      `SELECT ${CONNECTION_COLUMNS}, ${CONTACT_COLUMNS} FROM connection n LEFT JOIN contact c ON c.id = n.contact_id
        WHERE n.identity = $1 AND ($2::varchar IS NULL OR n.backend = $2) ORDER BY (n.contact_id IS NULL), n.id LIMIT 1`,
      [identity, backend],
    );
    const row = rows[0];
    return row ? { connection: connectionOf(db, row), contact: row.id ? contactOf(db, row) : null } : null;
  }

  /** The connection for this backend and identity, created on first use. */
  async connectionFor(backend: string, identity: string, db: EntityManager): Promise<Connection> {
    const rows: Row[] = await db.query(
      `WITH inserted AS (
         INSERT INTO connection (backend, identity) VALUES ($1, $2)
         ON CONFLICT (backend, identity) DO NOTHING RETURNING id, backend, identity, contact_id, created_at)
       SELECT * FROM inserted
       UNION ALL SELECT id, backend, identity, contact_id, created_at FROM connection WHERE backend = $1 AND identity = $2
       LIMIT 1`,
      [backend, identity],
    );
    return connectionOf(db, rows[0], '');
  }

  /** Inserts a contact and, given `connectionId`, links that connection to it in the same statement (JOIN: one statement fewer). */
  async insert(
    fields: ContactFields & { pinHash: string | null },
    db: EntityManager,
    connectionId: number | null = null,
  ): Promise<Contact> {
    const rows: Row[] = await db.query(
      `WITH c AS (
         INSERT INTO contact (name, language, location_id, roles, pin_hash, active, is_help_admin)
         VALUES ($1, $2, $3, $4::text[], $5, $6, $7) RETURNING ${CONTACT_COLUMNS.replace(/c\./g, '')}),
       linked AS (UPDATE connection SET contact_id = (SELECT id FROM c) WHERE id = $8::integer)
       SELECT * FROM c`,
      [
        fields.name,
        fields.language,
        fields.locationId,
        [...fields.roles],
        fields.pinHash,
        fields.active,
        fields.isHelpAdmin,
        connectionId,
      ],
    );
    return contactOf(db, rows[0]);
  }

  /** Sets the given fields; `addRoles` adds without repeating one; returns the contact as it now is. */
  async update(
    id: number,
    changes: Partial<ContactFields> & { addRoles?: readonly Role[]; removeRoles?: readonly Role[] },
    db: EntityManager,
  ): Promise<Contact | null> {
    const params: unknown[] = [id];
    const sets = ['updated_at = now()'];
    const set = (column: string, value: unknown, cast = ''): void => {
      sets.push(`${column} = $${params.push(value)}${cast}`);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.language !== undefined) set('language', changes.language);
    if (changes.locationId !== undefined) set('location_id', changes.locationId);
    if (changes.active !== undefined) set('active', changes.active);
    if (changes.isHelpAdmin !== undefined) set('is_help_admin', changes.isHelpAdmin);
    if (changes.roles || changes.addRoles || changes.removeRoles) {
      const roles = changes.roles ? `$${params.push([...changes.roles])}::text[]` : 'roles';
      const add = `$${params.push([...(changes.addRoles ?? [])])}::text[]`;
      const remove = `$${params.push([...(changes.removeRoles ?? [])])}::text[]`;
      // Order kept (the first role is the one replies speak of), each role once.
      sets.push(
        `roles = ARRAY(SELECT r FROM unnest(${roles} || ${add}) WITH ORDINALITY AS t(r, i)
                        WHERE r <> ALL(${remove}) GROUP BY r ORDER BY min(i))`,
      );
    }
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Row[], number] = await db.query(
      `UPDATE contact SET ${sets.join(', ')} WHERE id = $1 RETURNING ${CONTACT_COLUMNS.replace(/c\./g, '')}`,
      params,
    );
    return rows[0] ? contactOf(db, rows[0]) : null;
  }

  async link(connectionId: number, contactId: number | null, db: EntityManager): Promise<void> {
    await db.query('UPDATE connection SET contact_id = $2 WHERE id = $1', [connectionId, contactId]);
  }

  async unlinkAll(contactId: number, db: EntityManager): Promise<void> {
    await db.query('UPDATE connection SET contact_id = NULL WHERE contact_id = $1', [contactId]);
  }

  async pinHash(contactId: number, db: EntityManager): Promise<string | null> {
    const rows: Array<{ pin_hash: string | null }> = await db.query('SELECT pin_hash FROM contact WHERE id = $1', [
      contactId,
    ]);
    return rows[0]?.pin_hash ?? null;
  }

  async setPinHash(contactId: number, hash: string | null, db: EntityManager): Promise<void> {
    await db.query('UPDATE contact SET pin_hash = $2, updated_at = now() WHERE id = $1', [contactId, hash]);
  }

  async summaries(includeInactive: boolean, db: EntityManager): Promise<ContactSummary[]> {
    const rows: Array<ContactSummary & { identities: string[] | null }> = await db.query(
      `SELECT c.id, c.name, c.roles, c.language, c.active, c.is_help_admin AS "isHelpAdmin",
              array_remove(array_agg(n.identity ORDER BY n.id), NULL) AS identities
         FROM contact c LEFT JOIN connection n ON n.contact_id = c.id
        WHERE $1 OR c.active
        GROUP BY c.id ORDER BY c.name, c.id`,
      [includeInactive],
    );
    return rows.map((row) => ({ ...row, identities: row.identities ?? [] }));
  }
}
