import { join } from 'node:path';
import { LocationImporter } from '@mwana/app-locations';
import { Catalogue, ContactsService, isPluralMessage, messageLabel, registeredMessages } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, TesterPhones, useCountryApp } from '@mwana/core/testing';
import { zambia } from '../src/country';

/*
 * A contact's LANGUAGE in every reply, in the assembled Zambia app over real HTTP and
 * PostgreSQL: an agent who JOINs CBA in Bemba, a clinic worker who sends LANGUAGE ton and a
 * help admin who sends LANGUAGE nya each get every reply (Results160, RemindMi, Broadcast and
 * its help desk, Zambia's own) from their language's catalogue, and the help desk's notice
 * goes out in the admin's language, not the sender's.
 */

const TOKEN = 'e2e-token-languages-0123456789ab';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe("a contact's language in every reply (Zambia, real HTTP and PostgreSQL)", () => {
  const running = useCountryApp(zambia, { variables: { MWANA__CONSOLE__API_TOKENS__E2E: TOKEN } });
  let phones: TesterPhones;
  /** The texts an SMS can be in that language's catalogue (placeholders match anything), by label. */
  let textsOf: (language: string, sms: string) => string[];

  beforeAll(async () => {
    const importer = running().app.get(LocationImporter);
    await importer.importFile(join(zambia.dir, 'data', 'locations.csv'));
    await importer.importFile(join(zambia.dir, 'data', 'sample-facilities.csv'));
    phones = new TesterPhones(running().url, TOKEN);
    const catalogue = running().app.get(Catalogue);
    const patterns = (language: string) =>
      registeredMessages().flatMap((message) => {
        const forms = catalogue.find(language, message)?.forms ?? [];
        const english = isPluralMessage(message) ? [message.id, message.plural] : [message.id];
        // A translation that is the English (a keyword list kept as is) proves nothing: left out.
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
    const byLanguage = new Map(['bem', 'nya', 'ton'].map((l) => [l, patterns(l)]));
    textsOf = (language, sms) => [
      ...new Set((byLanguage.get(language) ?? []).filter((p) => p.pattern.test(sms)).map((p) => p.label)),
    ];
  }, STARTUP_TIMEOUT_MS);

  it('answers each contact in their language, whichever app replies', async () => {
    const contacts = running().app.get(ContactsService);
    const last = async (phone: string) => (await phones.inbox(phone)).at(-1) ?? '';

    // A help admin at Chilenje who reads Nyanja.
    await phones.send('0977000050', 'JOIN clinic 500502 Help Desk 5050');
    await contacts.setHelpAdmin((await contacts.getByPhone('0977000050')).id, true);
    expect(textsOf('nya', (await phones.send('0977000050', 'LANGUAGE nya'))[0])).toEqual(['contacts.languageSet']);

    // A clinic worker at Kalingalinga who reads Tonga.
    await phones.send('0977000009', 'JOIN clinic 500501 Ruth Tembo 1234');
    const ruth = async (text: string) => (await phones.send('0977000009', text)).map((r) => textsOf('ton', r));
    expect(await ruth('LANGUAGE ton')).toEqual([['contacts.languageSet']]);
    expect(await ruth('CHECK')).toEqual([['labresults.noNewResults']]);
    expect(await ruth('MSG')).toEqual([['broadcast.msgHelp']]);
    expect(await ruth('MSG FRIENDS hi')).toEqual([['broadcast.msgBadGroup']]);
    expect(await ruth('CONTACTS 500501')).toEqual([['broadcast.contactsNotAdmin']]);
    expect(await ruth('what now')).toEqual([['zambia.clinicWorkerKeywords']]);

    // An agent who registers in Bemba: the language word of JOIN CBA sets it.
    const mary = async (text: string) => (await phones.send('0977000001', text)).map((r) => textsOf('bem', r));
    expect((await mary('JOIN CBA bem 500501 3 mary phiri')).flat()).toContain('reminders.agentRegistered');
    expect(await mary('hello')).toEqual([['zambia.cbaKeywords']]);
    expect(await mary('MSG CLINIC the clinic opens late')).toEqual([['broadcast.msgSent']]);
    expect(await last('+260977000009')).toBe('the clinic opens late [from Mary Phiri to CLINIC]');

    // HELP: the agent is answered in Bemba, the help admin told in Nyanja.
    const help = await phones.send('0977000001', 'HELP');
    expect(help).toContain(await last('+260977000001'));
    expect(textsOf('bem', await last('+260977000001'))).toEqual(['broadcast.helpReply']);
    expect(textsOf('nya', await last('+260977000050'))).toEqual(['broadcast.helpFromClinic']);
    expect(await last('+260977000050')).toContain('Mary Phiri');

    // The help admin's own lookups, in Nyanja.
    const admin = await phones.send('0977000050', 'CONTACTS 500501');
    expect(admin.map((r) => textsOf('nya', r))).toEqual([['broadcast.contactsList']]);
    expect(admin[0]).toContain('Ruth Tembo');
  });
});
