import { join } from 'node:path';
import { Contact } from './contact.entity';
import { ContactsCommand } from './contacts.command';
import { LanguageHandler } from '../apps/language.handler';
import { ConversationHarness } from '../testing/harness';
import { Connection } from './connection.entity';

describe("contacts: LEAVE, LANGUAGE and the operators' commands", () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({ localeDirs: [join(__dirname, '__fixtures__')] });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('LEAVE deactivates the contact, keeps it, and unlinks the phone', async () => {
    const mary = await harness.build.contact({ name: 'Mary Phiri', phone: '+260977000001' });
    await harness.run(`
      +260977000001 > leave
      +260977000001 < You have successfully unregistered, Mary Phiri. We're sorry to see you go.
      +260977000001 > UNREG
      +260977000001 < Whoops - you tried to unregister from the system but I don't know who you are! Don't worry, you won't be receiving any messages from us.
    `);
    const kept = await harness.dataSource.manager.findOneByOrFail(Contact, { id: mary.id });
    expect(kept.active).toBe(false);
    expect(await harness.dataSource.manager.countBy(Connection, { contactId: mary.id })).toBe(0);
  });

  it('LEAVE works with text after it, and from an unknown phone', async () => {
    await harness.build.contact({ name: 'John Banda', phone: '+260977000002' });
    await harness.run(`
      +260977000002 > unregister me please
      +260977000002 < You have successfully unregistered, John Banda. We're sorry to see you go.
      +260977000003 > LEAVE
      +260977000003 < Whoops - you tried to unregister from the system but I don't know who you are! Don't worry, you won't be receiving any messages from us.
    `);
  });

  it('LANGUAGE reads the language as typed: punctuation, curly quotes, no-break spaces (docs/keywords.md#language)', async () => {
    const mary = await harness.build.contact({ name: 'Mary', phone: '+260977000001' });
    await harness.run(`
      +260977000001 > LANGUAGE: english.
      +260977000001 < I will speak to you in English.
      +260977000001 > lang “English”
      +260977000001 < I will speak to you in English.
      +260977000001 > LANGUAGE en please
      +260977000001 < Sorry, I don't speak "en please".
    `);
    expect((await harness.dataSource.manager.findOneByOrFail(Contact, { id: mary.id })).language).toBe('en');
  });

  it('LANGUAGE sets a configured language by code or name, ignoring case, and replies in it', async () => {
    const mary = await harness.build.contact({ name: 'Mary', phone: '+260977000001' });
    await harness.run(`
      +260977000001 > LANGUAGE
      +260977000001 < To set your language, send LANGUAGE <CODE>
      +260977000001 > lang klingon
      +260977000001 < Sorry, I don't speak "klingon".
      +260977000001 > language BEMBA
      +260977000001 < Nkalalanda kuli imwe mu Bemba.
      +260977000001 > LANGUAGE
      +260977000001 < Pa kusala ululimi, tumeni LANGUAGE <CODE>
      +260977000001 > lang en
      +260977000001 < I will speak to you in English.
      +260977000009 > language en
      +260977000009 < You must JOIN or IDENTIFY yourself before you can set your language preference.
    `);
    expect((await harness.dataSource.manager.findOneByOrFail(Contact, { id: mary.id })).language).toBe('en');
    const handler = harness.get(LanguageHandler);
    expect(await handler.test('lang bem', { contact: mary, db: harness.dataSource.manager })).toEqual([
      'I will speak to you in Bemba.',
    ]);
  });

  it('lists, deactivates and marks help admins from the command line', async () => {
    await harness.build.contact({ name: 'Mary Phiri', phone: '+260977000001', roles: ['clinic-worker'] });
    await harness.build.contact({ name: 'Old Agent', phone: '+260977000002', roles: ['cba'], active: false });
    const command = harness.get(ContactsCommand);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };

    expect(await command.run(['list'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Mary Phiri\s+\+260977000001\s+clinic-worker/);
    expect(out.join('\n')).not.toContain('Old Agent');
    expect(out[out.length - 1]).toBe('1 contact(s)');

    expect(await command.run(['help-admin', '0977000001'], io)).toBe(0);
    expect(await command.run(['deactivate', '+260 977 000 001'], io)).toBe(0);
    out.length = 0;
    expect(await command.run(['list', '--all'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Mary Phiri .* inactive,help-admin/);
    expect(out.join('\n')).toContain('Old Agent');

    expect(await command.run(['deactivate', '0977999999'], io)).toBe(1);
    expect(err).toEqual(['No contact has the number 0977999999.']);
  });
});
