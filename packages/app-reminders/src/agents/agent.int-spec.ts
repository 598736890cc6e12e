import { Location } from '@mwana/app-locations';
import type { Contact } from '@mwana/core';
import { ContactEntity, STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { COUNTRIES, MALAWI, ZAMBIA, createRemindersHarness } from '../testing/reminders.harness';
import { receives } from '../testing/script';

const HELP = 'To register as a RemindMi agent, send AGENT <CLINIC CODE> <ZONE #> <YOUR NAME>';
const MALFORMED = `Sorry, I didn't understand that. ${HELP}`;
const JOIN_MALFORMED =
  "Sorry, I didn't understand that. To register as a Mobile agent, send JOIN <CBA> <CLINIC CODE> <ZONE #> <YOUR NAME>";
const registered = (name: string, zone: string, clinic: string, events = 'birth'): string =>
  `Thank you ${name}! You have successfully registered as a RemindMi Agent for zone ${zone} of ${clinic}. Please notify us next time there is a ${events} in your zone.`;

async function tree(harness: ConversationHarness<RemindersBuilders>): Promise<void> {
  const district = await harness.build.place({ code: '403000', name: 'Ndola', kind: 'district' });
  await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: district.id });
  await harness.build.place({ code: '403013', name: 'Kawama Clinic', parentId: district.id });
}

async function contactOn(harness: ConversationHarness<RemindersBuilders>, phone: string): Promise<Contact> {
  const [row]: Array<{ contact_id: number }> = await harness.dataSource.query(
    'SELECT contact_id FROM connection WHERE identity = $1',
    [phone],
  );
  return harness.dataSource.getRepository(ContactEntity).findOneByOrFail({ id: row.contact_id });
}

const zones = (harness: ConversationHarness<RemindersBuilders>): Promise<string[]> =>
  harness.dataSource
    .getRepository(Location)
    .find({ where: { type: { kind: 'zone' } }, relations: { type: true }, order: { id: 'ASC' } })
    .then((found) => found.map((z) => `${z.code} ${z.name}`));

