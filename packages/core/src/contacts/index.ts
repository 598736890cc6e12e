// The contacts contract: what apps may use. The entities are exported as types only, so no
// app reads or writes their rows but through ContactsService and ContactPins.
export type { Contact } from './contact.entity';
export type { Connection } from './connection.entity';
export { ContactRoles, type ContactRolesOptions, type DeclaredRole, type Role } from './contact-roles';
export { ContactRoleRegistry } from './contact-role.registry';
export { ContactsError, ContactsErrorCode } from './contacts.error';
export { contactsConfig, type ContactsSettings } from './contacts.config';
export type { ContactQuery, ContactSummary, LinkedConnection, Recipient } from './contacts.repository';
export {
  ContactsService,
  checkedPin,
  type ConnectionRef,
  type ContactChanges,
  type NewContact,
} from './contacts.service';
export { ContactsAdmin, type ContactRecord, type SaveOutcome } from './contacts-admin.service';
export type { ContactInput, ContactPatch } from './contact-checks';
export { ContactLocations, type ContactLocationLookup } from './contact-locations';
export { ContactPins, type PinCheck, type PinPolicy } from './contact-pins.service';
export { ContactsModule } from './contacts.module';
export { maskIdentity, normalizeIdentity } from './phone-number';
