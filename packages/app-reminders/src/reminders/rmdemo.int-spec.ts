import type { Location } from '@mwana/app-locations';
import { STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { COUNTRIES, createRemindersHarness } from '../testing/reminders.harness';
import { receives, says } from '../testing/script';

const UNKNOWN =
  'Sorry you must be registered with a location or specify in your message to initiate a RemindMi demo. To specify a location send: RMDEMO <LOCATION_CODE>';

describe.each(COUNTRIES)('RMDEMO (docs/keywords.md#rmdemo), for training, $name', ({ settings, smsLength }) => {
  const sms = (phone: string, text: string): string => receives(phone, text, smsLength);
  let harness: ConversationHarness<RemindersBuilders>;
  let chifubu: Location;

  beforeAll(async () => {
    harness = await createRemindersHarness(settings);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    const zone = await harness.build.zone(chifubu, '3');
    await harness.build.agent({ zone, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.agent({
      zone: await harness.build.zone(chifubu, '4'),
      name: 'John Banda',
      phone: '+260977000002',
    });
    const kawama = await harness.build.place({ code: '403013', name: 'Kawama Clinic' });
    await harness.build.agent({
      zone: await harness.build.zone(kawama, '1'),
      name: 'Peter Daka',
      phone: '+260977000004',
    });
  });

  const counts = async (): Promise<number[]> => {
    const [row]: Array<{ events: number; reminders: number; traces: number }> = await harness.dataSource.query(
      `SELECT (SELECT count(*)::int FROM patient_event) AS events, (SELECT count(*)::int FROM sent_reminder) AS reminders,
              (SELECT count(*)::int FROM patient_trace) AS traces`,
    );
    return [row.events, row.reminders, row.traces];
  };

  it("sends the clinic's agents the reminder of a 6 day visit in three days, of Maria Malambo, storing nothing", async () => {
    await harness.run(`
      +260977000030 > RMDEMO 403012
      +260977000001 < ${says.reminder(' Mary Phiri', 'Maria Malambo', '6 day', '09/01/2026')}
      +260977000002 < ${says.reminder(' John Banda', 'Maria Malambo', '6 day', '09/01/2026')}
    `);
    expect(await counts()).toEqual([0, 0, 0]);
  });

  it("takes the sender's clinic when no code is given (or the code names no place), and a patient its agents registered", async () => {
    await harness.run(`
      +260977000001 > birth 05/01/2026 Ruth Banda
      ${sms('+260977000001', says.birthRegistered('Ruth Banda', '05/01/2026'))}
      +260977000001 > RMDEMO
      +260977000001 < ${says.reminder(' Mary Phiri', 'Ruth Banda', '6 day', '09/01/2026')}
      +260977000002 < ${says.reminder(' John Banda', 'Ruth Banda', '6 day', '09/01/2026')}
      +260977000004 > rmdemo please
      +260977000004 < ${says.reminder(' Peter Daka', 'Maria Malambo', '6 day', '09/01/2026', 'Kawama Clinic')}
    `);
    expect(await counts()).toEqual([1, 0, 0]);
  });

  it('says how to name a place when it knows of none', async () => {
    await harness.run(`
      +260977000099 > RMDEMO
      +260977000099 < ${UNKNOWN}
      +260977000099 > RMDEMO 999999
      +260977000099 < ${UNKNOWN}
    `);
  });
});
