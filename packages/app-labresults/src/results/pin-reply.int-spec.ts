import type { Location } from '@mwana/app-locations';
import { DeliveryReports } from '@mwana/core';
import { Logger } from '@nestjs/common';
import type { ConversationHarness } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

const READY = (name: string, count: number): string =>
  `Hello ${name}. We have ${count} DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.`;
const THANKS = (name: string): string =>
  `Please record these results in your clinic records and promptly delete them from your phone. Thank you again ${name}!`;
const BAD_PIN =
  "Sorry, that was not the correct pin code. Your pin code is a 4-digit number like 1234. If you forgot your pin code, reply with keyword 'HELP'";
const LOCKED =
  "Sorry, that was not the correct pin code too many times. Your results are locked for 30 minutes. If you forgot your pin code, reply with keyword 'HELP'";

describe('notification job, CHECK and the PIN reply (Zambia wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.clinicWorker({ clinic, name: 'John Banda', phone: '+260977000002', pin: '4321' });
  });

  it('refuses the PIN of a worker refused since she was told results wait: no results leave', async () => {
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'N' });
    await harness.run(`
      +260977000001 > CHECK
      +260977000001 < ${READY('Mary Phiri', 1)}
    `);
    const [mary] = await harness.dataSource.query(
      `SELECT c.id FROM contact c JOIN connection n ON n.contact_id = c.id WHERE n.identity = '+260977000001'`,
    );
    await harness.dataSource.query(
      `INSERT INTO clinic_worker_approval (contact_id, clinic_id, status, requested_at, decided_at, decided_by)
       VALUES ($1, $2, 'rejected', now(), now(), 'help desk')`,
      [mary.id, clinic.id],
    );
    await harness.run(`
      +260977000001 > 1234
      +260977000001 < Sorry Mary Phiri, your registration at Chifubu Clinic was not approved: no results will be sent to you. If this is a mistake, reply HELP.
    `);
    const results = await harness.dataSource.getRepository(LabResult).find();
    expect(results.map((r) => r.notificationStatus)).not.toContain('sent');
  });

  it('announces results, delivers them for the PIN, tells the other worker and records the disclosure', async () => {
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'N' });
    await harness.build.result({ clinic, requisitionId: '1029023413', result: 'P', collectedOn: '2026-01-01' });
    await harness.build.result({ clinic, requisitionId: '1029023414', result: null });
    await harness.build.result({ clinic, requisitionId: '1029023415', result: 'R', verified: false });
    await harness.run(`
      ! jobs run labresults.notify-new-results
      +260977000001 < ${READY('Mary Phiri', 2)}
      +260977000002 < ${READY('John Banda', 2)}
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: **** 1029023413;Detected. **** 1029023412;NotDetected
      +260977000002 < Mary Phiri has collected these results
      +260977000001 < ${THANKS('Mary Phiri')}
      +260977000002 > 4321
      +260977000002 <~ ^Invalid Keyword
    `);
    await harness.work();
    const results = await harness.dataSource.getRepository(LabResult).find({ order: { id: 'ASC' } });
    expect(results.map((r) => r.notificationStatus)).toEqual(['sent', 'sent', 'unprocessed', 'new']);
    expect(results[0].resultSentDate).toEqual(new Date('2026-01-06T09:00:00Z'));
    const disclosures = await harness.dataSource.getRepository(ResultDisclosure).find({ order: { resultId: 'ASC' } });
    expect(disclosures.map((d) => [d.resultId, d.channel, d.via])).toEqual([
      [results[0].id, 'tester', 'pin'],
      [results[1].id, 'tester', 'pin'],
    ]);
  });

  it('CHECK: refuses the unregistered, says when nothing waits, and hands out at most 9 at a time', async () => {
    await harness.build.contact({
      name: 'No Pin',
      phone: '+260977000003',
      roles: ['clinic-worker'],
      locationId: clinic.id,
    });
    await harness.run(`
      +260977000009 > check
      +260977000009 < Sorry you must be registered with a clinic to check results. To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>
      +260977000003 > chk
      +260977000003 < Sorry you must be registered with a clinic to check results. To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>
      +260977000001 > CHECK
      +260977000001 < Hello Mary Phiri. There are no new DBS test results for Chifubu Clinic right now. We'll let you know as soon as more results are available.
    `);
    for (let i = 1; i <= 11; i += 1)
      await harness.build.result({ clinic, requisitionId: `10290234${String(i).padStart(2, '0')}`, result: 'N' });
    const items = Array.from({ length: 9 }, (_, i) => `**** 10290234${String(i + 1).padStart(2, '0')};NotDetected`);
    await harness.run(`
      +260977000001 > chek please
      +260977000001 < ${READY('Mary Phiri', 9)}
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: ${items.slice(0, 4).join('. ')}
      +260977000001 < ${items.slice(4).join('. ')}
      +260977000001 < ${THANKS('Mary Phiri')}
      +260977000001 > CHEC
      +260977000001 < ${READY('Mary Phiri', 2)}
    `);
  });

  it('answers a wrong PIN, locks after five in a row, tells the help admins, and opens again after 30 minutes', async () => {
    // Everything logged meanwhile: no PIN and no result may be in it.
    const written: string[] = [];
    const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
      jest
        .spyOn(Logger.prototype, level)
        .mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' '))),
    );
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000100', helpAdmin: true });
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'N' });
    await harness.run(`
      +260977000001 > CHECK
      +260977000001 < ${READY('Mary Phiri', 1)}
      +260977000001 > hello?
      +260977000001 < ${BAD_PIN}
      +260977000001 > 1111
      +260977000001 < ${BAD_PIN}
      +260977000001 > 2222
      +260977000001 < ${BAD_PIN}
      +260977000001 > 3333
      +260977000001 < ${BAD_PIN}
      +260977000001 > 5555
      +260977000001 < ${BAD_PIN}
      +260977000001 > 6666
      +260977000001 < ${LOCKED}
      +260977000100 < Mary Phiri (+260977000001) at Chifubu Clinic sent 5 wrong pin codes in a row. Their results are locked for 30 minutes.
      +260977000001 > 1234
      +260977000001 < ${LOCKED}
      @ +31m
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: **** 1029023412;NotDetected
      +260977000001 < ${THANKS('Mary Phiri')}
    `);
    for (const spy of spies) spy.mockRestore();
    expect(written.join('')).toContain('locked after 5 wrong PINs');
    expect(written.join('')).not.toMatch(/1234|1111|6666|NotDetected|1029023412/);
    await harness.work();
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(1);
  });

  it('shows what a changed result was, when the lab changed its requisition id after delivery', async () => {
    await harness.build.result({
      clinic,
      requisitionId: '1029023499',
      result: 'P',
      status: 'notified',
      recordChange: 'both',
      oldValue: '1029023412:N',
      collectedOn: '2026-01-01',
    });
    await harness.build.result({
      clinic,
      requisitionId: '1029023477',
      result: 'N',
      status: 'notified',
      recordChange: 'req_id',
      oldValue: '1029023413',
    });
    await harness.run(`
      +260977000001 > CHECK
      +260977000001 < ${READY('Mary Phiri', 2)}
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: **** 1029023412;NotDetected changed to 1029023499;Detected. **** 1029023413;NotDetected changed to 1029023477;NotDetected
      +260977000001 < ${THANKS('Mary Phiri')}
    `);
  });

  it('re-announces week-old unread results only on Mondays, and never for a clinic not sending live', async () => {
    const old = new Date('2025-12-29T08:00:00Z');
    await harness.build.result({
      clinic,
      requisitionId: '1029023412',
      result: 'N',
      status: 'notified',
      arrivalDate: old,
    });
    const paused = await harness.build.place({ code: '403013', name: 'Paused Clinic', live: false });
    await harness.build.clinicWorker({ clinic: paused, name: 'Ann Tembo', phone: '+260977000004' });
    await harness.build.result({ clinic: paused, requisitionId: '1029023499', result: 'P' });
    await harness.run(`
      ! jobs run labresults.notify-new-results
      @ 2026-01-12T09:30:00Z
      ! jobs run labresults.notify-new-results
      +260977000001 < ${READY('Mary Phiri', 1)}
      +260977000002 < ${READY('John Banda', 1)}
    `);
  });

  it("takes Monday from the country's calendar, not UTC's", async () => {
    await harness.build.result({
      clinic,
      requisitionId: '1029023412',
      result: 'N',
      status: 'notified',
      arrivalDate: new Date('2025-12-29T08:00:00Z'),
    });
    await harness.run(`
      @ 2026-01-11T21:30:00Z
      ! jobs run labresults.notify-new-results
      @ 2026-01-11T22:30:00Z
      ! jobs run labresults.notify-new-results
      +260977000001 < ${READY('Mary Phiri', 1)}
      +260977000002 < ${READY('John Banda', 1)}
    `);
  });
});

