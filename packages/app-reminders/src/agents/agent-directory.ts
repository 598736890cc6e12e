import {
  type Connection,
  type Contact,
  ContactPins,
  ContactsService,
  type IncomingMessage,
  type PinCheck,
  type PinPolicy,
  type Role,
} from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

/** Roles of people who register with JOIN: in Malawi each of them is an agent too (`everyJoinerIsAgent`). */
const STAFF_ROLES: readonly Role[] = [
  'clinic-worker',
  'hub-worker',
  'district-worker',
  'province-worker',
  'lab-worker',
];

/** Results160's PIN rule, which BIRTHREG shares (and its strikes): five wrong in a row lock for 30 minutes. */
const PIN_POLICY: PinPolicy = { attempts: 5, lockMinutes: 30 };

/**
 * RemindMi's people, through core's contacts contract (ContactsService, ContactPins), in this
 * one file: who counts as an agent (the `cba` role RemindMi gives, or in Malawi any staff
 * role), agents by place, patients, help admins, PIN checks. Every method takes the caller's
 * transaction.
 */
@Injectable()
export class AgentDirectory {
  constructor(
    private readonly contacts: ContactsService,
    private readonly pins: ContactPins,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
  ) {}

  /** The roles that make an agent here. */
  get agentRoles(): Role[] {
    return this.settings.everyJoinerIsAgent ? ['cba', ...STAFF_ROLES] : ['cba'];
  }

  /** An active agent: the CBA role, or in Malawi any staff role (docs/keywords.md#agent). */
  isAgent(contact: Contact | null): contact is Contact {
    return !!contact?.active && contact.roles.some((r) => this.agentRoles.includes(r));
  }

  /** An active clinic worker with a place (a PIN is checked where one is asked for). */
  isClinicWorker(contact: Contact | null): contact is Contact {
    return !!contact?.active && contact.roles.includes('clinic-worker') && contact.locationId !== null;
  }

  /** Active agents at each of these locations, by name, on their first phone: location id -> agents. */
  async agentsAt(locationIds: readonly number[], db: EntityManager): Promise<Map<number, Agent[]>> {
    const byLocation = new Map<number, Agent[]>();
    if (locationIds.length === 0) return byLocation;
    const agents = await this.contacts.recipients(
      { roles: this.agentRoles, locationIds: [...new Set(locationIds)] },
      db,
    );
    for (const agent of agents) {
      const at = agent.contact.locationId;
      if (at !== null) byLocation.set(at, [...(byLocation.get(at) ?? []), agent]);
    }
    return byLocation;
  }

  /** Active agents at any of these locations, by name, on their first phone (TRACE asks, RMDEMO). */
  agentsAmong(locationIds: readonly number[] | null, db: EntityManager): Promise<Agent[]> {
    if (locationIds?.length === 0) return Promise.resolve([]);
    return this.contacts.recipients(
      { roles: this.agentRoles, ...(locationIds === null ? {} : { locationIds: [...new Set(locationIds)] }) },
      db,
    );
  }

  /** Every active help admin, on their first phone. */
  helpAdmins(db: EntityManager): Promise<Recipient[]> {
    return this.contacts.helpAdmins(db);
  }

  /** An active contact on its first phone; null when it is inactive or has none. */
  async recipient(contactId: number, db: EntityManager): Promise<Recipient | null> {
    return (await this.recipientsOf([contactId], db)).get(contactId) ?? null;
  }

  /** Active contacts on their first phones, by id; the inactive and the phoneless are left out. */
  async recipientsOf(contactIds: readonly number[], db: EntityManager): Promise<Map<number, Recipient>> {
    if (contactIds.length === 0) return new Map();
    const found = await this.contacts.recipients({ ids: [...new Set(contactIds)] }, db);
    return new Map(found.map((r) => [r.contact.id, r]));
  }

  /** Phones by id, for reminders to the phone that registered an event (its sender had no place). */
  async connections(ids: readonly number[], db: EntityManager): Promise<Map<number, Recipient>> {
    if (ids.length === 0) return new Map();
    const found = await this.contacts.connections([...new Set(ids)], db);
    return new Map(
      found.map(({ connection, contact }) => [
        connection.id,
        { connection, contact: contact?.active ? contact : null },
      ]),
    );
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
    const db = msg.db;
    const agent = current
      ? await this.contacts.update(
          current.id,
          { name: spec.name, locationId: spec.locationId, language: spec.language, addRoles: ['cba'] },
          db,
        )
      : await this.contacts.register(
          { name: spec.name, roles: ['cba'], locationId: spec.locationId, language: spec.language ?? null },
          db,
        );
    await this.contacts.link(msg.connection, agent.id, db);
    msg.contact = agent;
    return agent;
  }

  /** REMOVE: the agent is kept (its history matters), inactive, its phones unlinked. */
  deactivate(contact: Contact, db: EntityManager): Promise<void> {
    return this.contacts.deactivate(contact.id, db);
  }

  /** True when the contact has a PIN: only registered clinic workers with one may act for their clinic. */
  hasPin(contact: Contact, db: EntityManager): Promise<boolean> {
    return this.pins.hasPin(contact.id, db);
  }

  /** BIRTHREG's PIN, counted with every other PIN check of the contact (Results160's too). */
  checkPin(contact: Contact, pin: string, db: EntityManager): Promise<PinCheck> {
    return this.pins.check(contact.id, pin, PIN_POLICY, db);
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
    const known =
      'locationId' in where
        ? await this.contacts.find({ roles: ['patient'], locationIds: [where.locationId] }, db)
        : where.candidates.length === 0
          ? []
          : (await this.contacts.find({ roles: ['patient'], ids: [...where.candidates] }, db)).filter(
              (p) => p.locationId === null,
            );
    const found = known.filter((p) => p.name.toLowerCase() === name.toLowerCase()).sort((a, b) => a.id - b.id)[0];
    return (
      found ??
      this.contacts.register(
        { name, roles: ['patient'], locationId: 'locationId' in where ? where.locationId : null },
        db,
      )
    );
  }

  /** Names, first phones and state of contacts, for pages and texts that name them. */
  async people(ids: readonly number[], db: EntityManager): Promise<Map<number, PersonSummary>> {
    if (ids.length === 0) return new Map();
    const unique = [...new Set(ids)];
    const contacts = await this.contacts.find({ ids: unique, includeInactive: true }, db);
    const phones = await this.contacts.defaultConnections(unique, db);
    return new Map(
      contacts.map((c) => [
        c.id,
        { name: c.name, phone: phones.get(c.id)?.identity ?? null, active: c.active, locationId: c.locationId },
      ]),
    );
  }
}
