import type { Location } from '@mwana/app-locations';
import type { ConversationHarness } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { IndependentPrinterClinic } from './independent-printer-clinic.entity';
import { MessageConfirmation } from './message-confirmation.entity';
import { printed, slip } from './printer-sms.testing';

const PRINTER = '+260977000050';
const OTHER_PRINTER = '+260977000060';
const READY = (name: string, count: number): string =>
  `Hello ${name}. We have ${count} DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.`;

async function printerAt(
  harness: ConversationHarness<LabResultsBuilders>,
  clinic: Location,
  phone: string,
  independent: boolean,
): Promise<number> {
  const printer = await harness.build.contact({
    name: `Printer in ${clinic.name}`,
    roles: ['printer'],
    locationId: clinic.id,
    phone,
  });
  if (independent)
    await harness.dataSource
      .getRepository(IndependentPrinterClinic)
      .insert({ clinicId: clinic.id, since: new Date('2026-01-01T00:00:00Z') });
  return printer.id;
}

describe('printing results (Zambia wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;
  const adh = (id: string, result: string): string => slip('Chifubu Clinic', id, result, 'ADH DNA-PCR LAB');

  beforeAll(async () => {
    harness = await createLabResultsHarness({ ...ZAMBIA, labName: 'ADH DNA-PCR LAB', independentPrinters: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.clinicWorker({ clinic, name: 'John Banda', phone: '+260977000002', pin: '4321' });
  });

  const statuses = async (): Promise<string[]> =>
    (await harness.dataSource.getRepository(LabResult).find({ order: { id: 'ASC' } })).map((r) => r.notificationStatus);

  it('the morning notice prints at a clinic with a printer, tells its workers, records the disclosure and ends the wait for a PIN', async () => {
    const printerId = await printerAt(harness, clinic, PRINTER, false);
    const other = await harness.build.place({ code: '403013', name: 'Kansenshi Clinic' });
    await harness.build.clinicWorker({ clinic: other, name: 'Grace Mwale', phone: '+260977000003' });
    await harness.build.result({ clinic, requisitionId: 'A-2', result: 'N' });
    await harness.build.result({ clinic, requisitionId: 'A-1', result: 'P', collectedOn: '2026-01-01' });
    await harness.build.result({ clinic: other, requisitionId: 'B-1', result: 'N' });
    await harness.run(`
      +260977000001 > check
      +260977000001 < ${READY('Mary Phiri', 2)}
      ! jobs run labresults.notify-new-results
      ${PRINTER} <~ ${printed('00', adh('A-1', 'Detected'))}
      ${PRINTER} <~ ${printed('01', adh('A-2', 'NotDetected'))}
      +260977000001 < Hello Mary Phiri, 2 results sent to printer at Chifubu Clinic. IDs : A-1, A-2
      +260977000002 < Hello John Banda, 2 results sent to printer at Chifubu Clinic. IDs : A-1, A-2
      +260977000003 < ${READY('Grace Mwale', 1)}
      +260977000001 > 1234
      +260977000001 <~ ^Invalid Keyword
    `);
    const results = await harness.dataSource.getRepository(LabResult).find({ order: { id: 'ASC' } });
    expect(results.map((r) => [r.requisitionId, r.notificationStatus, r.resultSentDate])).toEqual([
      ['A-2', 'sent', new Date('2026-01-06T09:00:00Z')],
      ['A-1', 'sent', new Date('2026-01-06T09:00:00Z')],
      ['B-1', 'notified', null],
    ]);
    const disclosures = await harness.dataSource.getRepository(ResultDisclosure).find({ order: { resultId: 'ASC' } });
    expect(disclosures.map((d) => [d.resultId, d.contactId, d.channel, d.via])).toEqual([
      [results[0].id, printerId, 'tester', 'printer'],
      [results[1].id, printerId, 'tester', 'printer'],
    ]);
    const slips = await harness.dataSource.getRepository(MessageConfirmation).find({ order: { seq: 'ASC' } });
    expect(slips.map((s) => [s.seq, s.resultId, s.confirmed])).toEqual([
      [0, results[1].id, false],
      [1, results[0].id, false],
    ]);
  });

  it('sends to printers only at clinics with their own printer', async () => {
    await printerAt(harness, clinic, PRINTER, true);
    const other = await harness.build.place({ code: '403013', name: 'Kansenshi Clinic' });
    await printerAt(harness, other, OTHER_PRINTER, false);
    await harness.build.result({ clinic, requisitionId: 'A-1', result: 'R' });
    await harness.build.result({ clinic: other, requisitionId: 'B-1', result: 'N' });
    await harness.run(`
      ! jobs run labresults.send-to-printers
      ${PRINTER} <~ ${printed('00', adh('A-1', 'Rejected'))}
      +260977000001 < Hello Mary Phiri, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      +260977000002 < Hello John Banda, 1 results sent to printer at Chifubu Clinic. IDs : A-1
    `);
    expect(await statuses()).toEqual(['sent', 'new']);
  });

  it('prints again what a printer did not confirm since yesterday, and leaves older slips alone', async () => {
    await printerAt(harness, clinic, PRINTER, true);
    await harness.build.result({ clinic, requisitionId: 'A-1', result: 'N' });
    // Tuesday 08:50 and 10:50 in Lusaka; the first slip is confirmed, so nothing is printed twice.
    await harness.run(`
      @ 2026-01-06T06:50:00Z
      ! jobs run labresults.send-to-printers
      ${PRINTER} <~ ${printed('00', adh('A-1', 'NotDetected'))}
      +260977000001 < Hello Mary Phiri, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      +260977000002 < Hello John Banda, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      ${PRINTER} > Confirm SMS: 00
      @ +2h
      ! jobs run labresults.send-to-printers
    `);
    await harness.build.result({ clinic, requisitionId: 'A-2', result: 'P' });
    // A-2's slip (14:50) is never confirmed: 16:50 prints it again, Thursday finds it too old.
    await harness.run(`
      @ +4h
      ! jobs run labresults.send-to-printers
      ${PRINTER} <~ ${printed('01', adh('A-2', 'Detected'))}
      +260977000001 < Hello Mary Phiri, 1 results sent to printer at Chifubu Clinic. IDs : A-2
      +260977000002 < Hello John Banda, 1 results sent to printer at Chifubu Clinic. IDs : A-2
      @ +2h
      ! jobs run labresults.send-to-printers
      ${PRINTER} <~ ${printed('02', adh('A-2', 'Detected'))}
      +260977000001 < Hello Mary Phiri, 1 results sent to printer at Chifubu Clinic. IDs : A-2
      +260977000002 < Hello John Banda, 1 results sent to printer at Chifubu Clinic. IDs : A-2
      @ 2026-01-08T06:50:00Z
      ! jobs run labresults.send-to-printers
    `);
    expect(await statuses()).toEqual(['sent', 'sent']);
    const slips = await harness.dataSource.getRepository(MessageConfirmation).find({ order: { seq: 'ASC' } });
    expect(slips.map((s) => [s.seq, s.confirmed])).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
  });

  it('on a Monday looks back to Friday', async () => {
    await printerAt(harness, clinic, PRINTER, true);
    await harness.build.result({ clinic, requisitionId: 'A-1', result: 'N' });
    await harness.run(`
      @ 2026-01-09T14:50:00Z
      ! jobs run labresults.send-to-printers
      ${PRINTER} <~ ${printed('00', adh('A-1', 'NotDetected'))}
      +260977000001 < Hello Mary Phiri, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      +260977000002 < Hello John Banda, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      @ 2026-01-12T06:50:00Z
      ! jobs run labresults.send-to-printers
      ${PRINTER} <~ ${printed('01', adh('A-1', 'NotDetected'))}
      +260977000001 < Hello Mary Phiri, 1 results sent to printer at Chifubu Clinic. IDs : A-1
      +260977000002 < Hello John Banda, 1 results sent to printer at Chifubu Clinic. IDs : A-1
    `);
  });
});

describe('printing results (Malawi wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness({ ...MALAWI, labName: 'QECH DNA-PCR LAB' });
  });
  afterAll(() => harness.close());

  it('prints Positive and Negative, approved by QECH', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Chikondi Banda', phone: '+265999000001' });
    await printerAt(harness, clinic, '+265999000050', false);
    await harness.build.result({ clinic, requisitionId: 'A-1', result: 'P', collectedOn: '2026-01-01' });
    await harness.build.result({ clinic, requisitionId: 'A-2', result: 'N' });
    await harness.run(`
      ! jobs run labresults.notify-new-results
      +265999000050 <~ ${printed('00', slip('Chifubu Clinic', 'A-1', 'Positive', 'QECH DNA-PCR LAB'))}
      +265999000050 <~ ${printed('01', slip('Chifubu Clinic', 'A-2', 'Negative', 'QECH DNA-PCR LAB'))}
      +265999000001 < Hello Chikondi Banda, 2 results sent to printer at Chifubu Clinic. IDs : A-1, A-2
    `);
  });
});
