import { join } from 'node:path';
import { LocationImporter } from '@mwana/app-locations';
import { Catalogue, ContactsService, isPluralMessage, messageLabel, registeredMessages } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, TesterPhones, useCountryApp } from '@mwana/core/testing';
import { malawi } from '../src/country';

/*
 * A contact's LANGUAGE in every reply, in the assembled Malawi app over real HTTP and
 * PostgreSQL: a clinic worker and an agent who send LANGUAGE chi_MW get every reply
 * (Results160, RemindMi, Broadcast and its help desk, the composed default reply) from the
 * Chichewa catalogue; an English help admin is told of a Chichewa speaker's HELP in English.
 */

const TOKEN = 'e2e-token-languages-malawi-01234';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe("a contact's language in every reply (Malawi, real HTTP and PostgreSQL)", () => {
  const running = useCountryApp(malawi, { variables: { MWANA__CONSOLE__API_TOKENS__E2E: TOKEN } });
  let phones: TesterPhones;
  /** The texts an SMS can be in Chichewa's catalogue (placeholders match anything), by label. */
  let chichewa: (sms: string) => string[];

  beforeAll(async () => {
    const importer = running().app.get(LocationImporter);
    await importer.importFile(join(malawi.dir, 'data', 'locations.csv'));
    await importer.importFile(join(malawi.dir, 'data', 'sample-facilities.csv'));
    phones = new TesterPhones(running().url, TOKEN);
    const catalogue = running().app.get(Catalogue);
    const patterns = registeredMessages().flatMap((message) => {
      const forms = catalogue.find('chi_MW', message)?.forms ?? [];
      const english = isPluralMessage(message) ? [message.id, message.plural] : [message.id];
      return forms
        .filter((form) => !english.includes(form))
        .map((form) => ({
          label: messageLabel(message),
          pattern: new RegExp(
            `^${form
              .split(/\{\w+\}/)
              .map(escape)
              .join('[\\s\\S]*?')}$`,
          ),
        }));
    });
    chichewa = (sms) => [...new Set(patterns.filter((p) => p.pattern.test(sms)).map((p) => p.label))];
  }, STARTUP_TIMEOUT_MS);

  it('answers each Chichewa speaker in Chichewa, whichever app replies', async () => {
    const contacts = running().app.get(ContactsService);
    const last = async (phone: string) => (await phones.inbox(phone)).at(-1) ?? '';

    // An English help admin at Queen Elizabeth Central Hospital.
    await phones.send('0888000050', 'JOIN clinic 2001 Help Desk 5050');
    await contacts.setHelpAdmin((await contacts.getByPhone('0888000050')).id, true);

    // A clinic worker at Limbe who reads Chichewa.
    await phones.send('0888000009', 'JOIN clinic 2002 Chikondi Banda 1234');
    const worker = async (text: string) => (await phones.send('0888000009', text)).map(chichewa);
    expect(await worker('LANGUAGE chi_MW')).toEqual([['contacts.languageSet']]);
    expect(await worker('CHECK')).toEqual([['labresults.noNewResults']]);
    expect(await worker('MSG')).toEqual([['broadcast.msgHelp']]);
    expect(await worker('CONTACTS 2002')).toEqual([['broadcast.contactsNotAdmin']]);
    expect(await worker('what now')).toEqual([['router.defaultReply']]);

    // An agent of Limbe's zone 3, in Chichewa.
    await phones.send('0888000001', 'AGENT 2002 3 Grace Phiri');
    const agent = async (text: string) => (await phones.send('0888000001', text)).map(chichewa);
    expect(await agent('LANGUAGE Chichewa')).toEqual([['contacts.languageSet']]);
    expect(await agent('MSG CLINIC the clinic opens late')).toEqual([['broadcast.msgSent']]);
    expect(await last('+265888000009')).toBe('the clinic opens late [from Grace Phiri to CLINIC]');

    // HELP: the worker is answered in Chichewa; the English admin is told in English.
    await phones.send('0888000009', 'HELP');
    expect(chichewa(await last('+265888000009'))).toEqual(['broadcast.helpReply']);
    expect(await last('+265888000050')).toMatch(
      /^Chikondi Banda \(clinic-worker\) at Limbe Health Centre\(2002\) has requested help/,
    );
  });
});
