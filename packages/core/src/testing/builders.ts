import type { DataSource } from 'typeorm';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import type { Role } from '../contacts/contact-roles';
import { PinHasher } from '../contacts/pin-hasher';
import type { ContactsService } from '../contacts/contacts.service';

export interface ContactSpec {
  readonly name?: string;
  readonly phone?: string;
  readonly roles?: readonly Role[];
  readonly language?: string | null;
  readonly locationId?: number | null;
  readonly pin?: string;
  readonly active?: boolean;
  readonly helpAdmin?: boolean;
  readonly backend?: string;
}

/**
 * Small builders for test data: each call makes fresh rows with sensible defaults, so a
 * test says only what matters to it (`build.contact({ language: 'bem' })`). Apps extend
 * this class with their own (`build.clinicWorker(...)`).
 */
export class Builders {
  private sequence = 0;

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly contacts: ContactsService,
    /** Hashes builders' PINs as the app does (the test pepper). */
    protected readonly pins: PinHasher,
  ) {}

  /** A unique phone number for this run: +26097700NNNN. */
  phone(): string {
    this.sequence += 1;
    return `+26097${String(7_000_000 + this.sequence).padStart(7, '0')}`;
  }

  async contact(spec: ContactSpec = {}): Promise<Contact & { phone: string }> {
    const phone = spec.phone ?? this.phone();
    // Rows written directly (a builder may give a role no app under test declares).
    const contact = await this.dataSource.getRepository(Contact).save({
      name: spec.name ?? `Contact ${this.sequence}`,
      language: spec.language ?? null,
      locationId: spec.locationId ?? null,
      roles: [...(spec.roles ?? [])],
      active: spec.active ?? true,
      isHelpAdmin: spec.helpAdmin ?? false,
    });
    if (spec.pin) {
      await this.dataSource.query('UPDATE contact SET pin_hash = $2 WHERE id = $1', [
        contact.id,
        this.pins.hash(spec.pin),
      ]);
    }
    const connection = await this.contacts.connectionFor(spec.backend ?? 'tester', phone);
    await this.dataSource.getRepository(Connection).update(connection.id, { contactId: contact.id });
    return Object.assign(contact, { phone: connection.identity });
  }
}
