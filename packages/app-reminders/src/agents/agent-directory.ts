import { Connection, Contact, ContactsService, type IncomingMessage, type Role, verifyPin } from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';

/** Someone to write to: a phone, and the contact behind it when there is one. */
export interface Recipient {
  readonly connection: Connection;
  readonly contact: Contact | null;
}

/** An active agent (or joiner counted as one) on the first of its phones (Mwana's "default connection"). */
export interface Agent extends Recipient {
  readonly contact: Contact;
}

/** A contact as the console and the jobs show it. */
export interface PersonSummary {
  readonly name: string;
  readonly phone: string | null;
  readonly active: boolean;
  readonly locationId: number | null;
}

/** An agent as the console lists it. */
export interface AgentSummary {
  readonly id: number;
  readonly name: string;
  readonly locationId: number | null;
  readonly phone: string | null;
  readonly lastMessageAt: Date | null;
}

/** Roles of people who register with JOIN: in Malawi each of them is an agent too (`everyJoinerIsAgent`). */
const STAFF_ROLES: readonly Role[] = [
  'clinic-worker',
  'hub-worker',
  'district-worker',
  'province-worker',
  'lab-worker',
];

/**
 * Every read and write RemindMi makes of contacts and connections, in this one file, written
 * against today's core entities until core's contacts contract takes its place: agents,
 * patients, help admins, PIN checks. RemindMi owns the `cba` (agent) and `patient` roles.
 * Every method takes the caller's transaction.
 */
@Injectable()
export class AgentDirectory {
  constructor(
    private readonly contacts: ContactsService,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
  ) {}

  /** An active agent: the CBA role, or in Malawi any staff role (docs/keywords.md#agent). */
  isAgent(contact: Contact | null): contact is Contact {
    if (!contact?.active) return false;
    return (
      contact.roles.includes('cba') ||
      (this.settings.everyJoinerIsAgent && contact.roles.some((r) => STAFF_ROLES.includes(r)))
    );
  }

  /** An active clinic worker with a place (a PIN is checked where one is asked for). */
  isClinicWorker(contact: Contact | null): contact is Contact {
    return !!contact?.active && contact.roles.includes('clinic-worker') && contact.locationId !== null;
  }

  /** Active agents at each of these locations, by name, on their first phone: location id -> agents. */
  async agentsAt(locationIds: readonly number[], db: EntityManager): Promise<Map<number, Agent[]>> {
    const byLocation = new Map<number, Agent[]>();
    if (locationIds.length === 0) return byLocation;
    const roles = this.settings.everyJoinerIsAgent ? ['cba', ...STAFF_ROLES] : ['cba'];
    const connections = await db
      .getRepository(Connection)
      .createQueryBuilder('n')
      .innerJoinAndSelect('n.contact', 'c')
      .where('c.location_id = ANY(:locations) AND c.active AND c.roles && CAST(:roles AS text[])', {
        locations: [...new Set(locationIds)],
        roles,
      })
      .orderBy('c.name')
      .addOrderBy('c.id')
      .addOrderBy('n.id')
      .getMany();
    const seen = new Set<number>();
    for (const connection of connections) {
      const contact = connection.contact!;
      if (seen.has(contact.id) || contact.locationId === null) continue;
      seen.add(contact.id);
      const list = byLocation.get(contact.locationId) ?? [];
      list.push({ connection, contact });
      byLocation.set(contact.locationId, list);
    }
    return byLocation;
  }

  /** Active agents at any of these locations, by name, on their first phone (TRACE asks, RMDEMO). */
  async agentsAmong(locationIds: readonly number[], db: EntityManager): Promise<Agent[]> {
    const byLocation = await this.agentsAt(locationIds, db);
    return [...byLocation.values()]
      .flat()
      .sort((a, b) => a.contact.name.localeCompare(b.contact.name) || a.contact.id - b.contact.id);
  }

