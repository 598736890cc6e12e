import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import type { Contact } from './contact.entity';
import { ContactChecks, type ContactFields, type ContactInput, type ContactPatch } from './contact-checks';
import type { Role } from './contact-roles';
import { ContactLocations } from './contact-locations';
import { ContactRoleRegistry } from './contact-role.registry';
import { type PlannedSave, planSave } from './contact-save-plan';
import { ContactsError, ContactsErrorCode } from './contacts.error';
import type { ContactQuery } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { lockPhones } from './phone-locks';

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

/**
 * Operators' writes of contacts (the API, the CSV import), on top of the contacts contract
 * (`ContactsService`): a contact with its phones, checked whole before anything is written
 * (name, phones, declared roles, the country's languages, existing locations). A phone is
 * one active contact's: every write first takes a transaction-scoped advisory lock for its
 * phones (`lockPhones`), so two requests creating the same phone at once make one contact.
 */
@Injectable()
export class ContactsAdmin {
  private readonly checks: ContactChecks;
  private readonly gateway: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    roles: ContactRoleRegistry,
    locations: ContactLocations,
    config: MwanaConfig,
  ) {
    this.checks = new ContactChecks(roles, locations, config.section(countryConfig).languages, (phone) =>
      contacts.normalize(phone),
    );
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

  /**
   * One page of `list` read as a page in SQL (keyset on the id): the contacts after `afterId`,
   * at most `limit`, and whether more follow.
   */
  async page(
    query: Omit<ContactQuery, 'page'>,
    page: { afterId: number; limit: number },
    db?: EntityManager,
  ): Promise<{ contacts: ContactRecord[]; more: boolean }> {
    const found = await this.contacts.find({ ...query, page: { afterId: page.afterId, limit: page.limit + 1 } }, db);
    return { contacts: await this.records(found.slice(0, page.limit), db), more: found.length > page.limit };
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
    const [outcome] = await this.saveMany([input], options, db);
    if (outcome instanceof ContactsError) throw outcome;
    return outcome;
  }

  /**
   * `save` for many contacts in the caller's transaction (an import's rows), each its outcome
   * or its error, in the order given; the reads are one statement each for them all (their
   * locations, their phones' owners and those owners' phones), the writes one per changed
   * contact plus three for every phone. A phone given twice is the later contact's error.
   */
  async saveMany(
    inputs: readonly ContactInput[],
    options: { mode: 'create' | 'upsert'; dryRun?: boolean },
    db: EntityManager,
  ): Promise<Array<SaveOutcome | ContactsError>> {
    const checked = await this.checks.many(inputs, db);
    const phones = checked.flatMap((c) => (c instanceof ContactsError ? [] : c.phones));
    await lockPhones(phones, db);
    const known = await this.contacts.findByPhones(phones, db);
    const owners = new Map([...known].flatMap(([p, k]) => (k.contact?.active ? [[p, k.contact] as const] : [])));
    const ownerIds = [...new Set([...owners.values()].map((c) => c.id))];
    const linked = new Map(
      [...(await this.contacts.connectionsOf(ownerIds, db))].map(([id, cs]) => [
        id,
        new Set(cs.map((c) => c.identity)),
      ]),
    );
    const seen = new Set<string>();
    const plans = checked.map((c) => {
      if (c instanceof ContactsError) return c;
      const again = c.phones.filter((p) => seen.has(p));
      c.phones.forEach((p) => seen.add(p));
      if (again.length > 0) return new ContactsError(ContactsErrorCode.PhoneTaken, `${again.join(', ')} given twice.`);
      try {
        return planSave(options.mode, c.phones, c.fields, owners, linked);
      } catch (error) {
        if (error instanceof ContactsError) return error;
        throw error;
      }
    });
    const ids = new Map<PlannedSave, number>();
    const links: Array<{ phone: string; contactId: number }> = [];
    if (!options.dryRun) {
      for (const plan of plans) {
        if (plan instanceof ContactsError || plan.action === 'unchanged') continue;
        const id = plan.action === 'created' ? (await this.register(plan.fields, db)).id : plan.existing.id;
        if (plan.action === 'updated') await this.apply(plan.existing, plan.fields, db);
        ids.set(plan, id);
        for (const phone of plan.action === 'created' ? plan.phones : plan.added) links.push({ phone, contactId: id });
      }
      await this.contacts.linkPhones(links, this.gateway, db);
    }
    const shown = [...new Set([...ids.values(), ...plans.flatMap((p) => ('existing' in p ? [p.existing.id] : []))])];
    const found = shown.length ? await this.contacts.find({ ids: shown, includeInactive: true }, db) : [];
    const records = new Map((await this.records(found, db)).map((r) => [r.id, r]));
    return plans.map((plan) => {
      if (plan instanceof ContactsError) return plan;
      const id = ids.get(plan) ?? ('existing' in plan ? plan.existing.id : undefined);
      const contact = id === undefined ? null : (records.get(id) ?? null);
      return { action: plan.action, contact, changes: plan.action === 'created' ? [] : plan.changes };
    });
  }

  private register(fields: ContactFields, db: EntityManager): Promise<Contact> {
    const { name, roles, locationId, language } = fields;
    return this.contacts.register(
      { name: name as string, roles: roles ?? [], locationId: locationId ?? null, language: language ?? null },
      db,
    );
  }

  /** Changes a contact; `phones` given replaces its phones (none may be another active contact's). */
  update(id: number, patch: ContactPatch): Promise<ContactRecord> {
    return this.dataSource.transaction(async (db) => {
      const contact = await this.contacts.findById(id, db);
      if (!contact) throw new ContactsError(ContactsErrorCode.NotFound, `No contact #${id}.`);
      const fields = await this.checks.fields(patch, db);
      if (patch.phones) {
        if (!contact.active) {
          throw new ContactsError(ContactsErrorCode.NotFound, `Contact #${id} is deactivated: it takes no phones.`);
        }
        const phones = this.checks.phones(patch.phones);
        await lockPhones(phones, db);
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
    return this.checks.phones(raw);
  }

  /**
   * Takes the phones' locks (E.164, as `phones` gives them) until the transaction ends, all in
   * one order: an import locks its whole file first, so its chunks' saves never wait on a write
   * that holds one of them while waiting for another.
   */
  lockPhones(phones: readonly string[], db: EntityManager): Promise<void> {
    return lockPhones(phones, db);
  }

  private async apply(contact: Contact, fields: ContactFields, db: EntityManager): Promise<void> {
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
