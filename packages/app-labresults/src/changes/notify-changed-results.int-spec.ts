import type { Location } from '@mwana/app-locations';
import type { ConversationHarness } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import { printed, slip } from '../printers/printer-sms.testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

const ONE_CHANGED =
  'URGENT: A result sent to your clinic has changed. Please send your pin, get the new result and update your logbooks.';
const SOME_CHANGED =
  'URGENT: Some results sent to your clinic have changed. Please send your pin, get the new results and update your logbooks.';
const THANKS = (name: string): string =>
  `Please record these results in your clinic records and promptly delete them from your phone. Thank you again ${name}!`;
const ADMIN = '+260977000100';
const JOB = '! jobs run labresults.notify-changed-results';

describe('changed results (Zambia wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;

  beforeAll(async () => {
    harness = await createLabResultsHarness({ ...ZAMBIA, labName: 'ADH DNA-PCR LAB' });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.contact({ name: 'Help Desk', phone: ADMIN, helpAdmin: true });
  });

  const workers = async (): Promise<void> => {
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.clinicWorker({ clinic, name: 'John Banda', phone: '+260977000002', pin: '4321' });
  };
  const statuses = async (): Promise<string[]> =>
    (await harness.dataSource.getRepository(LabResult).find({ order: { id: 'ASC' } })).map((r) => r.notificationStatus);

  it('tells the workers, asks the help admins to follow up by ids only, and delivers old and new for the PIN', async () => {
    await workers();
    const changed = await harness.build.result({
      clinic,
      requisitionId: 'A-1',
      result: 'P',
      status: 'updated',
      recordChange: 'both',
      oldValue: 'OLD-1:N',
    });
    // Left alone: a change with nothing recorded, an unverified result, a clinic not live.
    await harness.build.result({ clinic, requisitionId: 'A-9', result: 'N', status: 'updated' });
    await harness.build.result({
      clinic,
      requisitionId: 'A-8',
      result: 'N',
      status: 'updated',
      recordChange: 'result',
      oldValue: 'P',
      verified: false,
    });
    const paused = await harness.build.place({ code: '403013', name: 'Kansenshi Clinic', live: false });
    await harness.build.clinicWorker({ clinic: paused, name: 'Grace Mwale', phone: '+260977000003' });
    await harness.build.result({
      clinic: paused,
      requisitionId: 'B-1',
      result: 'N',
      status: 'updated',
      recordChange: 'result',
      oldValue: 'P',
    });
    await harness.run(`
      ${JOB}
      +260977000001 < ${ONE_CHANGED}
      +260977000002 < ${ONE_CHANGED}
      ${ADMIN} < Make a followup for changed results Chifubu Clinic: ID=A-1, Lab ID=${changed.sampleId}. Contacts = John Banda:+260977000002, Mary Phiri:+260977000001
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: **** OLD-1;NotDetected changed to A-1;Detected
      +260977000002 < Mary Phiri has collected these results
      +260977000001 < ${THANKS('Mary Phiri')}
      ! send
      ${JOB}
    `);
    expect(await statuses()).toEqual(['sent', 'updated', 'updated', 'updated']);
    const disclosures = await harness.dataSource.getRepository(ResultDisclosure).find();
    expect(disclosures.map((d) => [d.resultId, d.via])).toEqual([[changed.id, 'pin']]);
  });

  it('says "some results" for more than one, with each change as the lab made it', async () => {
    await workers();
    const renamed = await harness.build.result({
      clinic,
      requisitionId: 'A-2',
      result: 'N',
      status: 'updated',
      recordChange: 'req_id',
      oldValue: 'OLD-2',
      collectedOn: '2026-01-01',
    });
    const recoded = await harness.build.result({
      clinic,
      requisitionId: 'A-3',
      result: 'P',
      status: 'updated',
      recordChange: 'result',
      oldValue: 'N',
    });
    await harness.run(`
      ${JOB}
      +260977000001 < ${SOME_CHANGED}
      +260977000002 < ${SOME_CHANGED}
      # Past 160 characters: the outbox splits it between words.
      ${ADMIN} < Make a followup for changed results Chifubu Clinic: ID=A-2, Lab ID=${renamed.sampleId};****ID=A-3, Lab ID=${recoded.sampleId}. Contacts = John Banda:+260977000002, Mary
      ${ADMIN} < Phiri:+260977000001
      +260977000002 > 4321
      +260977000002 < Thank you! Here are your results: **** OLD-2;NotDetected changed to A-2;NotDetected. **** A-3;Detected
      +260977000001 < John Banda has collected these results
      +260977000002 < ${THANKS('John Banda')}
      ! send
    `);
    expect(await statuses()).toEqual(['sent', 'sent']);
  });

  it('prints changed results at a clinic with a printer, and still asks for a follow-up', async () => {
    await workers();
    const printer = await harness.build.contact({
      name: 'Printer in Chifubu Clinic',
      roles: ['printer'],
      locationId: clinic.id,
      phone: '+260977000050',
    });
    const changed = await harness.build.result({
      clinic,
      requisitionId: 'A-1',
      result: 'N',
      status: 'updated',
      recordChange: 'result',
      oldValue: 'P',
    });
    await harness.run(`
      ${JOB}
      +260977000050 <~ ${printed('00', slip('Chifubu Clinic', 'A-1', 'NotDetected', 'ADH DNA-PCR LAB'))}
      +260977000001 < Hello Mary Phiri, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      +260977000002 < Hello John Banda, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      ${ADMIN} < Make a followup for changed results Chifubu Clinic: ID=A-1, Lab ID=${changed.sampleId}. Contacts = John Banda:+260977000002, Mary Phiri:+260977000001
    `);
    expect(await statuses()).toEqual(['sent']);
    const disclosures = await harness.dataSource.getRepository(ResultDisclosure).find();
    expect(disclosures.map((d) => [d.resultId, d.contactId, d.via])).toEqual([[changed.id, printer.id, 'printer']]);
  });

  it('keeps the change for later when nobody at the clinic can be told', async () => {
    await harness.build.result({
      clinic,
      requisitionId: 'A-1',
      result: 'N',
      status: 'updated',
      recordChange: 'result',
      oldValue: 'P',
    });
    await harness.run(JOB);
    expect(await statuses()).toEqual(['updated']);
  });
});

describe('changed results (Malawi wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness(MALAWI);
  });
  afterAll(() => harness.close());

  it('delivers the change in Positive and Negative', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Chikondi Banda', phone: '+265999000001', pin: '2468' });
    await harness.build.result({
      clinic,
      requisitionId: 'A-1',
      result: 'N',
      status: 'updated',
      recordChange: 'both',
      oldValue: 'A-0:P',
    });
    await harness.run(`
      ${JOB}
      +265999000001 < ${ONE_CHANGED}
      +265999000001 > 2468
      +265999000001 < Thank you! Here are your results: **** A-0;Positive changed to A-1;Negative
      +265999000001 < ${THANKS('Chikondi Banda')}
    `);
  });
});
