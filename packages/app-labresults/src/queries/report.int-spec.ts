import type { Location } from '@mwana/app-locations';
import { MessageRecord } from '@mwana/core';
import type { ConversationHarness } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, createLabResultsHarness } from '../testing/labresults.harness';
import { parseMonth } from './report.handler';

describe('REPORT <code> [month]: results sent in a month (Malawi wording)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let chifubu: Location;

  /** The reply to one SMS (REPORT answers with several lines, which scripts do not write). */
  async function reply(text: string): Promise<string> {
    await harness.deliver('+260977000001', text);
    const [last] = await harness.dataSource.getRepository(MessageRecord).find({ where: { direction: 'out' }, order: { id: 'DESC' }, take: 1 });
    return last.text;
  }

  beforeAll(async () => {
    harness = await createLabResultsHarness(MALAWI);
    const district = await harness.build.place({ code: '403000', name: 'Ndola', kind: 'district' });
    chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: district.id });
    const kawama = await harness.build.place({ code: '403013', name: 'Kawama Clinic', parentId: district.id });
    await harness.build.clinicWorker({ clinic: chifubu, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.contact({ name: 'Not Staff', phone: '+260977000002', roles: ['cba'] });
    const sent = async (clinic: Location, result: 'P' | 'N' | 'R' | 'I', on: string) => {
      const row = await harness.build.result({ clinic, requisitionId: `${clinic.code}-${on}-${result}`, result });
      await harness.dataSource.getRepository(LabResult).update(row.id, { notificationStatus: 'sent', resultSentDate: new Date(on) });
    };
    await sent(chifubu, 'P', '2026-01-02T10:00:00Z');
    await sent(chifubu, 'N', '2026-01-05T10:00:00Z');
    await sent(kawama, 'I', '2026-01-31T23:00:00Z');
    await sent(chifubu, 'N', '2025-12-31T10:00:00Z');
  });
  afterAll(() => harness.close());

  it('counts a clinic this month, and a district over its clinics', async () => {
    expect(await reply('REPORT 403012')).toBe('SENT RESULTS\nChifubu Clinic\n01/01/2026 to 31/01/2026\nPositive;1\nNegative;1\nRejected;0\nTT;2');
    expect(await reply('report 4o3ooo jan')).toBe('SENT RESULTS\nNdola\n01/01/2026 to 31/01/2026\nPositive;1\nNegative;1\nRejected;1\nTT;3');
    expect(await reply('REPORT 403012 12')).toBe('SENT RESULTS\nChifubu Clinic\n01/12/2026 to 31/12/2026\nPositive;0\nNegative;0\nRejected;0\nTT;0');
  });

  it('answers the bare keyword, an unknown code and a sender who is not clinic staff', async () => {
    await harness.run(`
      +260977000001 > REPORT
      +260977000001 < To view a report, send REPORT <CLINIC_CODE> [MONTH]
      +260977000001 > REPOT 999999
      +260977000001 < Sorry, I don't know about a location with code 999999. Please check your code and try again.
      +260977000002 > REPORT 403012
      +260977000002 < I am sorry, you do not have permission to view reports.
    `);
  });

  it('reads months as names, abbreviations or numbers', () => {
    expect([parseMonth('March'), parseMonth('dec'), parseMonth('1'), parseMonth('i2'), parseMonth('soon'), parseMonth(undefined)]).toEqual([2, 11, 0, 11, null, null]);
  });
});
