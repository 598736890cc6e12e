import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import type { Connection } from './connection.entity';
import type { Contact } from './contact.entity';
import type { Role } from './contact-roles';
import { ContactRoleRegistry } from './contact-role.registry';
import { ContactsError, ContactsErrorCode } from './contacts.error';
import {
  type ContactQuery,
  ContactsRepository,
  type ContactSummary,
  type LinkedConnection,
  type Recipient,
} from './contacts.repository';
import { ConnectionBatches } from './connection-batches';
import { normalizeIdentity } from './phone-number';
import { PinHasher } from './pin-hasher';

/** A connection as the contract takes it: the row (e.g. `msg.connection`), or a phone on a backend. */
export type ConnectionRef = Pick<Connection, 'id'> | { readonly backend: string; readonly phone: string };

export interface NewContact {
  readonly name: string;
  readonly roles?: readonly Role[];
  /** A clinic, a zone, a district (a location id of app-locations). */
  readonly locationId?: number | null;
  /** A language code of the country's; null or absent: the country default. */
  readonly language?: string | null;
  /** Hashed here (keyed, salted); never stored or logged in clear. */
  readonly pin?: string;
  readonly helpAdmin?: boolean;
  /** The phone it registers from: linked to the new contact (taken from whoever had it). */
  readonly connection?: ConnectionRef;
}

export interface ContactChanges {
  readonly name?: string;
  readonly locationId?: number | null;
  readonly language?: string | null;
  /** Added after the roles it has, each once. */
  readonly addRoles?: readonly Role[];
  readonly removeRoles?: readonly Role[];
}

/**
 * Contacts as every app reads and writes them: the one way to the `contact` and
 * `connection` rows. Every method takes an optional `db` (pass `msg.db` in a handler, so
 * the change commits with the replies; the job's transaction in a job); without it, the
 * default manager. Phones are read in any form a person writes them (`0977 123 456`,
 * `+260977123456`). Roles must be declared by an installed app (`@ContactRoles`). PINs are
 * `ContactPins`' business. Everything returned is a plain copy: change it through here.
 *
 * @example
 * // RemindMi: AGENT registers the sender into a zone, then the job reads active agents by zone.
 * const agent = await contacts.register({ name, roles: ['cba'], locationId: zone.id, connection: msg.connection }, msg.db);
 * const agents = await contacts.recipients({ roles: ['cba'], locationIds: [zone.id] }, db);
 * for (const to of agents) send(to, texts.reminder, { name: to.contact.name });
 *
 * @example
 * // Broadcast: every clinic worker under a district (its clinics and their zones), with the
 * // connection to write to: one query for the tree's ids, one for the recipients, however many.
 * const locationIds = await locations.subtreeIds(district.id, db);
 * const recipients = await contacts.recipients({ roles: ['clinic-worker'], locationIds }, db);
 */
