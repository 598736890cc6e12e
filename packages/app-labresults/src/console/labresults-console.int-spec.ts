import type { Location } from '@mwana/app-locations';
import { ConsoleClient, csrfOf, type ConversationHarness } from '@mwana/core/testing';
import { LabPayload } from '../entities/lab-payload.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { PayloadService } from '../upload/payload.service';

/** The text of each table row (cells joined by `|`, tags dropped), header rows left out. */
function rows(page: string): string[] {
  const body = page.replace(/<thead>[\s\S]*?<\/thead>/g, '');
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]
      .split(/<\/td>/)
      .map((cell) =>
        cell
          .replace(/<br>/g, ' ')
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((cell) => cell !== '')
      .join('|'),
  );
}

/** Words that would mean a page shows a result itself. */
const RESULT_WORDS = /\b(Detected|NotDetected|Positive|Negative|Rejected)\b/;

function payloadBody(samples: object[], logs: object[] = []): string {
  return JSON.stringify({
    source: 'ndola/arthur-davison',
    version: '1.0',
    now: '2026-01-06 10:59:00',
    info: 'sync',
    logs,
    samples,
  });
}

describe('Results160 console pages (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let browser: ConsoleClient;
  let chifubu: Location;
  let kawama: Location;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA, { http: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const ndola = await harness.build.place({ code: '403000', name: 'Ndola', kind: 'district' });
    chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: ndola.id });
    kawama = await harness.build.place({ code: '403013', name: 'Kawama Clinic', parentId: ndola.id });
    browser = await ConsoleClient.loggedIn(harness);
  });

  it('shows nothing without a login', async () => {
    await harness.build.result({ clinic: chifubu, requisitionId: '1029023412', result: 'P' });
    for (const path of [
      'labresults',
      `labresults/clinic?id=${chifubu.id}`,
      'labresults/payloads',
      'labresults/turnaround',
      'labresults/disclosures',
      'labresults/logs',
    ]) {
      const response = await fetch(`${harness.url}/console/${path}`, { redirect: 'manual' });
      expect([path, response.status, (await response.text()).includes('1029023412')]).toEqual([path, 303, false]);
    }
  });

  it("counts results by clinic and stage, and lists a clinic's, never with the result", async () => {
    await harness.build.result({ clinic: chifubu, requisitionId: '1029023412', result: 'P' });
    await harness.build.result({ clinic: chifubu, requisitionId: '1029023413', result: null });
    await harness.build.result({ clinic: chifubu, requisitionId: '1029023414', result: 'N', status: 'notified' });
    await harness.build.result({
      clinic: kawama,
      requisitionId: '1029023415',
      result: 'N',
      status: 'sent',
      resultSentDate: new Date('2026-01-05T10:00:00Z'),
    });
    await harness.build.result({ clinic: kawama, requisitionId: '1029023416', result: 'R', status: 'updated' });

    const overview = await browser.page('/console/labresults');
    expect(rows(overview)).toEqual(['Chifubu Clinic|403012|2|0|1|0', 'Kawama Clinic|403013|0|1|0|1']);
    const clinic = await browser.page(`/console/labresults/clinic?id=${chifubu.id}`);
    expect(rows(clinic).map((r) => r.split('|').slice(0, 2).join('|'))).toEqual([
      '1029023414|notified',
      '1029023413|unprocessed',
      '1029023412|new',
    ]);
    expect(overview + clinic).not.toMatch(RESULT_WORDS);
    expect(await browser.page('/console/labresults/clinic?id=999999')).toContain('No such clinic');
  });

  it('lists payloads with their problems, and re-runs one with the form (CSRF checked)', async () => {
    const payloads = harness.get(PayloadService);
    await payloads.receive('{"samples": [', null);
    await payloads.receive(
      payloadBody([{ id: '01', fac: '4030120', pat_id: '1029023412', sync: 'later', result: 'negative' }]),
      null,
    );
    // A payload that was read but never applied (the server stopped half way): it can be re-run.
    const stopped = await harness.dataSource.getRepository(LabPayload).save({
      incomingDate: new Date('2026-01-06T08:00:00Z'),
      accountId: null,
      raw: payloadBody([
        {
          id: '02',
          fac: '4030120',
          pat_id: '1029023417',
          sync: 'new',
          result: 'negative',
          coll_on: '2026-01-02',
          verified: true,
        },
      ]),
      parsedJson: true,
      validatedSchema: false,
      errors: [],
    });

    const page = await browser.page('/console/labresults/payloads');
    expect(rows(page).map((r) => r.replace(/\|\d+ bytes/, ''))).toEqual([
      expect.stringMatching(new RegExp(`^${stopped.id}\\|2026-01-06 10:00\\|waiting\\|Re-run$`)),
      expect.stringMatching(/^\d+\|2026-01-06 11:00\|ndola\/arthur-davison\|refused\|samples\[0\]\.sync: .*Re-run$/),
      expect.stringMatching(/^\d+\|2026-01-06 11:00\|not-json\|body: not JSON \(13 bytes received\)$/),
    ]);
    expect(page).not.toContain('1029023417');

    const refused = await browser.post('/console/labresults/payloads', { payload: String(stopped.id) });
    expect(refused.status).toBe(403);
    expect(await harness.dataSource.getRepository(LabPayload).findOneByOrFail({ id: stopped.id })).toMatchObject({
      validatedSchema: false,
    });

    const rerun = await browser.post('/console/labresults/payloads', {
      _csrf: csrfOf(page),
      payload: String(stopped.id),
    });
    expect([rerun.status, rerun.headers.get('location')]).toEqual([303, '/console/labresults/payloads']);
    const after = await browser.page('/console/labresults/payloads?failed=1');
    expect(after).toContain(`Payload #${stopped.id} applied: 1 new, 0 changed, 0 unchanged, 0 skipped.`);
    expect(rows(after)).toHaveLength(2);

    await browser.post('/console/labresults/payloads', { _csrf: csrfOf(page), payload: String(stopped.id) });
    expect(await browser.page('/console/labresults/payloads')).toContain(
      `Payload #${stopped.id} is not waiting to be re-run.`,
    );
  });

  it('shows turnaround per stage by district and month, as a table and a chart', async () => {
    const delivered = (clinic: Location, days: [string, string, string, string, string]) =>
      harness.build.result({
        clinic,
        requisitionId: `R${days.join('').replaceAll('-', '').slice(-20)}`,
        result: 'N',
        status: 'sent',
        collectedOn: days[0],
        enteredOn: days[1],
        processedOn: days[2],
        arrivalDate: new Date(`${days[3]}T08:00:00Z`),
        resultSentDate: new Date(`${days[4]}T08:00:00Z`),
      });
    const mansa = await harness.build.place({ code: '401000', name: 'Mansa', kind: 'district' });
    const senama = await harness.build.place({ code: '401001', name: 'Senama Clinic', parentId: mansa.id });
    // Ndola, January: transport 4 and 6 days, processing 2 and 4, upload 1 and 1, retrieval 1 and 3; Mansa's one result 2, 1, 0, 1.
    await delivered(chifubu, ['2025-12-20', '2025-12-24', '2025-12-26', '2025-12-27', '2025-12-28']);
    await delivered(chifubu, ['2026-01-01', '2026-01-05', '2026-01-07', '2026-01-08', '2026-01-09']);
    await delivered(kawama, ['2026-01-01', '2026-01-07', '2026-01-11', '2026-01-12', '2026-01-15']);
    await delivered(senama, ['2026-01-02', '2026-01-04', '2026-01-05', '2026-01-05', '2026-01-06']);
    // A typo'd collection date counts for nothing in its stages.
    await delivered(senama, ['2006-01-02', '2026-01-04', '2026-01-05', '2026-01-05', '2026-01-06']);

    const page = await browser.page('/console/labresults/turnaround?from=2025-12&to=2026-01');
    expect(rows(page)).toEqual([
      '2026-01|All districts|4|4.0|2.0|0.5|1.5|8.7',
      '2026-01|Mansa|2|2.0|1.0|0.0|1.0|4.0',
      '2026-01|Ndola|2|5.0|3.0|1.0|2.0|11.0',
      '2025-12|All districts|1|4.0|2.0|1.0|1.0|8.0',
      '2025-12|Ndola|1|4.0|2.0|1.0|1.0|8.0',
    ]);
    expect(page).toMatch(/<svg class="chart"[\s\S]*<title>2026-01 Collected → received at lab: 4\.0 days<\/title>/);
    // Only this page is marked in the nav, not Results whose path lies above it.
    expect([...page.matchAll(/class="here" aria-current="page">([^<]+)</g)].map((m) => m[1])).toEqual(['Turnaround']);
    expect(page).toMatch(
      /<select name="district"><option value="">all<\/option><option>Mansa<\/option><option>Ndola<\/option><\/select>/,
    );

    const ndola = await browser.page('/console/labresults/turnaround?from=2026-01&to=2026-01&district=Ndola');
    expect(rows(ndola)).toEqual([
      '2026-01|All districts|2|5.0|3.0|1.0|2.0|11.0',
      '2026-01|Ndola|2|5.0|3.0|1.0|2.0|11.0',
    ]);
    expect(await browser.page('/console/labresults/turnaround?from=2024-01&to=2024-02')).toContain(
      'No results were delivered from 2024-01 to 2024-02',
    );
    // With no months asked for: this one (January in Lusaka) and the five before.
    expect(await browser.page('/console/labresults/turnaround')).toMatch(
      /name="from" value="2025-08"[\s\S]*name="to" value="2026-01"/,
    );
  });

  it('lists every result that left, to whom and how, searchable, never with the result', async () => {
    await harness.build.clinicWorker({ clinic: chifubu, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.result({ clinic: chifubu, requisitionId: '10-29023412', result: 'P' });
    await harness.build.result({ clinic: chifubu, requisitionId: '1029023413', result: 'N' });
    await harness.run(`
      +260977000001 > CHECK
      +260977000001 <~ ^Hello Mary Phiri\\. We have 2 DBS test results ready
      +260977000001 > 1234
      +260977000001 <~ ^Thank you! Here are your results:
      +260977000001 <~ ^Please record these results
      ! send
    `);
    const page = await browser.page('/console/labresults/disclosures');
    expect(rows(page)).toEqual([
      '2026-01-06 11:00|1029023413|Chifubu Clinic 403012|Mary Phiri +260977000001|pin|tester',
      '2026-01-06 11:00|10-29023412|Chifubu Clinic 403012|Mary Phiri +260977000001|pin|tester',
    ]);
    expect(page).not.toMatch(RESULT_WORDS);
    expect(rows(await browser.page('/console/labresults/disclosures?sample=1029023412'))).toEqual([
      expect.stringMatching(/^2026-01-06 11:00\|10-29023412\|/),
    ]);
    expect(rows(await browser.page('/console/labresults/disclosures?phone=0977000002'))).toEqual([]);
    expect(rows(await browser.page('/console/labresults/disclosures?clinic=403012&via=pin'))).toHaveLength(2);
    expect(rows(await browser.page('/console/labresults/disclosures?via=printer'))).toEqual([]);
  });

  it("keeps the labs' log lines with their uploads and shows them once, with gaps and rotations", async () => {
    const line = (ln: number, at = `2026-01-06 10:${String(10 + (ln % 40)).padStart(2, '0')}:00,000`) => ({
      at,
      msg: `step ${ln}`,
      lvl: 'INFO',
      ln,
    });
    const payloads = harness.get(PayloadService);
    await payloads.receive(payloadBody([], [line(1), line(2), line(5)]), null);
    // The lab sends lines again with new ones; one time is unreadable; the log then starts again.
    await payloads.receive(
      payloadBody([], [line(5), line(6), { at: 'yesterday', msg: 'no time', lvl: 'WARN', ln: 7 }]),
      null,
    );
    await payloads.receive(
      JSON.stringify({
        source: 'lusaka/uth',
        version: '1.0',
        now: '2026-01-06 10:59:00',
        info: '',
        logs: [line(9000, '2026-01-06 10:55:00,000'), line(1, '2026-01-06 10:56:00,000')],
        samples: [],
      }),
      null,
    );

    const list = await browser.page('/console/labresults/logs');
    expect(rows(list)).toEqual(['lusaka/uth|2|2026-01-06 11:00', 'ndola/arthur-davison|6|2026-01-06 11:00']);
    const ndola = await browser.page('/console/labresults/logs?source=ndola&days=7');
    expect(rows(ndola).slice(2)).toEqual([
      '1|2026-01-06 10:11:00.000|INFO|step 1',
      '2|2026-01-06 10:12:00.000|INFO|step 2',
      'missing log entries (2 lines)',
      '5|2026-01-06 10:15:00.000|INFO|step 5',
      '6|2026-01-06 10:16:00.000|INFO|step 6',
      '7|yesterday|WARN|no time',
    ]);
    const uth = await browser.page('/console/labresults/logs?source=lusaka/uth');
    expect(rows(uth).slice(2)).toEqual([
      '9000|2026-01-06 10:55:00.000|INFO|step 9000',
      'logfile rotation (?)',
      '1|2026-01-06 10:56:00.000|INFO|step 1',
    ]);
    expect(await browser.page('/console/labresults/logs?source=kitwe')).toContain(
      'No lines from sources starting with "kitwe" in the last 7 days.',
    );
  });
});
