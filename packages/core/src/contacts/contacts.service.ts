import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Connection } from './connection.entity';
import { Contact } from './contact.entity';
import { MessageStore } from '../messaging/message-store';

export interface ContactSummary {
  readonly id: number;
  readonly name: string;
  readonly identities: string[];
  readonly roles: string[];
  readonly language: string | null;
  readonly active: boolean;
  readonly isHelpAdmin: boolean;
}

export class ContactNotFoundError extends Error {}

/** Contacts as operators manage them: list, deactivate, mark help admins. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessageStore,
  ) {}

  async list(options: { includeInactive?: boolean } = {}): Promise<ContactSummary[]> {
    const rows: Array<ContactSummary & { identities: string[] | null }> = await this.dataSource.query(
      `SELECT c.id, c.name, c.roles, c.language, c.active, c.is_help_admin AS "isHelpAdmin",
              array_remove(array_agg(n.identity ORDER BY n.id), NULL) AS identities
         FROM contact c LEFT JOIN connection n ON n.contact_id = c.id
        WHERE $1 OR c.active
        GROUP BY c.id ORDER BY c.name, c.id`,
      [options.includeInactive ?? false],
    );
    return rows.map((row) => ({ ...row, identities: row.identities ?? [] }));
  }

  /** The contact behind a phone number (any way it is written), on any backend. */
  async findByIdentity(identity: string, db: EntityManager = this.dataSource.manager): Promise<Contact> {
    const connection = await db.findOne(Connection, {
      where: { identity: this.store.normalize(identity) },
      relations: { contact: true },
      order: { id: 'ASC' },
    });
    if (!connection?.contact) throw new ContactNotFoundError(`No contact has the number ${identity}.`);
    return connection.contact;
  }

  /** LEAVE and the operators' deactivate: the contact is kept (its history matters), inactive. */
  async deactivate(contact: Contact, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.update(Contact, contact.id, { active: false });
    await db.update(Connection, { contactId: contact.id }, { contactId: null });
  }

  async setHelpAdmin(contact: Contact, on: boolean, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.update(Contact, contact.id, { isHelpAdmin: on });
  }
}
