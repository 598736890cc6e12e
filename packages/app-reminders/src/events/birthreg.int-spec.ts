import type { Location } from '@mwana/app-locations';
import { STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { COUNTRIES, createRemindersHarness } from '../testing/reminders.harness';
import { receives } from '../testing/script';
import { PatientEvent } from './patient-event.entity';

const RUTH = '+260977000009';
const ADMIN = '+260977000050';
const BAD_PIN = 'Invalid PIN number. Please send: birthreg <PIN>';

describe.each(COUNTRIES)('BIRTHREG (docs/keywords.md#birthreg), $name', ({ settings, smsLength }) => {
  const sms = (phone: string, text: string): string => receives(phone, text, smsLength);
  let harness: ConversationHarness<RemindersBuilders>;
  let chifubu: Location;
  let zone: Location;

  beforeAll(async () => {
    harness = await createRemindersHarness(settings);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    zone = await harness.build.zone(chifubu, '3');
    await harness.build.clinicWorker({ clinic: chifubu, name: 'Ruth Tembo', phone: RUTH, pin: '4321' });
    await harness.build.contact({ name: 'Help Desk', phone: ADMIN, helpAdmin: true });
  });

  it('answers each keyword alone, and refuses anyone but a registered clinic worker', async () => {
    await harness.build.agent({ zone, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.run(`
      ${['BIRTHREG', 'newborn', 'NEWBIRTH', 'bethreg', 'newbon', 'newbone', 'newborne']
        .map((w) => `${RUTH} > ${w}\n${RUTH} < To receive new births, send birthreg <PIN>`)
        .join('\n')}
      +260977000001 > birthreg 1234
      +260977000001 < I am sorry, you do not have permission to view new births.
      +260977000099 > birthreg 1234
      +260977000099 < I am sorry, you do not have permission to view new births.
    `);
  });

  it('lists the new births at the clinic against the right PIN, once: the next BIRTHREG has only newer ones', async () => {
    const other = await harness.build.place({ code: '403013', name: 'Kawama Clinic' });
    await harness.build.event({ zone, clinic: chifubu, patient: 'Ruth Banda', date: '2026-01-04' });
    await harness.build.event({ zone, clinic: chifubu, patient: 'John Zulu', date: '2026-01-02' });
    await harness.build.event({
      zone: await harness.build.zone(other, '1'),
      clinic: other,
      patient: 'Elsewhere',
      date: '2026-01-03',
    });
    await harness.run(`
      ${RUTH} > birthreg 1111
      ${RUTH} < ${BAD_PIN}
      ${RUTH} > BIRTHREG 4321
      ${RUTH} < Hello Ruth Tembo! The births from Chifubu Clinic are: ***John Zulu:02/01/2026, Ruth Banda:04/01/2026
      ${RUTH} > newborn 4321
      ${RUTH} < Hello Ruth Tembo! There are no new births from Chifubu Clinic.
      ${RUTH} > BIRTHREG pin: 4321.
      ${RUTH} < Hello Ruth Tembo! There are no new births from Chifubu Clinic.
      ${RUTH} > birthreg4321
      ${RUTH} < Hello Ruth Tembo! There are no new births from Chifubu Clinic.
    `);
    await harness.build.event({ zone, clinic: chifubu, patient: 'Grace Mwale', date: '2026-01-05' });
    await harness.run(`
      ${RUTH} > birthreg 4321
      ${RUTH} < Hello Ruth Tembo! The births from Chifubu Clinic are: ***Grace Mwale:05/01/2026
    `);
    const statuses = (await harness.dataSource.getRepository(PatientEvent).find({ order: { id: 'ASC' } })).map(
      (e) => e.status,
    );
    expect(statuses).toEqual(['sent', 'sent', 'new', 'sent']);
  });

  it('locks new births for 30 minutes after five wrong PINs in a row, and tells the help admins', async () => {
    await harness.build.event({ zone, clinic: chifubu, patient: 'Ruth Banda', date: '2026-01-04' });
    const locked = `Sorry, that was not the correct pin code too many times. New births are locked for 30 minutes. If you forgot your pin code, reply with keyword 'HELP'`;
    await harness.run(`
      ${Array.from({ length: 4 }, () => `${RUTH} > birthreg 1111\n${RUTH} < ${BAD_PIN}`).join('\n')}
      ${RUTH} > birthreg 1111
      ${sms(RUTH, locked)}
      ${sms(ADMIN, `Ruth Tembo (${RUTH}) at Chifubu Clinic sent 5 wrong pin codes in a row to BIRTHREG. New births are locked for 30 minutes.`)}
      ${RUTH} > birthreg 4321
      ${sms(RUTH, locked)}
      @ +31m
      ${RUTH} > birthreg 4321
      ${RUTH} < Hello Ruth Tembo! The births from Chifubu Clinic are: ***Ruth Banda:04/01/2026
    `);
  });

  it('counts every wrong PIN of many sent at once: one lock, the help admins told once', async () => {
    await Promise.all(Array.from({ length: 7 }, () => harness.deliver(RUTH, 'birthreg 1111')));
    const replies: Array<{ text: string; n: number }> = await harness.dataSource.query(
      `SELECT m.text, count(*)::int AS n FROM message m JOIN connection c ON c.id = m.connection_id
        WHERE m.direction = 'out' AND c.identity = $1 GROUP BY m.text ORDER BY n DESC`,
      [RUTH],
    );
    // Four counted wrong, the fifth locked; the two after it refused unchecked (a long reply goes as two SMS).
    expect(replies.find((r) => r.text === BAD_PIN)?.n).toBe(4);
    const alerts: Array<{ n: number }> = await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM message m JOIN connection c ON c.id = m.connection_id
        WHERE m.direction = 'out' AND c.identity = $1`,
      [ADMIN],
    );
    expect(alerts).toEqual([{ n: 1 }]);
  });
});
