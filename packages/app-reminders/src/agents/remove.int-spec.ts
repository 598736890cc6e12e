import type { Location } from '@mwana/app-locations';
import { ContactEntity, STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { COUNTRIES, createRemindersHarness } from '../testing/reminders.harness';
import { receives } from '../testing/script';

const RUTH = '+260977000009';
const ADMIN = '+260977000050';
const HELP = 'To deregister a CBA, send REMOVE <CBA_PHONE_NUMBER> or send REMOVE <CBA_NAME>';
const NOT_ALLOWED =
  'Sorry, you are NOT allowed to deregister anyone. If you think this message is a mistake reply with keyword HELP';

describe.each(COUNTRIES)('REMOVE and DEREGISTER (docs/keywords.md#remove), $name', ({ settings, smsLength }) => {
  const sms = (phone: string, text: string): string => receives(phone, text, smsLength);
  let harness: ConversationHarness<RemindersBuilders>;
  let zone3: Location;

  beforeAll(async () => {
    harness = await createRemindersHarness(settings);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    zone3 = await harness.build.zone(chifubu, '3');
    await harness.build.agent({ zone: zone3, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.agent({ zone: zone3, name: 'Mary Banda', phone: '+260977000002' });
    await harness.build.agent({
      zone: await harness.build.zone(chifubu, '4'),
      name: 'John Zulu',
      phone: '+260977000003',
    });
    const kawama = await harness.build.place({ code: '403013', name: 'Kawama Clinic' });
    await harness.build.agent({
      zone: await harness.build.zone(kawama, '1'),
      name: 'Peter Daka',
      phone: '+260977000004',
    });
    await harness.build.clinicWorker({ clinic: chifubu, name: 'Ruth Tembo', phone: RUTH });
    await harness.build.contact({ name: 'Help Desk', phone: ADMIN, helpAdmin: true });
  });

  const active = async (name: string): Promise<boolean> =>
    (await harness.dataSource.getRepository(ContactEntity).findOneByOrFail({ name })).active;

  it('answers each keyword alone with how to deregister', async () => {
    await harness.run(
      [
        'REMOVE',
        'deregister',
        'DE-REGISTER',
        'deregistre',
        'diregister',
        'rimove',
        'diregistre',
        'deregster',
        'de-registre',
      ]
        .map((word) => `${RUTH} > ${word}\n${RUTH} < ${HELP}`)
        .join('\n'),
    );
  });

  it('deregisters an agent by the end of the phone number, and tells the help admins', async () => {
    await harness.run(`
      ${RUTH} > REMOVE 0977.000.003
      ${RUTH} < You have successfully deregistered John Zulu:+260977000003 of zone 4 at Chifubu Clinic
      ${ADMIN} < Ruth Tembo:${RUTH} has deregistered John Zulu:+260977000003 of zone 4 at Chifubu Clinic
    `);
    expect(await active('John Zulu')).toBe(false);
    const linked: Array<{ contact_id: number | null }> = await harness.dataSource.query(
      `SELECT contact_id FROM connection WHERE identity = '+260977000003'`,
    );
    expect(linked).toEqual([{ contact_id: null }]);
    // No longer an agent: the number is nobody's now.
    await harness.run(`
      ${RUTH} > deregister +260977000003
      ${RUTH} < The phone number +260977000003 does not belong to any CBA at Chifubu Clinic. Make sure you typed it correctly
    `);
  });

  it('deregisters by a part of the name, and asks which one when several match', async () => {
    await harness.run(`
      ${RUTH} > remove zulu
      ${RUTH} < You have successfully deregistered John Zulu:+260977000003 of zone 4 at Chifubu Clinic
      ${ADMIN} <~ has deregistered John Zulu
      ${RUTH} > remove mary
      ${RUTH} < Try sending REMOVE <CBA_PHONE_NUMBER>. Which CBA did you mean? Mary Banda:+260977000002 or Mary Phiri:+260977000001
      ${RUTH} > remove Peter
      ${RUTH} < The name Peter does not belong to any CBA at Chifubu Clinic. Make sure you typed it correctly
    `);
    expect(await active('Mary Phiri')).toBe(true);
    expect(await active('Peter Daka')).toBe(true);
  });

  it('asks for the phone number when five or more names match', async () => {
    for (let i = 0; i < 4; i++)
      await harness.build.agent({ zone: zone3, name: `Mary ${i}`, phone: `+26097700006${i}` });
    await harness.run(`
      ${RUTH} > remove mary
      ${RUTH} < There are 6 CBAs whose names match mary at Chifubu Clinic. Try to use the phone number instead
    `);
  });

  it('refuses anyone but a registered clinic worker with a PIN', async () => {
    await harness.build.contact({
      name: 'No Pin',
      phone: '+260977000010',
      roles: ['clinic-worker'],
      locationId: zone3.parentId,
    });
    await harness.run(`
      +260977000001 > REMOVE Mary Banda
      +260977000001 < ${NOT_ALLOWED}
      +260977000010 > REMOVE Mary Banda
      +260977000010 < ${NOT_ALLOWED}
      +260977000099 > REMOVE Mary Banda
      +260977000099 < ${NOT_ALLOWED}
    `);
    expect(await active('Mary Banda')).toBe(true);
  });

  it('removes nobody when the digits end two agents’ numbers, and has the help admins follow it up', async () => {
    await harness.build.agent({ zone: zone3, name: 'Twin Phone', phone: '+265977000001' });
    await harness.run(`
      ${RUTH} > REMOVE 977000001
      ${sms(RUTH, 'Sorry Ruth Tembo, the CBA with phone number 977000001 could not be deregistered. This matter will be followed up by Support Staff immediately')}
      ${sms(ADMIN, `Make a followup for a failed CBA deregistration due to a phone number 977000001 being shared by multiple CBAs. Deregistration was attempted by Ruth Tembo:${RUTH} of Chifubu Clinic`)}
    `);
    expect(await active('Mary Phiri')).toBe(true);
    expect(await active('Twin Phone')).toBe(true);
  });
});