  /** Every active help admin, on their first phone. */
  async helpAdmins(db: EntityManager): Promise<Recipient[]> {
    const admins = await db.find(Contact, { where: { isHelpAdmin: true, active: true }, order: { id: 'ASC' } });
    return [...(await this.recipients(admins, db)).values()];
  }

  /** An active contact on its first phone; null when it is inactive or has none. */
  async recipient(contactId: number, db: EntityManager): Promise<Recipient | null> {
    return (await this.recipientsOf([contactId], db)).get(contactId) ?? null;
  }

  /** Active contacts on their first phones, by id; the inactive and the phoneless are left out. */
  async recipientsOf(contactIds: readonly number[], db: EntityManager): Promise<Map<number, Recipient>> {
    if (contactIds.length === 0) return new Map();
    const contacts = await db.find(Contact, { where: { id: In([...new Set(contactIds)]), active: true } });
    return this.recipients(contacts, db);
  }

  /** Phones by id, for reminders to the phone that registered an event (its sender had no place). */
  async connections(ids: readonly number[], db: EntityManager): Promise<Map<number, Recipient>> {
    if (ids.length === 0) return new Map();
    const connections = await db.find(Connection, {
      where: { id: In([...new Set(ids)]) },
      relations: { contact: true },
    });
    return new Map(
      connections.map((connection) => [
        connection.id,
        { connection, contact: connection.contact?.active ? connection.contact : null },
      ]),
    );
  }

  /** The phone number of a contact (its first connection), for replies that name it. */
  async phoneOf(contactId: number, db: EntityManager): Promise<string | null> {
    const connection = await db.findOne(Connection, { where: { contactId }, order: { id: 'ASC' } });
    return connection?.identity ?? null;
  }

  /**
   * AGENT and JOIN CBA: the sender's contact (or a new one) takes the name and the zone, gains
   * the CBA role and keeps any other (a clinic worker stays one), and the phone is linked to it.
   * `language` undefined leaves the contact's language as it was.
   */
  async registerAgent(
    msg: IncomingMessage,
    current: Contact | null,
    spec: { name: string; locationId: number; language?: string | null },
  ): Promise<Contact> {
    const repo = msg.db.getRepository(Contact);
    const contact =
      current ?? repo.create({ language: null, roles: [], active: true, isHelpAdmin: false, locationId: null });
    contact.name = spec.name;
    contact.locationId = spec.locationId;
    if (spec.language !== undefined) contact.language = spec.language;
    contact.roles = [...new Set<Role>([...contact.roles, 'cba'])];
    const saved = await repo.save(contact);
    await msg.db.update(Connection, msg.connection.id, { contactId: saved.id });
    msg.contact = saved;
    return saved;
  }

  /** REMOVE: the agent is kept (its history matters), inactive, its phones unlinked. */
  deactivate(contact: Contact, db: EntityManager): Promise<void> {
    return this.contacts.deactivate(contact, db);
  }

  /** True when the contact has a PIN: only registered clinic workers with one may act for their clinic. */
  async hasPin(contact: Contact, db: EntityManager): Promise<boolean> {
    const rows: unknown[] = await db.query('SELECT 1 FROM contact WHERE id = $1 AND pin_hash IS NOT NULL', [
      contact.id,
    ]);
    return rows.length > 0;
  }

  /** The contact's PIN against its stored hash (BIRTHREG). */
  async pinMatches(contact: Contact, pin: string, db: EntityManager): Promise<boolean> {
    const stored = await db
      .getRepository(Contact)
      .createQueryBuilder('c')
      .addSelect('c.pinHash')
      .where('c.id = :id', { id: contact.id })
      .getOne();
    return stored?.pinHash ? verifyPin(pin, stored.pinHash) : false;
  }