describe.each(COUNTRIES)('AGENT and JOIN CBA (docs/keywords.md#agent), $name', ({ settings, smsLength }) => {
  const sms = (phone: string, text: string): string => receives(phone, text, smsLength);
  let harness: ConversationHarness<RemindersBuilders>;

  beforeAll(async () => {
    harness = await createRemindersHarness(settings);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    await tree(harness);
  });

  it('answers the bare keyword, by every spelling, with how to register', async () => {
    await harness.run(
      ['AGENT', 'agemt', 'URGENT', 'ajent', 'AGDMT', 'agnt', 'Agant']
        .map((word) => `+260977000001 > ${word}\n+260977000001 < ${HELP}`)
        .join('\n'),
    );
  });

  it('registers an agent into a zone made on first use, name in title case, with the optional words', async () => {
    await harness.run(`
      +260977000001 > agent 403012 3 mary PHIRI
      ${sms('+260977000001', registered('Mary Phiri', '3', 'Chifubu Clinic'))}
      +260977000002 > AGENT clinic 403012 zone 3 name John Banda
      ${sms('+260977000002', registered('John Banda', '3', 'Chifubu Clinic'))}
      +260977000003 > agent 403013 Kabwe Grace Mwale
      ${sms('+260977000003', registered('Grace Mwale', 'Kabwe', 'Kawama Clinic'))}
    `);
    expect(await zones(harness)).toEqual(['403012-3 3', '403013-kabwe Kabwe']);
    const mary = await contactOn(harness, '+260977000001');
    expect(mary).toMatchObject({ name: 'Mary Phiri', roles: ['cba'], active: true });
    const zone = await harness.dataSource.getRepository(Location).findOneByOrFail({ id: mary.locationId! });
    expect(zone.name).toBe('3');
  });

  it('reads AGENT as agents type it: glued to the code, commas, the zone in words (docs/keywords.md#agent)', async () => {
    await harness.run(`
      +260977000001 > AGENT403012, 3, mary phiri.
      ${sms('+260977000001', registered('Mary Phiri', '3', 'Chifubu Clinic'))}
      +260977000002 > agent 403012 zone three John Banda
      ${sms('+260977000002', registered('John Banda', '3', 'Chifubu Clinic'))}
      +260977000003 > AGENT\u00a0403012 #3 Grace Mwale
      ${sms('+260977000003', registered('Grace Mwale', '3', 'Chifubu Clinic'))}
    `);
    expect(await zones(harness)).toEqual(['403012-3 3']);
  });

  it('refuses what it cannot read or a code that is no clinic, and changes nothing', async () => {
    await harness.run(`
      +260977000001 > agent 403012 3
      +260977000001 < ${MALFORMED}
      +260977000001 > agent 999999 3 Mary
      +260977000001 < Sorry, I don't know about a clinic with code 999999. Please check your code and try again.
      +260977000001 > agent 403000 3 Mary
      +260977000001 < Sorry, I don't know about a clinic with code 403000. Please check your code and try again.
      +260977000001 > agent 403012 ### Mary
      +260977000001 < ${MALFORMED}
    `);
    expect(await zones(harness)).toEqual([]);
    expect(await harness.dataSource.getRepository(ContactEntity).count()).toBe(0);
  });

  it('says so to an agent already in the zone, moves one to another zone of the clinic, and sends one of another clinic to LEAVE first', async () => {
    await harness.run(`
      +260977000001 > agent 403012 3 Mary Phiri
      ${sms('+260977000001', registered('Mary Phiri', '3', 'Chifubu Clinic'))}
      +260977000001 > AGENT 403012 zone 3 Mary
      +260977000001 < Hello Mary Phiri! You are already registered as a RemindMi Agent for zone 3 of Chifubu Clinic.
      +260977000001 > agent 403012 4 Mary Phiri
      ${sms('+260977000001', registered('Mary Phiri', '4', 'Chifubu Clinic'))}
      +260977000001 > agent 403013 1 Mary Phiri
      ${sms(
        '+260977000001',
        'Hello Mary Phiri! You are already registered as a RemindMi Agent for Chifubu Clinic. To leave your current clinic and join Kawama Clinic, reply with LEAVE and then re-send your message.',
      )}
      +260977000001 > LEAVE
      +260977000001 < You have successfully unregistered, Mary Phiri. We're sorry to see you go.
      +260977000001 > agent 403013 1 Mary Phiri
      ${sms('+260977000001', registered('Mary Phiri', '1', 'Kawama Clinic'))}
    `);
    // The refused registration made no zone at Kawama; the one after LEAVE did.
    expect(await zones(harness)).toEqual(['403012-3 3', '403012-4 4', '403013-1 1']);
    const contacts = await harness.dataSource.getRepository(ContactEntity).find({ order: { id: 'ASC' } });
    expect(contacts.map((c) => [c.name, c.active])).toEqual([
      ['Mary Phiri', false],
      ['Mary Phiri', true],
    ]);
  });

  it('keeps a clinic worker a clinic worker when they register as an agent too', async () => {
    const clinic = await harness.dataSource.getRepository(Location).findOneByOrFail({ code: '403012' });
    await harness.build.clinicWorker({ clinic, name: 'Ruth Tembo', phone: '+260977000009' });
    await harness.run(`
      +260977000009 > agent 403012 2 Ruth Tembo
      ${sms('+260977000009', registered('Ruth Tembo', '2', 'Chifubu Clinic'))}
    `);
    expect((await contactOn(harness, '+260977000009')).roles).toEqual(['clinic-worker', 'cba']);
  });

  it('makes a new zone once however many agents name it at the same moment', async () => {
    const phones = Array.from({ length: 6 }, (_, i) => `+26097700010${i}`);
    await Promise.all(
      phones.map((phone, i) => harness.deliver(phone, `agent 403012 ${i % 2 ? 'Kabwe' : 'KABWE'} Agent ${i}`)),
    );
    expect(await zones(harness)).toHaveLength(1);
    expect((await zones(harness))[0]).toMatch(/^403012-kabwe (Kabwe|KABWE)$/);
    const located: Array<{ n: number }> = await harness.dataSource.query(
      `SELECT count(DISTINCT location_id)::int AS n FROM contact WHERE 'cba' = ANY(roles)`,
    );
    expect(located).toEqual([{ n: 1 }]);
  });

  it('JOIN CBA, JOIN AGENT and JOIN HSA, by every JOIN spelling, answer as AGENT with their own how-to', async () => {
    const spellings = ['JOIN', 'J0IN', 'JIN', 'JOHN', 'JO1N', 'JION', 'J01N', 'JON'];
    await harness.run(
      spellings
        .flatMap((join) =>
          ['CBA', 'agent', 'hsa'].map((word) => `+260977000001 > ${join} ${word}\n+260977000001 < ${JOIN_MALFORMED}`),
        )
        .join('\n'),
    );
    await harness.run(`
      +260977000001 > join cba 403012 3
      +260977000001 < ${JOIN_MALFORMED}
      +260977000001 > JOIN CBA 403012 3 mary phiri
      ${sms('+260977000001', registered('Mary Phiri', '3', 'Chifubu Clinic'))}
      +260977000002 > jon hsa 403012 zone 4 John Banda
      ${sms('+260977000002', registered('John Banda', '4', 'Chifubu Clinic'))}
    `);
  });
});

