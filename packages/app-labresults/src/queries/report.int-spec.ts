import type { Location } from '@mwana/app-locations';
import { MessageRecord } from '@mwana/core';
import type { ConversationHarness } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { parseMonth } from './report.handler';

describe.each([
  ['Malawi', MALAWI, ['Positive', 'Negative']],
  ['Zambia', ZAMBIA, ['Detected', 'NotDetected']],
] as const)(
  'REPORT <code> [month]: results sent in a month (%s wording)',
  (_country, settings, [detected, notDetected]) => {
    let harness: ConversationHarness<LabResultsBuilders>;
    let chifubu: Location;

    /** The reply to one SMS (REPORT answers with several lines, which scripts do not write). */
    async function reply(text: string): Promise<string> {
      await harness.deliver('+260977000001', text);
      const [last] = await harness.dataSource
        .getRepository(MessageRecord)
        .find({ where: { direction: 'out' }, order: { id: 'DESC' }, take: 1 });
      return last.text;
    }

    const sent = async (clinic: Location, result: 'P' | 'N' | 'R' | 'I', on: string) => {
      await harness.build.result({
        clinic,
        requisitionId: `${clinic.code}-${on}-${result}`,
        result,
        status: 'sent',
        resultSentDate: new Date(on),
      });
    };

    beforeAll(async () => {
      harness = await createLabResultsHarness(settings);
      const district = await harness.build.place({ code: '403000', name: 'Ndola', kind: 'district' });
      chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: district.id });
      const kawama = await harness.build.place({ code: '403013', name: 'Kawama Clinic', parentId: district.id });
      await harness.build.clinicWorker({ clinic: chifubu, name: 'Mary Phiri', phone: '+260977000001' });
      await harness.build.contact({ name: 'Not Staff', phone: '+260977000002', roles: ['cba'] });
      await sent(chifubu, 'P', '2026-01-02T10:00:00Z');
      await sent(chifubu, 'N', '2026-01-05T10:00:00Z');
      // 23:00 and 00:30 in Lusaka: the last of January, and the first of February.
      await sent(kawama, 'I', '2026-01-31T21:00:00Z');
      await sent(kawama, 'R', '2026-01-31T22:30:00Z');
      await sent(chifubu, 'N', '2025-12-31T10:00:00Z');
    });
    afterAll(() => harness.close());

    it('counts a clinic this month, and a district over its clinics, by the country calendar', async () => {
      const report = (place: string, month: string, counts: readonly number[]) =>
        `SENT RESULTS\n${place}\n${month}\n${detected};${counts[0]}\n${notDetected};${counts[1]}\nRejected;${counts[2]}\nTT;${counts[3]}`;
      expect(await reply('REPORT 403012')).toBe(report('Chifubu Clinic', '01/01/2026 to 31/01/2026', [1, 1, 0, 2]));
      expect(await reply('report 4o3ooo jan')).toBe(report('Ndola', '01/01/2026 to 31/01/2026', [1, 1, 1, 3]));
      expect(await reply('REPORTS 4030 February')).toBe(report('Ndola', '01/02/2026 to 28/02/2026', [0, 0, 1, 1]));
      expect(await reply('REPORT 403012 12')).toBe(report('Chifubu Clinic', '01/12/2026 to 31/12/2026', [0, 0, 0, 0]));
    });

    it("takes a district no place has the code of from its clinics' codes", async () => {
      const mansa = await harness.build.place({ code: 'mansa', name: 'Mansa', kind: 'district' });
      await sent(
        await harness.build.place({ code: '401001', name: 'Mansa Clinic', parentId: mansa.id }),
        'N',
        '2026-01-10T10:00:00Z',
      );
      await sent(
        await harness.build.place({ code: '401002', name: 'Senama Clinic', parentId: mansa.id }),
        'P',
        '2026-01-11T10:00:00Z',
      );
      expect(await reply('REPOTS 401000 jan')).toBe(
        `SENT RESULTS\nMansa\n01/01/2026 to 31/01/2026\n${detected};1\n${notDetected};1\nRejected;0\nTT;2`,
      );
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
      expect([
        parseMonth('March'),
        parseMonth('dec'),
        parseMonth('1'),
        parseMonth('i2'),
        parseMonth('soon'),
        parseMonth(undefined),
      ]).toEqual([2, 11, 0, 11, null, null]);
    });
  },
);
