import type { Contact } from './contact.entity';
import { changedFields, type ContactFields } from './contact-checks';
import { ContactsError, ContactsErrorCode } from './contacts.error';

/** What saving one checked contact will do, decided before anything is written. */
export type PlannedSave =
  | { readonly action: 'created'; readonly phones: string[]; readonly fields: ContactFields }
  | {
      readonly action: 'updated' | 'unchanged';
      readonly existing: Contact;
      readonly fields: ContactFields;
      /** Its phones the contact does not have yet. */
      readonly added: string[];
      readonly changes: string[];
    };

/**
 * Decides one save from what was read for it (`ContactsAdmin.saveMany`): no active owner of
 * its phones makes a new contact; one owner (and `upsert`) updates that contact to it, the
 * listed phones added; two owners, or one for a `create`, is PhoneTaken.
 *
 * @param owners the active contact that has each phone (phones nobody active has are absent)
 * @param linked each owner's phones
 */
export function planSave(
  mode: 'create' | 'upsert',
  phones: readonly string[],
  fields: ContactFields,
  owners: ReadonlyMap<string, Contact>,
  linked: ReadonlyMap<number, ReadonlySet<string>>,
): PlannedSave {
  const mine = phones.flatMap((phone) => {
    const owner = owners.get(phone);
    return owner ? [[phone, owner] as const] : [];
  });
  const ids = [...new Set(mine.map(([, c]) => c.id))];
  if (ids.length > 1 || (ids.length === 1 && mode === 'create')) {
    const taken = mine.map(([phone, c]) => `${phone} is ${c.name}'s (#${c.id})`).join(', ');
    throw new ContactsError(ContactsErrorCode.PhoneTaken, `${taken}.`);
  }
  if (ids.length === 0) return { action: 'created', phones: [...phones], fields };
  const existing = mine[0][1];
  const has = linked.get(existing.id) ?? new Set<string>();
  const added = phones.filter((p) => !has.has(p));
  const changes = changedFields(existing, fields);
  if (added.length > 0) changes.push('phones');
  return { action: changes.length === 0 ? 'unchanged' : 'updated', existing, fields, added, changes };
}