describe('JOIN CBA in Zambia, with a language code', () => {
  let harness: ConversationHarness<RemindersBuilders>;
  const sms = (phone: string, text: string): string => receives(phone, text, 160);

  beforeAll(async () => {
    harness = await createRemindersHarness(ZAMBIA);
    await tree(harness);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());

  it("takes the country's language code: one of the country's, eng meaning the default", async () => {
    await harness.run(`
      +260977000001 > JOIN CBA bem 403012 3 Mary Phiri
      ${sms('+260977000001', registered('Mary Phiri', '3', 'Chifubu Clinic'))}
      +260977000002 > JOIN CBA eng 403012 3 John Banda
      ${sms('+260977000002', registered('John Banda', '3', 'Chifubu Clinic'))}
      +260977000003 > JOIN CBA xyz 403012 3 Grace Mwale
      ${sms('+260977000003', registered('Grace Mwale', '3', 'Chifubu Clinic'))}
    `);
    expect((await contactOn(harness, '+260977000001')).language).toBe('bem');
    expect((await contactOn(harness, '+260977000002')).language).toBeNull();
    expect((await contactOn(harness, '+260977000003')).language).toBeNull();
  });
});

describe('AGENT in Malawi', () => {
  let harness: ConversationHarness<RemindersBuilders>;

  beforeAll(async () => {
    harness = await createRemindersHarness(MALAWI);
    await tree(harness);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());

  it('reads no language in JOIN CBA', async () => {
    await harness.run(`
      +265991000001 > JOIN CBA chi 403012 3 Mary
      +265991000001 < Sorry, I don't know about a clinic with code chi. Please check your code and try again.
      +265991000001 > JOIN CBA 403012 3 Mary
      ${receives('+265991000001', registered('Mary', '3', 'Chifubu Clinic'), 158)}
    `);
  });
});

const event = (slug: string, name: string) => ({ slug, name, keywords: [slug] });

describe.each([
  [
    'no event',
    [],
    'Thank you Mary! You have successfully registered as a RemindMi Agent for zone 3 of Chifubu Clinic.',
  ],
  [
    'two events',
    [event('birth', 'Birth'), event('death', 'Death')],
    registered('Mary', '3', 'Chifubu Clinic', 'birth or death'),
  ],
  [
    'three events',
    [event('birth', 'Birth'), event('death', 'Death'), event('pregnancy', 'Pregnancy')],
    registered('Mary', '3', 'Chifubu Clinic', 'birth, death, or pregnancy'),
  ],
])('AGENT where the country configures %s', (_, events, reply) => {
  let harness: ConversationHarness<RemindersBuilders>;

  beforeAll(async () => {
    harness = await createRemindersHarness({ events });
    await tree(harness);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());

  it('asks to be told of each event, names lower case, listed as Mwana listed them', async () => {
    await harness.run(`
      +260977000001 > agent 403012 3 Mary
      ${receives('+260977000001', reply)}
    `);
  });
});
