import type { Location } from '@mwana/app-locations';
import { Scheduler } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { MALAWI, ZAMBIA, createRemindersHarness } from '../testing/reminders.harness';
import { receives, says } from '../testing/script';
import { PatientTrace } from './patient-trace.entity';

const MARY = '+260977000001';
const JOHN = '+260977000002';
const GRACE = '+260977000003';
const PETER = '+260977000004';
const RUTH = '+260977000009';
const STRANGER = '+260977000099';
const ask = (agent: string, name: string) =>
  `Hi ${agent}, please find ${name} and tell them to come to the clinic within 3 days. After telling them, reply with: TOLD ${name}`;
const started = (name: string) => `Thank you Ruth Tembo. RemindMi Agents have been asked to find ${name}.`;
const toldThanks = (agent: string, name: string) =>
  `Thank you ${agent}! After you confirm ${name} has visited the clinic, please send: CONFIRM ${name}.`;
const confirmThanks = (agent: string, name: string) =>
  `Thank you ${agent}! You have confirmed that ${name} has been to the clinic!`;
const UNKNOWN = 'Sorry, the system does not recognise your number. To join the system please send: JOIN';
const TOLD_HELP = 'To tell that someone has been to the clinic send: TOLD <PATIENT_NAME>, e.g TOLD Bana Malama';
const CONFIRM_HELP =
  'To confirm that a patient has been to the clinic please send: CONFIRM <PATIENT_NAME>, e.g CONFIRM Amake Phiri';

