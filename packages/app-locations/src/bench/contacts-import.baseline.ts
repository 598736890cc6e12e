import { ContactLocations, ContactsService, type ContactInput } from '@mwana/core';
import type { DataSource, EntityManager } from 'typeorm';
import { LocationsService } from '../locations.service';

/**
 * The contacts import as it was before it read in batches (main at 432fe3f), statement for
 * statement, for `pnpm bench:contacts` to measure against in the same process: every row
 * checked as a dry-run save (its location code, its location, its phones' lock and owners),
 * then written as a save (the same again, then the contact, and each phone found, made and
 * linked, then the contact read back). Only the public contracts it used then; no checks it
 * made are missing from the statement count, but it reports nothing (the figures are its point).
 */
export async function baselineImport(
  dataSource: DataSource,
  services: { contacts: ContactsService; locations: LocationsService; contactLocations: ContactLocations },
  rows: ReadonlyArray<{ input: Omit<ContactInput, 'locationId'>; code: string }>,
  gateway: string,
): Promise<void> {
  const { contacts, locations, contactLocations } = services;
  await dataSource.transaction(async (db) => {
    const codes = new Map<string, number | null>();
    const inputs: ContactInput[] = [];
    for (const row of rows) {
      if (!codes.has(row.code)) codes.set(row.code, (await locations.findByCode(row.code, {}, db))?.id ?? null);
      const input = { ...row.input, locationId: codes.get(row.code) ?? undefined };
      await save(input, true, db);
      inputs.push(input);
    }
    for (const input of inputs) await save(input, false, db);
  });

  async function save(input: ContactInput, dryRun: boolean, db: EntityManager): Promise<void> {
    const phones = input.phones.map((p) => contacts.normalize(p));
    if (input.locationId != null) await contactLocations.unknown([input.locationId], db);
    // One lock statement per phone, as lockPhones took them per bucket (the key is a stand-in: the count is the point).
    for (const phone of phones) await db.query('SELECT pg_advisory_xact_lock($1, $2)', [0x6d77, phone.length]);
    const owners = [];
    for (const phone of phones) {
      const found = await contacts.findByPhone(phone, db);
      if (found?.contact?.active) owners.push(found.contact);
    }
    if (owners.length === 0) {
      if (dryRun) return;
      const { name, roles, locationId, language } = input;
      const made = await contacts.register({ name, roles, locationId, language }, db);
      for (const phone of phones) {
        const known = await contacts.findByPhone(phone, db);
        await contacts.link(known ? known.connection : { backend: gateway, phone }, made.id, db);
      }
      await contacts.findById(made.id, db);
      await contacts.connectionsOf([made.id], db);
      return;
    }
    // Re-importing: the owner's phones, then the contact shown (a dry run and an unchanged write alike).
    await contacts.connectionsOf([owners[0].id], db);
    await contacts.connectionsOf([owners[0].id], db);
  }
}
