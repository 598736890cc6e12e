import { join } from 'node:path';
import type { Location } from '@mwana/app-locations';
import { ContactEntity, STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { COUNTRIES, MALAWI, createRemindersHarness } from '../testing/reminders.harness';
import { receives } from '../testing/script';
import { PatientEvent } from './patient-event.entity';

const AGENT = '+260977000001';
const HELP = (event = 'birth', keyword = 'BIRTH'): string =>
  `Sorry, I didn't understand that. To add a ${event}, send ${keyword} <DATE> <NAME>. The date is optional and is logged as TODAY if left out.`;
const registered = (name: string, date: string, agent = ' Mary Phiri', pronoun = 'his or her'): string =>
  `Thank you${agent}! You have successfully registered a birth for ${name} on ${date}. You will be notified when it is time for ${pronoun} next appointment at the clinic.`;
const registeredAt = (place: string, name: string, date: string): string =>
  `Thank you Mary Phiri! You registered a ${place} birth for ${name} on ${date}. You will be notified when it is time for his or her next clinic appointment.`;

interface Places {
  readonly clinic: Location;
  readonly zone: Location;
}

async function agentAtZone(
  harness: ConversationHarness<RemindersBuilders>,
  language: string | null = null,
): Promise<Places> {
  const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  const zone = await harness.build.zone(clinic, '3');
  await harness.build.agent({ zone, name: 'Mary Phiri', phone: AGENT, language });
  return { clinic, zone };
}

const events = (harness: ConversationHarness<RemindersBuilders>) =>
  harness.dataSource.getRepository(PatientEvent).find({ order: { id: 'ASC' } });

describe.each(COUNTRIES)('event keywords (docs/keywords.md#events), $name', ({ settings, smsLength }) => {
  const sms = (phone: string, text: string): string => receives(phone, text, smsLength);
  let harness: ConversationHarness<RemindersBuilders>;
  let places: Places;

  beforeAll(async () => {
    harness = await createRemindersHarness(settings, { localeDirs: [join(__dirname, '..', '__fixtures__', 'locale')] });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-03-10T09:00:00Z');
    places = await agentAtZone(harness);
  });

  it('answers each keyword alone with how to add the event', async () => {
    await harness.run(
      ['BIRTH', 'bith', 'Bilth', 'mwana'].map((word) => `${AGENT} > ${word}\n${sms(AGENT, HELP())}`).join('\n'),
    );
  });

  it('registers births as agents type them: glued, month words, no-break spaces; an ambiguous date refused', async () => {
    await harness.run(`
      ${AGENT} > BIRTH1/2/2026 Ruth Banda
      ${sms(AGENT, registered('Ruth Banda', '01/02/2026'))}
      ${AGENT} > birth 3 feb 2026, John Zulu.
      ${sms(AGENT, registered('John Zulu', '03/02/2026'))}
      ${AGENT} > BIRTH ０４-02-26 “Grace Phiri”
      ${sms(AGENT, registered('Grace Phiri', '04/02/2026'))}
      ${AGENT} > BIRTH 1122026 Ann Mwale
      ${sms(AGENT, "Sorry, I couldn't understand that date. Please enter the date like so: DAY MONTH YEAR, for example: 23 04 2010")}
    `);
    expect((await events(harness)).map((e) => e.date)).toEqual(['2026-02-01', '2026-02-03', '2026-02-04']);
  });

  it("registers a birth today in the country's time zone, the patient at the agent's zone", async () => {
    // 23:30 in UTC is already the next day in Lusaka.
    harness.clock.set('2026-03-09T23:30:00Z');
    await harness.run(`
      ${AGENT} > birth Ruth Banda
      ${sms(AGENT, registered('Ruth Banda', '10/03/2026'))}
      ${AGENT} > BITH John Zulu
      ${sms(AGENT, registered('John Zulu', '10/03/2026'))}
    `);
    const [ruth] = await events(harness);
    expect(ruth).toMatchObject({
      event: 'birth',
      date: '2026-03-10',
      place: null,
      locationId: places.zone.id,
      clinicId: places.clinic.id,
      status: 'new',
    });
    const patient = await harness.dataSource.getRepository(ContactEntity).findOneByOrFail({ id: ruth.patientId });
    expect(patient).toMatchObject({ name: 'Ruth Banda', roles: ['patient'], locationId: places.zone.id, active: true });
  });

  it('reads every date format, one by one: d/m/yy, d/m/yyyy, d/m, ddmmyy, ddmmyyyy, ddmm with / . - and spaces', async () => {
    const formats = [
      '12/1/26',
      '12/1/2026',
      '12/1',
      '120126',
      '12012026',
      '1201',
      '12.1.26',
      '12.01.2026',
      '12.1',
      '12-1-26',
      '12-01-2026',
      '12-1',
      '12 1 26',
      '12 01 2026',
      '12 1',
    ];
    for (const [i, typed] of formats.entries()) {
      await harness.run(`
        ${AGENT} > birth ${typed} Patient ${String.fromCharCode(65 + i)}
        ${sms(AGENT, registered(`Patient ${String.fromCharCode(65 + i)}`, '12/01/2026'))}
      `);
    }
    expect((await events(harness)).map((e) => e.date)).toEqual(formats.map(() => '2026-01-12'));
  });

  it('takes the place word (facility or home), also joined to MWANA', async () => {
    await harness.run(`
      ${AGENT} > birth f 12/01/2026 Ruth Banda
      ${sms(AGENT, registeredAt('facility', 'Ruth Banda', '12/01/2026'))}
      ${AGENT} > BIRTH home John Zulu
      ${sms(AGENT, registeredAt('home', 'John Zulu', '10/03/2026'))}
      ${AGENT} > mwanaf 1.3.26 Grace Mwale
      ${sms(AGENT, registeredAt('facility', 'Grace Mwale', '01/03/2026'))}
      ${AGENT} > MWANAH Peter Daka
      ${sms(AGENT, registeredAt('home', 'Peter Daka', '10/03/2026'))}
      ${AGENT} > mwana cl Esther Phiri
      ${sms(AGENT, registeredAt('facility', 'Esther Phiri', '10/03/2026'))}
    `);
    expect((await events(harness)).map((e) => e.place)).toEqual(['facility', 'home', 'facility', 'home', 'facility']);
  });

  it('refuses a date it cannot read, one after today, one too old, or no name; nothing is stored', async () => {
    await harness.run(`
      ${AGENT} > birth 32/01/2026 Ruth Banda
      ${AGENT} < Sorry, I couldn't understand that date. Please enter the date like so: DAY MONTH YEAR, for example: 23 04 2010
      ${AGENT} > birth 12/13 Ruth Banda
      ${AGENT} < Sorry, I couldn't understand that date. Please enter the date like so: DAY MONTH YEAR, for example: 23 04 2010
      ${AGENT} > birth 11/03/2026 Ruth Banda
      ${AGENT} < Sorry, you can not register a birth with a date after today's.
      ${AGENT} > birth 12/01/2009 Ruth Banda
      ${AGENT} < Sorry, make sure you enter the year correctly. 2009 is too old. We are in 2026.
      ${AGENT} > birth 12/01/2026
      ${sms(AGENT, HELP())}
      ${AGENT} > birth ${'A'.repeat(50)}
      ${sms(AGENT, HELP())}
    `);
    expect(await events(harness)).toEqual([]);
    expect(await harness.dataSource.getRepository(ContactEntity).count()).toBe(1);
  });

  it('answers a repeat as registered and stores it once, whatever the name’s case', async () => {
    await harness.run(`
      ${AGENT} > birth 12/01/2026 Ruth Banda
      ${sms(AGENT, registered('Ruth Banda', '12/01/2026'))}
      ${AGENT} > birth 12 01 2026 ruth banda
      ${sms(AGENT, registered('Ruth Banda', '12/01/2026'))}
      ${AGENT} > birth 13/01/2026 Ruth Banda
      ${sms(AGENT, registered('Ruth Banda', '13/01/2026'))}
    `);
    expect((await events(harness)).map((e) => e.date)).toEqual(['2026-01-12', '2026-01-13']);
    expect(await harness.dataSource.getRepository(ContactEntity).countBy({ name: 'Ruth Banda' })).toBe(1);
  });

  it('stores one patient and one event when two agents of the zone register them at the same moment', async () => {
    const phones = ['+260977000011', '+260977000012', '+260977000013', '+260977000014'];
    for (const phone of phones)
      await harness.build.agent({ zone: places.zone, name: `Agent ${phone.slice(-2)}`, phone });
    await Promise.all(phones.map((phone) => harness.deliver(phone, 'birth 12/01/2026 Ruth Banda')));
    expect((await events(harness)).length).toBe(1);
    expect(await harness.dataSource.getRepository(ContactEntity).countBy({ name: 'Ruth Banda' })).toBe(1);
    const replies: Array<{ n: number }> = await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND text LIKE 'Thank you Agent%'`,
    );
    expect(replies).toEqual([{ n: 4 }]);
  });

  it('takes a birth from a phone nobody registered: no name in the reply, the patient without a place, kept per phone', async () => {
    const stranger = '+260977000099';
    await harness.run(`
      ${stranger} > birth 12/01/2026 Ruth Banda
      ${sms(stranger, registered('Ruth Banda', '12/01/2026', ''))}
      ${stranger} > birth 12/01/2026 Ruth Banda
      ${sms(stranger, registered('Ruth Banda', '12/01/2026', ''))}
    `);
    const [event] = await events(harness);
    expect(event).toMatchObject({ locationId: null, clinicId: null, loggedById: null });
    expect(await events(harness)).toHaveLength(1);
  });

  it("speaks the agent's language: the reply, the event's name and the pronoun through the catalogue", async () => {
    const bemba = '+260977000020';
    await harness.build.agent({ zone: places.zone, name: 'Chanda Mulenga', phone: bemba, language: 'bem' });
    await harness.run(`
      ${bemba} > birth 12/01/2026 Ruth Banda
      ${bemba} < Natotela Chanda Mulenga! Mwalembesha ukufyalwa wa Ruth Banda pa 12/01/2026. Tukamwishibisha nga yafika inshita ya wakwe ya kuya ku kiliniki.
    `);
  });
});

describe('event keywords configured by a country', () => {
  let harness: ConversationHarness<RemindersBuilders>;

  beforeAll(async () => {
    harness = await createRemindersHarness({
      ...MALAWI,
      events: [
        { slug: 'circumcision', name: 'Circumcision', keywords: ['mdulidwe', 'circ'], gender: 'm' },
        { slug: 'birth', name: 'Birth', keywords: ['birth', 'mwana'], joinedKeywords: ['mwana'], gender: 'f' },
      ],
    });
    await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());

  it('registers each event by its own keywords, with its pronoun, drops the keywords it no longer has, and advertises the first', async () => {
    const clinic = (await harness.build.place({ code: '403013', name: 'Kawama Clinic' })) as Location;
    await harness.build.agent({ zone: await harness.build.zone(clinic, '1'), name: 'Mary Phiri', phone: AGENT });
    await harness.run(`
      ${AGENT} > mdulidwe 02/01/2026 John Banda
      ${receives(AGENT, 'Thank you Mary Phiri! You have successfully registered a circumcision for John Banda on 02/01/2026. You will be notified when it is time for his next appointment at the clinic.', 158)}
      ${AGENT} > birth Ruth Banda
      ${receives(AGENT, registered('Ruth Banda', '06/01/2026', ' Mary Phiri', 'her'), 158)}
      ${AGENT} > CIRC
      ${receives(AGENT, HELP('circumcision', 'MDULIDWE'), 158)}
      ${AGENT} > bith Ruth Banda
      ${AGENT} < Invalid Keyword. Valid keywords are AGENT and MDULIDWE. Respond with any keyword for more information.
    `);
  });
});
