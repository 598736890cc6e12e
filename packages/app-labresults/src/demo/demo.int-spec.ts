import type { Location } from '@mwana/app-locations';
import type { ConversationHarness } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

const READY = (name: string): string =>
  `Hello ${name}. We have 3 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.`;
const THANKS = (name: string): string =>
  `Please record these results in your clinic records and promptly delete them from your phone. Thank you again ${name}!`;
const BAD_PIN =
  "Sorry, that was not the correct pin code. Your pin code is a 4-digit number like 1234. If you forgot your pin code, reply with keyword 'HELP'";
const LOCKED =
  "Sorry, that was not the correct pin code too many times. Your results are locked for 30 minutes. If you forgot your pin code, reply with keyword 'HELP'";
const UNKNOWN =
  'Sorry you must be registered with a clinic or specify in your message to initiate a demo of Results160. To specify a clinic send: DEMO <CLINIC_CODE>';

describe.each([
  ['Zambia', ZAMBIA, '**** 9990;Detected. **** 9991;NotDetected. **** 9992;Rejected'],
  [
    'Malawi',
    { ...MALAWI, fakeIdFormat: '{clinic}-{id}-1' },
    '**** 403012-9990-1;Positive. **** 403012-9991-1;Negative. **** 403012-9992-1;Rejected',
  ],
])('DEMO: the PIN flow with made-up results, for training (%s)', (_country, settings, items) => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;

  beforeAll(async () => {
    harness = await createLabResultsHarness(settings);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.clinicWorker({ clinic, name: 'John Banda', phone: '+260977000002', pin: '4321' });
  });

  it('announces three results to every worker, delivers them for the PIN and tells the others; nothing is stored', async () => {
    await harness.run(`
      +260977000009 > DEMO 403012
      +260977000001 < ${READY('Mary Phiri')}
      +260977000002 < ${READY('John Banda')}
      +260977000001 > 9999
      +260977000001 < ${BAD_PIN}
      +260977000002 > 4321
      +260977000002 < Thank you! Here are your results: ${items}
      +260977000001 < John Banda has collected these results
      +260977000002 < ${THANKS('John Banda')}
      +260977000001 > 1234
      +260977000001 <~ ^Invalid Keyword
    `);
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(0);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
  });

  it('counts wrong PINs on the demo towards the lock, as for real results', async () => {
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000100', helpAdmin: true });
    await harness.run(`
      +260977000009 > DEMO 403012
      +260977000001 < ${READY('Mary Phiri')}
      +260977000002 < ${READY('John Banda')}
      ${['1111', '2222', '3333', '5555'].map((pin) => `+260977000001 > ${pin}\n+260977000001 < ${BAD_PIN}`).join('\n')}
      +260977000001 > 6666
      +260977000001 < ${LOCKED}
      +260977000100 < Mary Phiri (+260977000001) at Chifubu Clinic sent 5 wrong pin codes in a row. Their results are locked for 30 minutes.
      +260977000001 > 1234
      +260977000001 < ${LOCKED}
    `);
  });

  it('is over after a day nobody answered it', async () => {
    await harness.run(`
      +260977000009 > DEMO 403012
      +260977000001 < ${READY('Mary Phiri')}
      +260977000002 < ${READY('John Banda')}
      @ +25h
      +260977000001 > 1234
      +260977000001 <~ ^Invalid Keyword
    `);
  });

  it("demonstrates at the sender's own clinic, and says how to name one", async () => {
    await harness.run(`
      +260977000001 > demo
      +260977000001 < ${READY('Mary Phiri')}
      +260977000002 < ${READY('John Banda')}
      +260977000009 > DEMO
      +260977000009 < ${UNKNOWN}
    `);
  });
});
