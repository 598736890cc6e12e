import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import type { Contact } from './contact.entity';
import type { Role } from './contact-roles';
import { ContactLocations } from './contact-locations';
import { ContactRoleRegistry } from './contact-role.registry';
import { ContactsError, ContactsErrorCode } from './contacts.error';
import type { ContactQuery } from './contacts.repository';
import { ContactsService } from './contacts.service';

/** A contact as an operator gives it: `/api/contacts` or a row of `mwana contacts import`. */
export interface ContactInput {
  readonly name: string;
  /** One or more, in any writing (`0977 123 456`, `+260977123456`). */
  readonly phones: readonly string[];
  readonly roles?: readonly Role[];
  /** Absent: unchanged on an update, none on a create. */
  readonly locationId?: number | null;
  /** A language code (or name) of the country's; absent: unchanged, or the country default. */
  readonly language?: string | null;
}

/** What to change; `phones` and `roles` replace the contact's. */
export interface ContactPatch {
  readonly name?: string;
  readonly phones?: readonly string[];
  readonly roles?: readonly Role[];
  readonly locationId?: number | null;
  readonly language?: string | null;
}

/** A contact with its phones, as the API and the import show it. */
export interface ContactRecord {
  readonly id: number;
  readonly name: string;
  readonly phones: string[];
  readonly roles: Role[];
  readonly locationId: number | null;
  readonly language: string | null;
  readonly active: boolean;
  readonly helpAdmin: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What saving one contact did (or, in a dry run, would do). */
export interface SaveOutcome {
  readonly action: 'created' | 'updated' | 'unchanged';
  /** The contact as it now is; null for a dry run's create. */
  readonly contact: ContactRecord | null;
  /** The fields an update changes (`name`, `roles`, `location`, `language`, `phones`). */
  readonly changes: string[];
}

const PHONE = /^\+\d{7,15}$/;
/** The first key of the phone locks (advisory locks are two int4 keys): "mw". */
const LOCK_NAMESPACE = 0x6d77;
const PHONE_BUCKETS = 256;

/** A phone's lock bucket: FNV-1a of its E.164 form. */
function phoneBucket(phone: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < phone.length; i++) hash = Math.imul(hash ^ phone.charCodeAt(i), 0x01000193) >>> 0;
  return hash % PHONE_BUCKETS;
}

/**
 * Operators' writes of contacts (the API, the CSV import), on top of the contacts contract
 * (`ContactsService`): a contact with its phones, checked whole before anything is written
 * (name, phones, declared roles, the country's languages, existing locations). A phone is
 * one active contact's: every write first takes a transaction-scoped advisory lock for its
 * phones (`lock`), so two requests creating the same phone at once make one contact.
 */
