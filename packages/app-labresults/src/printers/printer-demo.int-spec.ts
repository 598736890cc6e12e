import type { ConversationHarness } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { printed, slip } from './printer-sms.testing';

const UNKNOWN =
  'Sorry you must be registered with a clinic or specify in your message to initiate a demo of Results160. To specify a clinic send: PRINTERDEMO <CLINIC_CODE>';

describe('PRINTERDEMO (Zambia wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness({ ...ZAMBIA, labName: 'ADH DNA-PCR LAB' });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it("prints three demo results at the sender's clinic or the one named, tells its workers, and stores no result", async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.contact({
      name: 'Printer in Chifubu Clinic',
      roles: ['printer'],
      locationId: clinic.id,
      phone: '+260977000050',
    });
    const adh = (id: string, result: string): string => slip('Chifubu Clinic', id, result, 'ADH DNA-PCR LAB');
    await harness.run(`
      +260977000001 > printerdemo
      +260977000050 <~ ${printed('00', adh('9990', 'Detected'))}
      +260977000050 <~ ${printed('01', adh('9991', 'NotDetected'))}
      +260977000050 <~ ${printed('02', adh('9992', 'Rejected'))}
      +260977000001 < Hello Mary Phiri, 3 results sent to printer at Chifubu Clinic. IDs : 9990, 9991, 9992
      +260977000009 > PRINTERDEMO 403012
      +260977000050 <~ ${printed('03', adh('9990', 'Detected'))}
      +260977000050 <~ ${printed('04', adh('9991', 'NotDetected'))}
      +260977000050 <~ ${printed('05', adh('9992', 'Rejected'))}
      +260977000001 < Hello Mary Phiri, 3 results sent to printer at Chifubu Clinic. IDs : 9990, 9991, 9992
    `);
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(0);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
  });

  it('needs a clinic: registered with one, or a known code', async () => {
    await harness.build.contact({ name: 'Nowhere', phone: '+260977000002' });
    await harness.run(`
      +260977000009 > printerdemo
      +260977000009 < ${UNKNOWN}
      +260977000002 > PRINTERDEMO 999999
      +260977000002 < ${UNKNOWN}
    `);
  });
});

describe('PRINTERDEMO (Malawi wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness({
      ...MALAWI,
      labName: 'QECH DNA-PCR LAB',
      fakeIdFormat: '{clinic}-{id}-1',
    });
  });
  afterAll(() => harness.close());

  it('uses Malawi demo ids and result words', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Chikondi Banda', phone: '+265999000001' });
    await harness.build.contact({
      name: 'Printer in Chifubu Clinic',
      roles: ['printer'],
      locationId: clinic.id,
      phone: '+265999000050',
    });
    const qech = (id: string, result: string): string => slip('Chifubu Clinic', id, result, 'QECH DNA-PCR LAB');
    await harness.run(`
      +265999000001 > PRINTERDEMO
      +265999000050 <~ ${printed('00', qech('403012-9990-1', 'Positive'))}
      +265999000050 <~ ${printed('01', qech('403012-9991-1', 'Negative'))}
      +265999000050 <~ ${printed('02', qech('403012-9992-1', 'Rejected'))}
      +265999000001 < Hello Chikondi Banda, 3 results sent to printer at Chifubu Clinic. IDs : 403012-9990-1, 403012-9991-1, 403012-9992-1
    `);
  });
});
