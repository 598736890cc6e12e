import type { Location } from '@mwana/app-locations';
import type { ConversationHarness } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

const READY = (count: number): string =>
  `Hello Mary Phiri. We have ${count} DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.`;
const REGISTERED_ONLY =
  "Sorry, you must be registered with Results160 to receive DBS results. If you think this message is a mistake, respond with keyword 'HELP'";
const RECORD = 'Please record these results in your clinic records and promptly delete them from your phone.';

describe('RESULT <sample id>: results by id, released against the PIN (Zambia wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;
  const statuses = async () =>
    (await harness.dataSource.getRepository(LabResult).find({ order: { id: 'ASC' } })).map((r) => r.notificationStatus);

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
  });

  it('answers the unregistered, the bare keyword and text that is not an id', async () => {
    await harness.run(`
      +260977000009 > RESULT 1029023412
      +260977000009 < ${REGISTERED_ONLY}
      +260977000001 > result
      +260977000001 < To request for results for a DBS sample, send RESULT <sampleid>. E.g result ID45
      +260977000001 > RESULT please send them
      +260977000001 < Sorry, we didn't understand that message. Send the keyword HELP if you need to be helped.
    `);
  });

  it('reads ids with a slash, which its cleaning keeps (docs/keywords.md#result)', async () => {
    await harness.build.result({ clinic, requisitionId: '403012/10', result: 'N' });
    await harness.run(`
      +260977000001 > RESULT 4o3o12/1o
      +260977000001 < ${READY(1)}
    `);
  });

  it('is advertised with the other Results160 keywords, and only those, in the default reply', async () => {
    // Core, locations and Results160 are installed here: RemindMi's and Broadcast's keywords are not offered.
    await harness.run(`
      +260977000001 > results?
      +260977000001 < Invalid Keyword. Valid keywords are JOIN, CHECK, RESULT and SENT. Respond with any keyword for more information.
    `);
  });

  it('finds ids with or without dashes, case and the clinic code, and releases them only for the PIN', async () => {
    await harness.build.result({ clinic, requisitionId: '10-09998', result: 'N' });
    await harness.build.result({ clinic, requisitionId: '403012-77', result: 'P', status: 'sent' });
    await harness.build.result({ clinic, requisitionId: 'ID45', result: null });
    await harness.run(`
      +260977000001 > RESULTS 1009998 77 id45 000 1
      +260977000001 < ${READY(2)}
      +260977000001 < The results for sample(s) ID45 are not yet ready. You will be notified when they are ready.
      +260977000001 < There are currently no results available for 000, 1. Please check if the SampleID's are correct or sms HELP if you have been waiting for 2 months or more
    `);
    expect(await statuses()).toEqual(['notified', 'sent', 'unprocessed']);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
    await harness.run(`
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: **** 10-09998;NotDetected. **** 403012-77;Detected
      +260977000001 < ${RECORD} Thank you again Mary Phiri!
    `);
    // On their way until the gateway takes the SMS.
    expect(await statuses()).toEqual(['sending', 'sent', 'unprocessed']);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
    await harness.work();
    expect(await statuses()).toEqual(['sent', 'sent', 'unprocessed']);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(2);
  });

  it('reads ids separated by commas, a comma standing alone or a full stop after the last (docs/keywords.md#result)', async () => {
    await harness.build.result({ clinic, requisitionId: '10-09998', result: 'N' });
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'P' });
    await harness.run(`
      +260977000001 > RESULT 1009998 , 1029023412
      +260977000001 < ${READY(2)}
      +260977000001 > RESULT 1009998,1029023412.
      +260977000001 < ${READY(2)}
      +260977000001 > RESULT1009998
      +260977000001 < ${READY(1)}
      +260977000001 > RESULT １００９９９８
      +260977000001 < ${READY(1)}
      +260977000001 > RESULT 1009998; 555,
      +260977000001 < ${READY(1)}
      +260977000001 < There are currently no results available for 555. Please check if the SampleID is correct or sms HELP if you have been waiting for 2 months or more
    `);
  });

  it('tells two samples with the same requisition id apart by their dates', async () => {
    await harness.build.result({
      clinic,
      requisitionId: '1029023412',
      result: 'N',
      collectedOn: '2025-11-03',
      processedOn: '2025-11-20',
    });
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'P', collectedOn: '2026-01-02' });
    await harness.run(`
      +260977000001 > RESUT 1029023412
      +260977000001 < ${READY(2)}
      +260977000001 > 1234
      +260977000001 < Thank you! Here are your results: **** 1029023412;NotDetected. Date Collected;03 Nov 2025. Tested on;20 Nov 2025
      +260977000001 < **** 1029023412;Detected. Date Collected;02 Jan 2026. Tested on;
      +260977000001 < ${RECORD} Thank you again Mary Phiri!
    `);
  });

  it('finds nothing at another clinic, nor a result the lab has not verified', async () => {
    const other = await harness.build.place({ code: '403013', name: 'Kawama Clinic' });
    await harness.build.result({ clinic: other, requisitionId: '555', result: 'P' });
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'N', verified: false });
    await harness.run(`
      +260977000001 > resuts 555
      +260977000001 < There are currently no results available for 555. Please check if the SampleID is correct or sms HELP if you have been waiting for 2 months or more
      +260977000001 > RESULT 1029023412
      +260977000001 <~ ^There are currently no results available for 1029023412\\.
    `);
  });

  it('answers the demo id with a made-up result, stored nowhere', async () => {
    await harness.run(`
      +260977000001 > RESULT 9999
      +260977000001 < Sample 9999: Detected. ${RECORD} Thanks again
    `);
    expect(await statuses()).toEqual([]);
  });
});

describe('RESULT (Malawi wording and demo ids)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness({ ...MALAWI, fakeIdFormat: '{clinic}-{id}-1' });
  });
  afterAll(() => harness.close());

  it('takes the demo id with or without the clinic code', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.run(`
      +260977000001 > RESULT 403012-9999-1
      +260977000001 < Sample 403012-9999-1: Positive. ${RECORD} Thanks again
      +260977000001 > RESULT 9999-1
      +260977000001 < Sample 403012-9999-1: Positive. ${RECORD} Thanks again
    `);
  });
});