describe('TRACE, TOLD and CONFIRM (docs/keywords.md#trace), Zambia', () => {
  let harness: ConversationHarness<RemindersBuilders>;
  let chifubu: Location;

  beforeAll(async () => {
    harness = await createRemindersHarness(ZAMBIA);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    const zone = await harness.build.zone(chifubu, '3');
    await harness.build.agent({ zone, name: 'Mary Phiri', phone: MARY });
    await harness.build.agent({ zone, name: 'John Banda', phone: JOHN });
    await harness.build.agent({ zone: await harness.build.zone(chifubu, '4'), name: 'Grace Mwale', phone: GRACE });
    const kawama = await harness.build.place({ code: '403013', name: 'Kawama Clinic' });
    await harness.build.agent({ zone: await harness.build.zone(kawama, '1'), name: 'Peter Daka', phone: PETER });
    await harness.build.clinicWorker({ clinic: chifubu, name: 'Ruth Tembo', phone: RUTH });
  });

  const traces = () =>
    harness.dataSource
      .getRepository(PatientTrace)
      .find({ order: { id: 'ASC' } })
      .then((found) => found.map((t) => [t.name, t.kind, t.initiator, t.status]));

  it('answers each keyword alone, by every spelling', async () => {
    const lines = [
      ...['TRACE', 'trase', 'TRAC', 'tress', 'traice', 'tras', 'find', 'FHND'].map(
        (w) =>
          `${RUTH} > ${w}\n${receives(RUTH, 'Sorry, the system could not understand your message. To trace a patient please send: TRACE <PATIENT_NAME>')}`,
      ),
      ...['TOLD', 'toll', 'teld', 'tod', 'telld', 't0ld', 'T01D'].map((w) => `${MARY} > ${w}\n${MARY} < ${TOLD_HELP}`),
      ...[
        'CONFIRM',
        'conferm',
        'confhrm',
        'cnfrm',
        'comfirm',
        'comferm',
        'comfhrm',
        'cmfrm',
        'cofirm',
        'conf1rm',
        'confirmed',
      ].map((w) => `${MARY} > ${w}\n${MARY} < ${CONFIRM_HELP}`),
    ];
    await harness.run(lines.join('\n'));
  });

  it('lets only registered clinic workers TRACE, and only agents answer TOLD and CONFIRM', async () => {
    await harness.run(`
      ${MARY} > TRACE Bana Malama
      ${MARY} < Sorry Mary Phiri, CBAs are not allowed to start Traces. Please ask a clinic worker to start a trace.
      ${STRANGER} > TRACE Bana Malama
      ${STRANGER} < ${UNKNOWN}
      ${RUTH} > TOLD Bana Malama
      ${RUTH} < Sorry Ruth Tembo, only CBAs can trace patients. Please ask the CBA to find the patient.
      ${RUTH} > CONFIRM Bana Malama
      ${RUTH} < Sorry Ruth Tembo, only CBAs can trace patients. Please ask the CBA to find the patient.
      ${STRANGER} > TOLD Bana Malama
      ${STRANGER} < ${UNKNOWN}
      ${STRANGER} > CONFIRM Bana Malama
      ${STRANGER} < ${UNKNOWN}
      ${MARY} > TOLD Bana Malama and her baby
      ${MARY} < ${TOLD_HELP}
      ${MARY} > CONFIRM Bana Malama and her baby
      ${MARY} < ${CONFIRM_HELP}
    `);
    expect(await traces()).toEqual([]);
  });

  it('asks every agent of the clinic to find each name, and the worker hears of TOLD and CONFIRM', async () => {
    await harness.run(`
      ${RUTH} > TRACE bana malama, John Zulu
      ${RUTH} < ${started('Bana Malama')}
      ${MARY} < ${ask('Mary Phiri', 'Bana Malama')}
      ${JOHN} < ${ask('John Banda', 'Bana Malama')}
      ${GRACE} < ${ask('Grace Mwale', 'Bana Malama')}
      ${RUTH} < ${started('John Zulu')}
      ${MARY} < ${ask('Mary Phiri', 'John Zulu')}
      ${JOHN} < ${ask('John Banda', 'John Zulu')}
      ${GRACE} < ${ask('Grace Mwale', 'John Zulu')}
      ${MARY} > told bana malama
      ${RUTH} < Hi Ruth Tembo, CBA Mary Phiri has just told bana malama to come to the clinic.
      ${MARY} < ${toldThanks('Mary Phiri', 'bana malama')}
      ${MARY} > CONFIRM Bana Malama
      ${RUTH} < Hi Ruth Tembo, CBA Mary Phiri has CONFIRMED that Bana Malama has been to the clinic.
      ${MARY} < ${confirmThanks('Mary Phiri', 'Bana Malama')}
    `);
    expect(await traces()).toEqual([
      ['Bana Malama', 'manual', 'clinic_worker', 'confirmed'],
      ['John Zulu', 'manual', 'clinic_worker', 'new'],
    ]);
  });

  it('reads TOLD and CONFIRM with the punctuation agents type around the name', async () => {
    await harness.run(`
      ${RUTH} > TRACE Bana Malama
      ${RUTH} < ${started('Bana Malama')}
      ${MARY} < ${ask('Mary Phiri', 'Bana Malama')}
      ${JOHN} < ${ask('John Banda', 'Bana Malama')}
      ${GRACE} < ${ask('Grace Mwale', 'Bana Malama')}
      ${MARY} > TOLD, Bana\u00a0Malama.
      ${RUTH} < Hi Ruth Tembo, CBA Mary Phiri has just told Bana Malama to come to the clinic.
      ${MARY} < ${toldThanks('Mary Phiri', 'Bana Malama')}
      ${MARY} > confirm: \u201cbana malama\u201d
      ${RUTH} < Hi Ruth Tembo, CBA Mary Phiri has CONFIRMED that bana malama has been to the clinic.
      ${MARY} < ${confirmThanks('Mary Phiri', 'bana malama')}
    `);
    expect(await traces()).toEqual([['Bana Malama', 'manual', 'clinic_worker', 'confirmed']]);
  });

  it('refuses a name longer than 50 characters, splits names on , & . and "and", and keeps their marks', async () => {
    const long = 'B'.repeat(51);
    await harness.run(`
      ${RUTH} > TRACE Ann O'Brien
      ${RUTH} < ${started("Ann O'Brien")}
      ${MARY} < ${ask('Mary Phiri', "Ann O'Brien")}
      ${JOHN} < ${ask('John Banda', "Ann O'Brien")}
      ${GRACE} < ${ask('Grace Mwale', "Ann O'Brien")}
      ${RUTH} > TRACE ${long} & Ann Phiri and Joy Tembo.
      ${RUTH} < ${long} is too long for a name.
      ${RUTH} < ${started('Ann Phiri')}
      ${MARY} < ${ask('Mary Phiri', 'Ann Phiri')}
      ${JOHN} < ${ask('John Banda', 'Ann Phiri')}
      ${GRACE} < ${ask('Grace Mwale', 'Ann Phiri')}
      ${RUTH} < ${started('Joy Tembo')}
      ${MARY} < ${ask('Mary Phiri', 'Joy Tembo')}
      ${JOHN} < ${ask('John Banda', 'Joy Tembo')}
      ${GRACE} < ${ask('Grace Mwale', 'Joy Tembo')}
    `);
  });

  it('opens a trace for a name nobody traced, and finds only traces of the last 45 days at the agent’s clinic', async () => {
    await harness.run(`
      ${RUTH} > TRACE Old Case
      ${RUTH} < ${started('Old Case')}
      ${MARY} < ${ask('Mary Phiri', 'Old Case')}
      ${JOHN} < ${ask('John Banda', 'Old Case')}
      ${GRACE} < ${ask('Grace Mwale', 'Old Case')}
      ${RUTH} > TRACE Recent Case
      ${RUTH} < ${started('Recent Case')}
      ${MARY} < ${ask('Mary Phiri', 'Recent Case')}
      ${JOHN} < ${ask('John Banda', 'Recent Case')}
      ${GRACE} < ${ask('Grace Mwale', 'Recent Case')}
    `);
    await harness.dataSource.query(
      `UPDATE patient_trace SET started_at = $1 WHERE name = 'Old Case'`,
      [new Date('2025-11-21T08:00:00Z')], // 46 days before
    );
    await harness.dataSource.query(
      `UPDATE patient_trace SET started_at = $1 WHERE name = 'Recent Case'`,
      [new Date('2025-11-23T10:00:00Z')], // 44 days before
    );
    await harness.run(`
      ${MARY} > TOLD Old Case
      ${MARY} < ${toldThanks('Mary Phiri', 'Old Case')}
      ${MARY} > TOLD Recent Case
      ${RUTH} < Hi Ruth Tembo, CBA Mary Phiri has just told Recent Case to come to the clinic.
      ${MARY} < ${toldThanks('Mary Phiri', 'Recent Case')}
      ${PETER} > TOLD Recent Case
      ${PETER} < ${toldThanks('Peter Daka', 'Recent Case')}
      ${MARY} > CONFIRM Nobody Known
      ${MARY} < ${confirmThanks('Mary Phiri', 'Nobody Known')}
    `);
    expect(await traces()).toEqual([
      ['Old Case', 'manual', 'clinic_worker', 'new'],
      ['Recent Case', 'manual', 'clinic_worker', 'told'],
      ['Old Case', 'unrecognized_patient', 'cba', 'told'],
      ['Recent Case', 'unrecognized_patient', 'cba', 'told'],
      ['Nobody Known', 'unrecognized_patient', 'cba', 'confirmed'],
    ]);
  });

  it('moves a trace once when two agents answer TOLD at the same moment', async () => {
    await harness.build.agent({
      zone: await harness.build.zone(chifubu, '5'),
      name: 'Agent Five',
      phone: '+260977000005',
    });
    await harness.run(`
      ${RUTH} > TRACE Bana Malama
      ${RUTH} <~ ^Thank you Ruth Tembo
      ${MARY} <~ ^Hi Mary Phiri
      ${JOHN} <~ ^Hi John Banda
      ${GRACE} <~ ^Hi Grace Mwale
      +260977000005 <~ ^Hi Agent Five
    `);
    await Promise.all([MARY, JOHN, GRACE, '+260977000005'].map((phone) => harness.deliver(phone, 'TOLD Bana Malama')));
    const told: Array<{ n: number }> = await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM patient_trace WHERE kind = 'manual' AND status = 'told' AND messenger_id IS NOT NULL`,
    );
    expect(told).toEqual([{ n: 1 }]);
    const notices: Array<{ n: number }> = await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND text LIKE 'Hi Ruth Tembo, CBA %'`,
    );
    expect(notices).toEqual([{ n: 1 }]);
  });

  it('asks an agent to CONFIRM three days after TOLD, once, and takes the CONFIRM that follows', async () => {
    await harness.run(`
      ${RUTH} > TRACE Bana Malama
      ${RUTH} < ${started('Bana Malama')}
      ${MARY} < ${ask('Mary Phiri', 'Bana Malama')}
      ${JOHN} < ${ask('John Banda', 'Bana Malama')}
      ${GRACE} < ${ask('Grace Mwale', 'Bana Malama')}
      ${MARY} > TOLD Bana Malama
      ${RUTH} <~ has just told Bana Malama
      ${MARY} < ${toldThanks('Mary Phiri', 'Bana Malama')}
      @ 2026-01-08T10:00:00Z
      ! jobs run reminders.confirmation-reminders
      @ 2026-01-09T10:00:00Z
      ! jobs run reminders.confirmation-reminders
      ${MARY} < Hi Mary Phiri! If you know that Bana Malama has been to the clinic, please send: CONFIRM Bana Malama
      @ 2026-01-10T10:00:00Z
      ! jobs run reminders.confirmation-reminders
    `);
    expect(await traces()).toEqual([['Bana Malama', 'manual', 'clinic_worker', 'awaiting_confirm']]);
    await harness.run(`
      ${MARY} > CONFIRM Bana Malama
      ${RUTH} <~ has CONFIRMED that Bana Malama
      ${MARY} < ${confirmThanks('Mary Phiri', 'Bana Malama')}
    `);
    expect(await traces()).toEqual([['Bana Malama', 'manual', 'clinic_worker', 'confirmed']]);
  });

  it('asks once when the confirmation reminder runs on several connections at once', async () => {
    for (const name of ['Ann Phiri', 'Joy Tembo', 'Bana Malama'])
      await harness.run(`
        ${RUTH} > TRACE ${name}
        ${RUTH} <~ ^Thank you
        ${MARY} <~ ^Hi
        ${JOHN} <~ ^Hi
        ${GRACE} <~ ^Hi
        ${MARY} > TOLD ${name}
        ${RUTH} <~ has just told
        ${MARY} <~ ^Thank you
      `);
    harness.clock.set('2026-01-09T10:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => {
        harness.clock.advance(1);
        return harness.get(Scheduler).run('reminders.confirmation-reminders');
      }),
    );
    expect(results.reduce((sum, r) => sum + r.messages, 0)).toBe(3);
  });

  it('closes the trace a reminder opened: TOLD and CONFIRM by an agent, nobody else told', async () => {
    const zone = await harness.dataSource.getRepository('Location').findOneByOrFail({ code: '403012-3' });
    await harness.build.event({ zone: zone as Location, clinic: chifubu, patient: 'Ruth Banda', date: '2026-01-04' });
    await harness.run(`
      @ 2026-01-08T10:00:00Z
      ! jobs run reminders.send-reminders
      ${MARY} < ${says.reminder(' Mary Phiri', 'Ruth Banda', '6 day', '10/01/2026')}
      ${JOHN} < ${says.reminder(' John Banda', 'Ruth Banda', '6 day', '10/01/2026')}
      ${JOHN} > TOLD Ruth Banda
      ${JOHN} < ${toldThanks('John Banda', 'Ruth Banda')}
      ${JOHN} > CONFIRM Ruth Banda
      ${JOHN} < ${confirmThanks('John Banda', 'Ruth Banda')}
    `);
    expect(await traces()).toEqual([['Ruth Banda', '6 day', 'automated_task', 'confirmed']]);
  });
});