@Injectable()
export class ContactsAdmin {
  private readonly languages: ReadonlyArray<{ code: string; name: string }>;
  private readonly gateway: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly roles: ContactRoleRegistry,
    private readonly locations: ContactLocations,
    config: MwanaConfig,
  ) {
    this.languages = config.section(countryConfig).languages;
    // A phone that never wrote gets a connection on the first configured gateway, as
    // POST /api/messages does (the `backends` section is read as values: gateways/ comes after contacts/).
    const backends = config.values.backends as { gateways?: Record<string, unknown> } | undefined;
    this.gateway = Object.keys(backends?.gateways ?? {})[0] ?? 'tester';
  }

  async get(id: number, db?: EntityManager): Promise<ContactRecord | null> {
    const contact = await this.contacts.findById(id, db);
    return contact ? (await this.records([contact], db))[0] : null;
  }

  /** Contacts by role and location (active ones unless asked), ordered by id. */
  async list(query: ContactQuery, db?: EntityManager): Promise<ContactRecord[]> {
    const found = await this.contacts.find(query, db);
    return this.records(
      found.sort((a, b) => a.id - b.id),
      db,
    );
  }

  /** A new contact; refused (PhoneTaken) when an active contact has one of its phones. */
  async create(input: ContactInput): Promise<ContactRecord> {
    const outcome = await this.dataSource.transaction((db) => this.save(input, { mode: 'create' }, db));
    return outcome.contact as ContactRecord;
  }

  /**
   * One contact in the caller's transaction: created, or (`upsert`) the active contact that
   * has its phones updated to it (the listed phones added, the others kept). With `dryRun`,
   * everything is checked and read, nothing written.
   */
  async save(
    input: ContactInput,
    options: { mode: 'create' | 'upsert'; dryRun?: boolean },
    db: EntityManager,
  ): Promise<SaveOutcome> {
    const phones = this.phones(input.phones);
    const fields = await this.checked(input, db);
    await this.lock(phones, db);
    const owners = await this.owners(phones, db);
    const ids = [...new Set([...owners.values()].map((c) => c.id))];
    if (ids.length > 1 || (ids.length === 1 && options.mode === 'create')) {
      const taken = [...owners].map(([phone, c]) => `${phone} is ${c.name}'s (#${c.id})`).join(', ');
      throw new ContactsError(ContactsErrorCode.PhoneTaken, `${taken}.`);
    }
    if (ids.length === 0) {
      if (options.dryRun) return { action: 'created', contact: null, changes: [] };
      const contact = await this.contacts.register(
        {
          name: fields.name as string,
          roles: fields.roles ?? [],
          locationId: fields.locationId ?? null,
          language: fields.language ?? null,
        },
        db,
      );
      for (const phone of phones) await this.linkPhone(phone, contact.id, db);
      return { action: 'created', contact: await this.get(contact.id, db), changes: [] };
    }
    const existing = [...owners.values()][0];
    const linked = new Set(
      (await this.contacts.connectionsOf([existing.id], db)).get(existing.id)?.map((c) => c.identity),
    );
    const added = phones.filter((p) => !linked.has(p));
    const changes = this.changes(existing, fields);
    if (added.length > 0) changes.push('phones');
    if (changes.length === 0) return { action: 'unchanged', contact: (await this.records([existing], db))[0], changes };
    if (options.dryRun) return { action: 'updated', contact: (await this.records([existing], db))[0], changes };
    await this.apply(existing, fields, db);
    for (const phone of added) await this.linkPhone(phone, existing.id, db);
    return { action: 'updated', contact: await this.get(existing.id, db), changes };
  }

  /** Changes a contact; `phones` given replaces its phones (none may be another active contact's). */
  update(id: number, patch: ContactPatch): Promise<ContactRecord> {
    return this.dataSource.transaction(async (db) => {
      const contact = await this.contacts.findById(id, db);
      if (!contact) throw new ContactsError(ContactsErrorCode.NotFound, `No contact #${id}.`);
      const fields = await this.checked(patch, db);
      if (patch.phones) {
        if (!contact.active) {
          throw new ContactsError(ContactsErrorCode.NotFound, `Contact #${id} is deactivated: it takes no phones.`);
        }
        const phones = this.phones(patch.phones);
        await this.lock(phones, db);
        const taken = [...(await this.owners(phones, db))].filter(([, c]) => c.id !== id);
        if (taken.length > 0) {
          const list = taken.map(([phone, c]) => `${phone} is ${c.name}'s (#${c.id})`).join(', ');
          throw new ContactsError(ContactsErrorCode.PhoneTaken, `${list}.`);
        }
        const current = (await this.contacts.connectionsOf([id], db)).get(id) ?? [];
        for (const connection of current) {
          if (!phones.includes(connection.identity)) await this.contacts.unlink(connection, db);
        }
        const linked = new Set(current.map((c) => c.identity));
        for (const phone of phones) if (!linked.has(phone)) await this.linkPhone(phone, id, db);
      }
      await this.apply(contact, fields, db);
      return (await this.get(id, db)) as ContactRecord;
    });
  }

  /** The contact kept, inactive, its phones unlinked (`ContactsService.deactivate`). */
  deactivate(id: number): Promise<ContactRecord> {
    return this.dataSource.transaction(async (db) => {
      const contact = await this.contacts.findById(id, db);
      if (!contact) throw new ContactsError(ContactsErrorCode.NotFound, `No contact #${id}.`);
      await this.contacts.deactivate(id, db);
      return (await this.get(id, db)) as ContactRecord;
    });
  }

  /** Each phone in E.164, once, in the order given; a clear error for one that is not a number. */
  phones(raw: readonly string[]): string[] {
    const phones = [...new Set(raw.map((p) => this.contacts.normalize(p)).filter((p) => p !== ''))];
    const bad = raw.filter((p) => !PHONE.test(this.contacts.normalize(p)));
    if (bad.length > 0) {
      throw new ContactsError(ContactsErrorCode.BadPhone, `Not phone numbers: ${bad.map((p) => `"${p}"`).join(', ')}.`);
    }
    if (phones.length === 0) throw new ContactsError(ContactsErrorCode.BadPhone, 'A contact needs a phone.');
    return phones;
  }

  private async checked(input: Omit<ContactPatch, 'phones'>, db: EntityManager): Promise<Omit<ContactPatch, 'phones'>> {
    const name = input.name?.trim();
    if (name !== undefined && (name.length === 0 || name.length > 100)) {
      throw new ContactsError(ContactsErrorCode.BadName, 'A contact needs a name of 1 to 100 characters.');
    }
    const roles = input.roles ? [...new Set(input.roles.map((r) => r.trim().toLowerCase()))] : undefined;
    const unknown = this.roles.unknown(roles ?? []);
    if (unknown.length > 0) {
      throw new ContactsError(
        ContactsErrorCode.UnknownRole,
        `No installed app declares the role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${this.roles
          .all()
          .map((r) => r.slug)
          .join(', ')}).`,
      );
    }
    let language = input.language;
    if (language !== undefined && language !== null) {
      const wanted = language.trim().toLowerCase();
      const found = this.languages.find((l) => l.code.toLowerCase() === wanted || l.name.toLowerCase() === wanted);
      if (!found) {
        throw new ContactsError(
          ContactsErrorCode.BadLanguage,
          `"${language}" is not a language of this country (${this.languages.map((l) => l.code).join(', ')}).`,
        );
      }
      language = found.code;
    }
    if (input.locationId !== undefined && input.locationId !== null) {
      const missing = await this.locations.unknown([input.locationId], db);
      if (missing.length > 0) {
        throw new ContactsError(ContactsErrorCode.BadLocation, `No location has the id ${input.locationId}.`);
      }
    }
    return { name, roles, locationId: input.locationId, language };
  }

  private changes(contact: Contact, fields: Omit<ContactPatch, 'phones'>): string[] {
    const changes: string[] = [];
    if (fields.name !== undefined && fields.name !== contact.name) changes.push('name');
    if (fields.roles && [...fields.roles].sort().join(',') !== [...contact.roles].sort().join(','))
      changes.push('roles');
    if (fields.locationId !== undefined && fields.locationId !== contact.locationId) changes.push('location');
    if (fields.language !== undefined && fields.language !== contact.language) changes.push('language');
    return changes;
  }

  private async apply(contact: Contact, fields: Omit<ContactPatch, 'phones'>, db: EntityManager): Promise<void> {
    const roles = fields.roles;
    await this.contacts.update(
      contact.id,
      {
        name: fields.name,
        locationId: fields.locationId,
        language: fields.language,
        // Exactly these roles: those it has and keeps stay in their order, the new ones follow.
        removeRoles: roles ? contact.roles.filter((r) => !roles.includes(r)) : undefined,
        addRoles: roles,
      },
      db,
    );
  }

  /**
   * Waits for any other transaction writing these phones (released at commit or rollback).
   * One lock per bucket of phones, not per phone: PostgreSQL's lock table is shared and
   * small (max_locks_per_transaction), and an import of 20,000 rows holds its locks to the
   * end, so it holds at most PHONE_BUCKETS of them. Taken in bucket order: no deadlock.
   */
  private async lock(phones: readonly string[], db: EntityManager): Promise<void> {
    for (const bucket of [...new Set(phones.map(phoneBucket))].sort((a, b) => a - b)) {
      await db.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, bucket]);
    }
  }

  /** The active contact that has each phone (phones nobody active has are absent). */
  private async owners(phones: readonly string[], db: EntityManager): Promise<Map<string, Contact>> {
    const owners = new Map<string, Contact>();
    for (const phone of phones) {
      const found = await this.contacts.findByPhone(phone, db);
      if (found?.contact?.active) owners.set(phone, found.contact);
    }
    return owners;
  }

  private async linkPhone(phone: string, contactId: number, db: EntityManager): Promise<void> {
    const known = await this.contacts.findByPhone(phone, db);
    await this.contacts.link(known ? known.connection : { backend: this.gateway, phone }, contactId, db);
  }

  private async records(contacts: readonly Contact[], db?: EntityManager): Promise<ContactRecord[]> {
    const phones = await this.contacts.connectionsOf(
      contacts.map((c) => c.id),
      db,
    );
    return contacts.map((c) => ({
      id: c.id,
      name: c.name,
      phones: (phones.get(c.id) ?? []).map((n) => n.identity),
      roles: c.roles,
      locationId: c.locationId,
      language: c.language,
      active: c.active,
      helpAdmin: c.isHelpAdmin,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }));
  }
}