describe('the PIN reply in Malawi wording', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness(MALAWI);
  });
  afterAll(() => harness.close());

  it('reads Positive / Negative / Rejected', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Chikondi Banda', phone: '+265999000001', pin: '2468' });
    await harness.build.result({ clinic, requisitionId: 'A-1', result: 'P', collectedOn: '2026-01-01' });
    await harness.build.result({ clinic, requisitionId: 'A-2', result: 'N', collectedOn: '2026-01-02' });
    await harness.build.result({ clinic, requisitionId: 'A-3', result: 'I', collectedOn: '2026-01-03' });
    await harness.run(`
      ! jobs run labresults.notify-new-results
      +265999000001 < ${READY('Chikondi Banda', 3)}
      +265999000001 > 2468
      +265999000001 < Thank you! Here are your results: **** A-1;Positive. **** A-2;Negative. **** A-3;Rejected
      +265999000001 < ${THANKS('Chikondi Banda')}
    `);
  });

  it('answers a PIN sent when nothing waits with who collected the last results', async () => {
    await harness.reset();
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Chikondi Banda', phone: '+265999000001', pin: '2468' });
    await harness.build.clinicWorker({ clinic, name: 'Grace Phiri', phone: '+265999000002', pin: '1357' });
    await harness.build.result({ clinic, requisitionId: 'A-1', result: 'N' });
    await harness.run(`
      +265999000002 > 1357
      +265999000002 <~ ^Invalid Keyword
      +265999000001 > check
      +265999000001 < ${READY('Chikondi Banda', 1)}
      +265999000001 > 2468
      +265999000001 < Thank you! Here are your results: **** A-1;Negative
      +265999000001 < ${THANKS('Chikondi Banda')}
      ! send
      +265999000001 > 2468
      +265999000001 < Hi Chikondi Banda. It looks like you already collected your DBS results. To check for new results reply with keyword 'CHECK'
      +265999000002 > 1357
      +265999000002 < Hi Grace Phiri. It looks like the results you are looking for were already collected by Chikondi Banda. To check for new results reply with keyword 'CHECK'
      +265999000002 > 9999
      +265999000002 <~ ^Invalid Keyword
    `);
  });
});