describe('TRACE and TOLD in Malawi, where every joiner is an agent too', () => {
  let harness: ConversationHarness<RemindersBuilders>;

  beforeAll(async () => {
    harness = await createRemindersHarness(MALAWI);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());

  it('lets a clinic worker trace and also be asked, and answer TOLD, never asking the worker who traced', async () => {
    const clinic = await harness.build.place({ code: '0101', name: 'Chitipa Health Centre' });
    const zone = await harness.build.zone(clinic, '1');
    await harness.build.agent({ zone, name: 'Mary Phiri', phone: '+265991000001' });
    await harness.build.clinicWorker({ clinic, name: 'Ruth Tembo', phone: '+265991000009' });
    await harness.build.clinicWorker({ clinic, name: 'Joseph Banda', phone: '+265991000008' });
    await harness.run(`
      +265991000009 > TRACE Bana Malama
      +265991000009 < Thank you Ruth Tembo. RemindMi Agents have been asked to find Bana Malama.
      +265991000001 < ${ask('Mary Phiri', 'Bana Malama')}
      +265991000008 < ${ask('Joseph Banda', 'Bana Malama')}
      +265991000008 > TOLD Bana Malama
      +265991000009 < Hi Ruth Tembo, CBA Joseph Banda has just told Bana Malama to come to the clinic.
      +265991000008 < ${toldThanks('Joseph Banda', 'Bana Malama')}
    `);
  });
});
