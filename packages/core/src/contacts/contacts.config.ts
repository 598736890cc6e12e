import { z } from 'zod';
import { defineConfigSection, secret } from '../config/config-section';

/**
 * Contacts' secrets. `pinPepper` keys every PIN hash (HMAC-SHA256 with a per-contact salt):
 * a 4-digit PIN has 10,000 values, so a slow hash cannot protect it and a key kept out of
 * the database does (ARCHITECTURE §7). Required in staging and production
 * (MWANA__CONTACTS__PIN_PEPPER); development and test derive a fixed one from the country,
 * so their PINs survive restarts and are shared by every process, and are no secret.
 * Changing the pepper makes every PIN wrong: keep it with the database's backups.
 */
export const contactsConfig = defineConfigSection('contacts', {
  pinPepper: secret(z.string().min(32).optional()),
});

export type ContactsSettings = z.output<typeof contactsConfig.schema>;