describe('results count as sent when their SMS is (issue 17)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000100', helpAdmin: true });
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'N' });
    await harness.build.result({ clinic, requisitionId: '1029023413', result: 'P' });
  });
  const statuses = async () =>
    (await harness.dataSource.getRepository(LabResult).find({ order: { id: 'ASC' } })).map((r) => r.notificationStatus);
  const released = async () => {
    await harness.run(`
      +260977000001 > CHECK
      +260977000001 < ${READY('Mary Phiri', 2)}
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: **** 1029023412;NotDetected. **** 1029023413;Detected
      +260977000001 < ${THANKS('Mary Phiri')}
    `);
  };
  const resultsSms = async () =>
    (
      (await harness.dataSource.query(`SELECT id::text FROM message WHERE kind = 'labresults.results'`)) as Array<{
        id: string;
      }>
    )[0].id;

  it('marks them sent and records the disclosure when the gateway takes the SMS, once however often told', async () => {
    await released();
    expect(await statuses()).toEqual(['sending', 'sending']);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
    await harness.work();
    expect(await statuses()).toEqual(['sent', 'sent']);
    const id = await resultsSms();
    // The gateway's reports come after, and again.
    await harness.get(DeliveryReports).report('tester', { messageId: id }, 'delivered');
    await harness.get(DeliveryReports).report('tester', { messageId: id }, 'delivered');
    const disclosures = await harness.dataSource.getRepository(ResultDisclosure).find({ order: { resultId: 'ASC' } });
    expect(disclosures.map((d) => [d.via, d.messageId])).toEqual([
      ['pin', id],
      ['pin', id],
    ]);
  });

  it('puts them back as waiting when the SMS fails for good, and tells the worker and the help admins', async () => {
    await released();
    // Before the sender took it, the gateway reports the SMS failed for good.
    await harness
      .get(DeliveryReports)
      .report('tester', { messageId: await resultsSms() }, 'failed', 'absent subscriber');
    expect(await statuses()).toEqual(['new', 'new']);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
    const told = (await harness.dataSource.query(
      `SELECT c.identity, m.text FROM message m JOIN connection c ON c.id = m.connection_id
        WHERE m.direction = 'out' AND m.kind IS NULL ORDER BY m.id DESC LIMIT 2`,
    )) as Array<{ identity: string; text: string }>;
    expect(told.reverse()).toEqual([
      {
        identity: '+260977000001',
        text: 'Sorry Mary Phiri, the SMS with your results could not be sent. They wait for you again: send CHECK to get them.',
      },
      {
        identity: '+260977000100',
        text: 'The results SMS to Mary Phiri (+260977000001) at Chifubu Clinic could not be sent: 2 result(s) wait again.',
      },
    ]);
    await harness.run(`
      +260977000001 > CHECK
      +260977000001 < ${READY('Mary Phiri', 2)}
    `);
  });
});
