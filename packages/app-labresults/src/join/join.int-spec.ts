import type { Contact } from '@mwana/core';
import { ContactEntity, type ConversationHarness, storedPin } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, createLabResultsHarness } from '../testing/labresults.harness';

async function contactOf(harness: ConversationHarness<LabResultsBuilders>, name: string): Promise<Contact> {
  return harness.dataSource.getRepository(ContactEntity).findOneByOrFail({ name });
}

describe('JOIN for clinic staff (docs/keywords.md#join)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  async function tree(): Promise<void> {
    const province = await harness.build.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    const district = await harness.build.place({
      code: '403000',
      name: 'Ndola',
      kind: 'district',
      parentId: province.id,
    });
    await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: district.id });
  }

  it('registers a clinic worker by the typed and the untyped form, storing the PIN hashed', async () => {
    await tree();
    await harness.run(`
      +260977000001 > join clinic 403012 mary PHIRI 1234
      +260977000001 < Hi Mary Phiri, thanks for registering for Results160 from Chifubu Clinic. Your PIN is 1234. Reply with keyword 'HELP' if this is incorrect
      +260977000002 > JOHN 40-30-12 john banda 4321
      +260977000002 < Hi John Banda, thanks for registering for Results160 from Chifubu Clinic. Your PIN is 4321. Reply with keyword 'HELP' if this is incorrect
      +260977000001 < John Banda (+260977000002) joined Chifubu Clinic as a clinic worker. If you do not know them, reply REJECT +260977000002.
    `);
    const mary = await contactOf(harness, 'Mary Phiri');
    expect(mary.roles).toEqual(['clinic-worker']);
    const pin = await storedPin(harness, mary.id);
    expect(pin.hash).toMatch(/^hmac-sha256\$/);
    expect(pin.hash).not.toContain('1234');
    expect(await pin.matches('1234')).toBe(true);
  });

  it("registers district and province workers by type word or by the code's zero parts", async () => {
    await tree();
    await harness.run(`
      +260977000001 > join dho 4030 Jane Mwale 1111
      +260977000001 < Hi Jane Mwale, thanks for registering for Results160 from Ndola DHO. Your PIN is 1111. Reply with keyword 'HELP' if this is incorrect
      +260977000002 > join 400000 Peter Zulu 2222
      +260977000002 < Hi Peter Zulu, thanks for registering for Results160 from Copperbelt PHO. Your PIN is 2222. Reply with keyword 'HELP' if this is incorrect
      +260977000003 > join hub 403012 Hope Daka 3333
      +260977000003 < Hi Hope Daka, thanks for registering for Results160 from hub at Chifubu Clinic. Your PIN is 3333. Reply with keyword 'HELP' if this is incorrect
    `);
    expect((await contactOf(harness, 'Jane Mwale')).roles).toEqual(['district-worker']);
    expect((await contactOf(harness, 'Peter Zulu')).roles).toEqual(['province-worker']);
    expect((await contactOf(harness, 'Hope Daka')).roles).toEqual(['hub-worker']);
  });

  it('knows JOIN by every spelling Mwana took', async () => {
    await harness.run(
      ['J0IN', 'JIN', 'JOHN', 'JO1N', 'JION', 'J01N', 'JON']
        .map(
          (alias) =>
            `+260977000001 > ${alias}\n+260977000001 < To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>`,
        )
        .join('\n'),
    );
  });

  it("answers each malformed JOIN with its own help, in Mwana's order", async () => {
    await tree();
    await harness.run(`
      +260977000001 > JOIN
      +260977000001 < To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>
      +260977000001 > join 4030 M 1
      +260977000001 < Sorry, I didn't understand that. Make sure you send your type, location, name and pin like: JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>.
      +260977000001 > join clinic 403012 Mary 123456
      +260977000001 < Sorry, 123456 wasn't a valid pin code. Please make sure your code is a 4-digit number like 1234. Send JOIN <TYPE> <LOCATION CODE> <YOUR NAME> <PIN CODE>.
      +260977000001 > join 403012 Mary Phiri12345
      +260977000001 < Sorry, you should put a space before your pin. Please make sure your code is a 4-digit number like 1234. Send JOIN <LOCATION CODE> <YOUR NAME> <PIN CODE>.
      +260977000001 > join clinic 403012 Mary Phiri12a4
      +260977000001 < Sorry, you should put a space before your pin. Please make sure your code is a 4-digit number like 1234. Send JOIN <TYPE> <LOCATION CODE> <YOUR NAME> <PIN
      +260977000001 < CODE>.
      +260977000001 > join 403012 Mary Phiri 12a4
      +260977000001 < Sorry, 12a4 wasn't a valid pin code. Please make sure your code is a 4-digit number like 1234. Send JOIN <LOCATION CODE> <YOUR NAME> <PIN CODE>.
      +260977000001 > join clinic 403012 1234
      +260977000001 < Sorry, I didn't understand that. Make sure you send your type, location, name and pin like: JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>.
      +260977000001 > join 403012 m 1234
      +260977000001 < Sorry, you must provide a valid name to register. To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>
      +260977000001 > join clinic 409999 Mary Phiri 1234
      +260977000001 < Sorry, I don't know about a location with code 409999. Please check your code and try again.
      +260977000001 > join dho 403012 Mary Phiri 1234
      +260977000001 < Sorry, I don't know about a location with code 403012. Please check your code and try again.
      +260977000001 > join cba 403012 1 Mary Phiri
      +260977000001 < Sorry, I didn't understand that. To register as a Mobile agent, send JOIN <CBA> <CLINIC CODE> <ZONE #> <YOUR NAME>
    `);
    expect(await harness.dataSource.getRepository(ContactEntity).count()).toBe(0);
  });

  it('refuses a phone already registered here or at another clinic, and updates one at the same clinic', async () => {
    await tree();
    const district = await harness.build.place({ code: '404000', name: 'Kitwe', kind: 'district' });
    await harness.build.place({ code: '404001', name: 'Buchi Clinic', parentId: district.id });
    await harness.run(`
      +260977000001 > join clinic 403012 Mary Phiri 1234
      +260977000001 < Hi Mary Phiri, thanks for registering for Results160 from Chifubu Clinic. Your PIN is 1234. Reply with keyword 'HELP' if this is incorrect
      +260977000001 > join clinic 403012 Mary Phiri 1234
      +260977000001 < Your phone is already registered to Mary Phiri at Chifubu Clinic. To change name or location first reply with keyword 'LEAVE' and try again.
      +260977000001 > join 404001 Mary Phiri 1234
      +260977000001 < Your phone is already registered to Mary Phiri at Chifubu Clinic. To change name or location first reply with keyword 'LEAVE' and try again.
      +260977000001 > join clinic 403012 Mary Banda 9876
      +260977000001 < Hi Mary Banda, thanks for registering for Results160 from Chifubu Clinic. Your PIN is 9876. Reply with keyword 'HELP' if this is incorrect
      +260977000001 > leave
      +260977000001 < You have successfully unregistered, Mary Banda. We're sorry to see you go.
      +260977000001 > join 404001 Mary Banda 9876
      +260977000001 < Hi Mary Banda, thanks for registering for Results160 from Buchi Clinic. Your PIN is 9876. Reply with keyword 'HELP' if this is incorrect
    `);
    const contacts = await harness.dataSource.getRepository(ContactEntity).find({ order: { id: 'ASC' } });
    expect(contacts.map((c) => [c.name, c.active])).toEqual([
      ['Mary Banda', false],
      ['Mary Banda', true],
    ]);
    expect(await (await storedPin(harness, contacts[1].id)).matches('9876')).toBe(true);
  });
});

describe('JOIN in Malawi (docs/keywords.md#countries)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness(MALAWI);
  });
  afterAll(() => harness.close());

  it('gives every joiner the CBA role too', async () => {
    await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.run(`
      +265999000001 > join clinic 403012 Chikondi Banda 1234
      +265999000001 < Hi Chikondi Banda, thanks for registering for Results160 from Chifubu Clinic. Your PIN is 1234. Reply with keyword 'HELP' if this is incorrect
    `);
    expect((await contactOf(harness, 'Chikondi Banda')).roles).toEqual(['clinic-worker', 'cba']);
  });
});
