import type { EntityManager } from 'typeorm';
import type { Contact } from './contact.entity';
import type { Role } from './contact-roles';
import { ContactLocations } from './contact-locations';
import { ContactRoleRegistry } from './contact-role.registry';
import { ContactsError, ContactsErrorCode } from './contacts.error';

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

/** A contact's fields but its phones, as an operator gives or changes them. */
export type ContactFields = Omit<ContactPatch, 'phones'>;

const PHONE = /^\+\d{7,15}$/;

/**
 * The checks of an operator's contact (`ContactsAdmin`): its phones, each a number in E.164,
 * and its other fields, with a clear error (`ContactsError`) for the first that is wrong.
 */
export class ContactChecks {
  constructor(
    private readonly roles: ContactRoleRegistry,
    private readonly locations: ContactLocations,
    private readonly languages: ReadonlyArray<{ code: string; name: string }>,
    private readonly normalize: (phone: string) => string,
  ) {}

  /** Each phone in E.164, once, in the order given; a clear error for one that is not a number. */
  phones(raw: readonly string[]): string[] {
    const phones = [...new Set(raw.map((p) => this.normalize(p)).filter((p) => p !== ''))];
    const bad = raw.filter((p) => !PHONE.test(this.normalize(p)));
    if (bad.length > 0) {
      throw new ContactsError(ContactsErrorCode.BadPhone, `Not phone numbers: ${bad.map((p) => `"${p}"`).join(', ')}.`);
    }
    if (phones.length === 0) throw new ContactsError(ContactsErrorCode.BadPhone, 'A contact needs a phone.');
    return phones;
  }

  /**
   * The fields of a contact checked whole, before anything is written: its name, its roles
   * (each declared by an installed app), its language (a code or name of the country's, as
   * its code) and its location (an existing one).
   */
  async fields(input: ContactFields, db: EntityManager): Promise<ContactFields> {
    const fields = this.ownFields(input);
    if (fields.locationId !== undefined && fields.locationId !== null) {
      const missing = await this.locations.unknown([fields.locationId], db);
      if (missing.length > 0) throw badLocation(fields.locationId);
    }
    return fields;
  }

  /**
   * `phones` and `fields` for many contacts (an import's rows), each its own result or error,
   * the locations of them all checked in one query.
   */
  async many(
    inputs: readonly ContactInput[],
    db: EntityManager,
  ): Promise<Array<{ phones: string[]; fields: ContactFields } | ContactsError>> {
    const checked = inputs.map((input) => {
      try {
        return { phones: this.phones(input.phones), fields: this.ownFields(input) };
      } catch (error) {
        if (error instanceof ContactsError) return error;
        throw error;
      }
    });
    const ids = checked.flatMap((c) =>
      c instanceof ContactsError || c.fields.locationId == null ? [] : [c.fields.locationId],
    );
    const missing = new Set(await this.locations.unknown(ids, db));
    return checked.map((c) =>
      !(c instanceof ContactsError) && c.fields.locationId != null && missing.has(c.fields.locationId)
        ? badLocation(c.fields.locationId)
        : c,
    );
  }

  /** Every check of `fields` but the location's, which needs the database. */
  private ownFields(input: ContactFields): ContactFields {
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
    return { name, roles, locationId: input.locationId, language };
  }
}

const badLocation = (id: number): ContactsError =>
  new ContactsError(ContactsErrorCode.BadLocation, `No location has the id ${id}.`);

/** The fields an update changes (`name`, `roles`, `location`, `language`). */
export function changedFields(contact: Contact, fields: ContactFields): string[] {
  const changes: string[] = [];
  if (fields.name !== undefined && fields.name !== contact.name) changes.push('name');
  if (fields.roles && [...fields.roles].sort().join(',') !== [...contact.roles].sort().join(',')) changes.push('roles');
  if (fields.locationId !== undefined && fields.locationId !== contact.locationId) changes.push('location');
  if (fields.language !== undefined && fields.language !== contact.language) changes.push('language');
  return changes;
}