@Injectable()
export class ContactsService {
  private readonly country: string;
  private readonly batches = new ConnectionBatches();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ContactsRepository,
    private readonly roles: ContactRoleRegistry,
    private readonly hasher: PinHasher,
    config: MwanaConfig,
  ) {
    this.country = config.section(countryConfig).code;
  }

  /** A phone as Mwana stores it: E.164 in the country's numbering plan (`0977123456` -> `+260977123456`). */
  normalize(phone: string): string {
    return normalizeIdentity(phone, this.country);
  }

  findById(id: number, db?: EntityManager): Promise<Contact | null> {
    return this.repository.find({ ids: [id], includeInactive: true }, this.db(db)).then((found) => found[0] ?? null);
  }

  /**
   * The contact behind a phone (any way it is written), on `backend` or any, with the
   * connection; active or not (check `contact.active`). Null when no connection has the phone.
   *
   * @example
   * const found = await contacts.findByPhone('0977123456', msg.db);
   * if (!found?.contact?.active) throw new SmsReplyError(texts.unknownPhone, { phone });
   */
  findByPhone(phone: string, db?: EntityManager, options: { backend?: string } = {}): Promise<LinkedConnection | null> {
    return this.repository.byIdentity(this.normalize(phone), options.backend ?? null, this.db(db));
  }

  /** `findByPhone` for many phones in one statement (an import's file), by phone in E.164; phones nobody has are absent. */
  findByPhones(phones: readonly string[], db?: EntityManager): Promise<Map<string, LinkedConnection>> {
    return this.batches.byIdentities(
      phones.map((p) => this.normalize(p)),
      this.db(db),
    );
  }

  /** Links each phone to its contact as `link` does (the connection `findByPhone` finds, else a new one on `backend`): three statements. */
  async linkPhones(links: ReadonlyArray<{ phone: string; contactId: number }>, backend: string, db?: EntityManager) {
    const wanted = links.map((l) => ({ identity: this.normalize(l.phone), contactId: l.contactId }));
    const known = await this.findByPhones(
      wanted.map((l) => l.identity),
      db,
    );
    const ids = wanted.flatMap((l) => {
      const found = known.get(l.identity);
      return found ? [{ connectionId: found.connection.id, contactId: l.contactId }] : [];
    });
    await this.batches.linkAll(ids, this.db(db));
    await this.batches.connectAll(
      backend,
      wanted.filter((l) => !known.has(l.identity)),
      this.db(db),
    );
  }

  /** Like `findByPhone`, for operators: a clear error when the phone is nobody's. */
  async getByPhone(phone: string, db?: EntityManager): Promise<Contact> {
    const found = await this.findByPhone(phone, db);
    if (!found?.contact) throw new ContactsError(ContactsErrorCode.NotFound, `No contact has the number ${phone}.`);
    return found.contact;
  }

  /**
   * Contacts by role, location, id or help-admin flag (active ones unless asked), by name.
   *
   * @example
   * const staff = await contacts.find({ roles: ['clinic-worker'], locationIds: [clinic.id, ...zoneIds] }, msg.db);
   */
  find(query: ContactQuery, db?: EntityManager): Promise<Contact[]> {
    return this.repository.find(query, this.db(db));
  }

  /**
   * The same contacts each with the connection to write to (its first: Mwana's default
   * connection); those without one are left out. One statement however many (a 20,000
   * recipient blast is one query). Pass each to `msg.notify` or a job's `send`.
   */
  recipients(query: ContactQuery, db?: EntityManager): Promise<Recipient[]> {
    return this.repository.recipients(query, this.db(db));
  }

  /** Every active help admin, on their default connection. */
  helpAdmins(db?: EntityManager): Promise<Recipient[]> {
    return this.recipients({ helpAdmin: true }, db);
  }

  /** Each contact's default connection (its first), by contact id; contacts without one are absent. */
  defaultConnections(contactIds: readonly number[], db?: EntityManager): Promise<Map<number, Connection>> {
    return this.repository.defaultConnections(contactIds, this.db(db));
  }

  /** Every connection (phone) of each contact, oldest first; contacts without one are absent. */
  connectionsOf(contactIds: readonly number[], db?: EntityManager): Promise<Map<number, Connection[]>> {
    return this.repository.connectionsOf(contactIds, this.db(db));
  }

  /** How many active contacts each location has (a console's counts); locations with none are absent. */
  countAt(locationIds: readonly number[], db?: EntityManager): Promise<Map<number, number>> {
    return this.repository.countAt(locationIds, this.db(db));
  }

  /** Connections by id with their contacts (null for a phone nobody registered), in id order. */
  connections(connectionIds: readonly number[], db?: EntityManager): Promise<LinkedConnection[]> {
    return this.repository.connections(connectionIds, this.db(db));
  }

  /** Connections whose phone contains these characters (a console's search), at most `limit`. */
  connectionsContaining(text: string, db?: EntityManager, limit = 1000): Promise<Connection[]> {
    return this.repository.containing(text, limit, this.db(db));
  }

  /** The connection for a phone on a backend, created on first use (a printer's SIM before it ever wrote). */
  connectionFor(backend: string, phone: string, db?: EntityManager): Promise<Connection> {
    return this.repository.connectionFor(backend, this.normalize(phone), this.db(db));
  }

  /**
   * A new contact, linked to `connection` when given (a stored connection in the insert's own statement).
   * @example
   * const contact = await contacts.register(
   *   { name: 'Mary Phiri', roles: ['clinic-worker'], locationId: clinic.id, pin: '1234', connection: msg.connection },
   *   msg.db,
   * );
   * msg.contact = contact; // the reply speaks to the new contact
   */
  async register(contact: NewContact, db?: EntityManager): Promise<Contact> {
    const roles = this.declared(contact.roles ?? []);
    const stored = contact.connection && 'id' in contact.connection ? contact.connection : null;
    const saved = await this.repository.insert(
      {
        name: this.checkedName(contact.name),
        language: contact.language ?? null,
        locationId: contact.locationId ?? null,
        roles,
        active: true,
        isHelpAdmin: contact.helpAdmin ?? false,
        pinHash: contact.pin === undefined ? null : this.hasher.hash(checkedPin(contact.pin)),
      },
      this.db(db),
      stored?.id ?? null,
    );
    if (contact.connection && !stored) await this.link(contact.connection, saved.id, db);
    return saved;
  }

  /** Changes a contact; returns it as it now is. */
  async update(contactId: number, changes: ContactChanges, db?: EntityManager): Promise<Contact> {
    const updated = await this.repository.update(
      contactId,
      {
        ...(changes.name !== undefined ? { name: this.checkedName(changes.name) } : {}),
        locationId: changes.locationId,
        language: changes.language,
        addRoles: changes.addRoles ? this.declared(changes.addRoles) : undefined,
        removeRoles: changes.removeRoles,
      },
      this.db(db),
    );
    if (!updated) throw new ContactsError(ContactsErrorCode.NotFound, `No contact #${contactId}.`);
    return updated;
  }

  /** Links a connection to a contact (the phone now speaks for it), taking it from whoever had it. */
  async link(connection: ConnectionRef, contactId: number, db?: EntityManager): Promise<Connection> {
    const row = 'id' in connection ? connection : await this.connectionFor(connection.backend, connection.phone, db);
    await this.repository.link(row.id, contactId, this.db(db));
    return { ...(row as Connection), contactId };
  }

  /** Unlinks one connection: its phone is nobody's any more. */
  async unlink(connection: Pick<Connection, 'id'>, db?: EntityManager): Promise<void> {
    await this.repository.link(connection.id, null, this.db(db));
  }

  /**
   * LEAVE, the operators' deactivate, a printer removed: the contact is kept (its history
   * matters), inactive, and its phones unlinked, so it receives nothing more.
   */
  async deactivate(contactId: number, db?: EntityManager): Promise<void> {
    await this.repository.update(contactId, { active: false }, this.db(db));
    await this.repository.unlinkAll(contactId, this.db(db));
  }

  async setHelpAdmin(contactId: number, on: boolean, db?: EntityManager): Promise<void> {
    await this.repository.update(contactId, { isHelpAdmin: on }, this.db(db));
  }

  /** A language code of the country's (LANGUAGE checks it against the list); null for the default. */
  async setLanguage(contactId: number, language: string | null, db?: EntityManager): Promise<void> {
    await this.repository.update(contactId, { language }, this.db(db));
  }

  /** Contacts with their phones, as the console and `mwana contacts list` show them. */
  list(options: { includeInactive?: boolean } = {}, db?: EntityManager): Promise<ContactSummary[]> {
    return this.repository.summaries(options.includeInactive ?? false, this.db(db));
  }

  private db(db: EntityManager | undefined): EntityManager {
    return db ?? this.dataSource.manager;
  }

  private declared(roles: readonly Role[]): Role[] {
    const unknown = this.roles.unknown(roles);
    if (unknown.length > 0) {
      throw new ContactsError(
        ContactsErrorCode.UnknownRole,
        `No installed app declares the role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (@ContactRoles).`,
      );
    }
    return [...new Set(roles)];
  }

  private checkedName(name: string): string {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) {
      throw new ContactsError(ContactsErrorCode.BadName, 'A contact needs a name of 1 to 100 characters.');
    }
    return trimmed;
  }
}

/** PINs are 4 to 8 digits (JOIN takes 4; a help desk's reset makes 4). */
export function checkedPin(pin: string): string {
  if (!/^\d{4,8}$/.test(pin)) throw new ContactsError(ContactsErrorCode.BadPin, 'A PIN is 4 to 8 digits.');
  return pin;
}