  /**
   * The patient of this name (any case) at the location, made on first use with the patient
   * role; without a location, among `candidates` (patients the same phone registered before).
   * Two agents registering one patient at once wait for each other (a lock on the name).
   */
  async patient(
    name: string,
    where: { locationId: number } | { candidates: readonly number[] },
    db: EntityManager,
  ): Promise<Contact> {
    const scope = 'locationId' in where ? `l${where.locationId}` : `n${where.candidates.join(',')}`;
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reminders.patient:${scope}:${name.toLowerCase()}`]);
    const query = db
      .getRepository(Contact)
      .createQueryBuilder('c')
      .where(`'patient' = ANY(c.roles) AND lower(c.name) = lower(:name)`, { name });
    if ('locationId' in where) query.andWhere('c.location_id = :location', { location: where.locationId });
    else query.andWhere('c.location_id IS NULL AND c.id = ANY(:ids)', { ids: [...where.candidates, 0] });
    const found = await query.orderBy('c.id').getOne();
    if (found) return found;
    return db.getRepository(Contact).save({
      name,
      language: null,
      roles: ['patient'],
      active: true,
      isHelpAdmin: false,
      locationId: 'locationId' in where ? where.locationId : null,
    });
  }

  /** Of these contacts, the active ones. */
  async activeAmong(ids: readonly number[], db: EntityManager): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: number }> = await db.query('SELECT id FROM contact WHERE id = ANY($1) AND active', [
      [...new Set(ids)],
    ]);
    return new Set(rows.map((r) => r.id));
  }

  /** Names, first phones and state of contacts, for pages and texts that name them. */
  async people(ids: readonly number[], db: EntityManager): Promise<Map<number, PersonSummary>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: number; name: string; active: boolean; location_id: number | null; phone: string | null }> =
      await db.query(
        `SELECT c.id, c.name, c.active, c.location_id,
                (SELECT n.identity FROM connection n WHERE n.contact_id = c.id ORDER BY n.id LIMIT 1) AS phone
           FROM contact c WHERE c.id = ANY($1)`,
        [[...new Set(ids)]],
      );
    return new Map(
      rows.map((r) => [r.id, { name: r.name, phone: r.phone, active: r.active, locationId: r.location_id }]),
    );
  }

  /**
   * Active agents (at these locations, or everywhere) with their first phone and the time of
   * the last SMS they sent, by name: the console's agents per zone. At most `limit`.
   */
  async agentsWithLastMessage(
    locationIds: readonly number[] | null,
    limit: number,
    db: EntityManager,
  ): Promise<Array<AgentSummary>> {
    const roles = this.settings.everyJoinerIsAgent ? ['cba', ...STAFF_ROLES] : ['cba'];
    const rows: Array<{
      id: number;
      name: string;
      location_id: number | null;
      phone: string | null;
      last: Date | null;
    }> = await db.query(
      `SELECT c.id, c.name, c.location_id, n.identity AS phone,
                (SELECT m.created_at FROM message m WHERE m.connection_id = n.id AND m.direction = 'in'
                  ORDER BY m.id DESC LIMIT 1) AS last
           FROM contact c
           LEFT JOIN LATERAL (SELECT id, identity FROM connection WHERE contact_id = c.id ORDER BY id LIMIT 1) n ON true
          WHERE c.active AND c.roles && $1::text[] AND ($2::int[] IS NULL OR c.location_id = ANY($2))
          ORDER BY c.name, c.id LIMIT $3`,
      [roles, locationIds === null ? null : [...locationIds], limit],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      locationId: r.location_id,
      phone: r.phone,
      lastMessageAt: r.last,
    }));
  }

  /** Each contact on its first connection; contacts without one are left out. */
  private async recipients(contacts: readonly Contact[], db: EntityManager): Promise<Map<number, Recipient>> {
    if (contacts.length === 0) return new Map();
    const connections = await db.find(Connection, {
      where: { contactId: In(contacts.map((c) => c.id)) },
      order: { id: 'ASC' },
    });
    const byContact = new Map(contacts.map((c) => [c.id, c]));
    const found = new Map<number, Recipient>();
    for (const connection of connections) {
      const contact = byContact.get(connection.contactId!);
      if (contact && !found.has(contact.id)) found.set(contact.id, { connection, contact });
    }
    return new Map(contacts.flatMap((c) => (found.has(c.id) ? [[c.id, found.get(c.id)!] as const] : [])));
  }
}
