import type { Location } from '@mwana/app-locations';
import { type ConversationHarness, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { ResultsRecovery } from './results-recovery.service';
import { ResultsSmsText } from './results-sms.text';

const MARY = '+260977000001';
const JOHN = '+260977000002';
const RUTH = '+260977000003';
const DESK = '+260977000100';

/**
 * A crash between the sender's record of the gateway's answer and `ResultsSmsText.settled`
 * (docs/keywords.md#pin-reply), simulated: the results SMS are sent with `settled` doing
 * nothing, so their results stay `sending` as a process killed at that point leaves them.
 * The recovery (the hourly job, and every start) then settles each by its SMS: sent, the
 * results sent and disclosed; failed for good, the results waiting again and the worker and
 * the help desk told; still queued, left on their way. Real PostgreSQL throughout.
 */
describe('results a crash left sending (real PostgreSQL)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  const clinics: Location[] = [];

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());

  const status = async (requisitionId: string): Promise<{ status: string; disclosures: number }> => {
    const [row]: Array<{ status: string; disclosures: number }> = await harness.dataSource.query(
      `SELECT r.notification_status AS status,
              (SELECT count(*)::int FROM result_disclosure d WHERE d.result_id = r.id AND d.message_id IS NOT NULL) AS disclosures
         FROM lab_result r WHERE r.requisition_id = $1`,
      [requisitionId],
    );
    return row;
  };
  const resultsSms = async (phone: string): Promise<string> => {
    const [row]: Array<{ id: string }> = await harness.dataSource.query(
      `SELECT m.id::text AS id FROM message m JOIN connection c ON c.id = m.connection_id
        WHERE m.kind = 'labresults.results' AND c.identity = $1`,
      [phone],
    );
    return row.id;
  };

  it('settles each result by its results SMS: sent, failed for good, or still queued', async () => {
    for (const [n, phone] of [MARY, JOHN, RUTH].entries()) {
      const clinic = await harness.build.place({ code: `40301${n}`, name: `Clinic ${n}` });
      clinics.push(clinic);
      await harness.build.clinicWorker({ clinic, name: `Worker ${n}`, phone, pin: '8765' });
      await harness.build.result({ clinic, requisitionId: `102902341${n}`, result: 'P' });
    }
    await harness.build.contact({ name: 'Help Desk', phone: DESK, helpAdmin: true });
    // The crash point: the gateway's answers are recorded, `settled` never runs.
    const crashed = jest.spyOn(ResultsSmsText.prototype, 'settled').mockResolvedValue();
    const collect = (phone: string) =>
      harness.run(`
        ${phone} > CHECK
        ${phone} <~ We have 1 DBS test results
        ${phone} > 8765
        ${phone} <~ Here are your results: \\*\\*\\*\\* 102902341\\d;Detected$
        ${phone} <~ delete them
      `);
    await collect(MARY);
    await collect(JOHN);
    await harness.work();
    // Ruth's SMS is still queued when the process dies.
    await collect(RUTH);
    expect(crashed).toHaveBeenCalled();
    crashed.mockRestore();
    expect([await status('1029023410'), await status('1029023411'), await status('1029023412')]).toEqual([
      { status: 'sending', disclosures: 0 },
      { status: 'sending', disclosures: 0 },
      { status: 'sending', disclosures: 0 },
    ]);
    // John's SMS failed for good (as the sender records a refusal).
    await harness.dataSource.query(`UPDATE message SET status = 'failed', error = 'refused' WHERE id = $1`, [
      await resultsSms(JOHN),
    ]);

    const recovery = harness.get(ResultsRecovery);
    expect(await recovery.recover()).toEqual({ sent: 1, putBack: 1, onTheirWay: 1 });
    expect([await status('1029023410'), await status('1029023411'), await status('1029023412')]).toEqual([
      { status: 'sent', disclosures: 1 },
      { status: 'new', disclosures: 0 },
      { status: 'sending', disclosures: 0 },
    ]);
    // John and the help desk hear that his results did not go: once, however often the recovery runs.
    const told = async () =>
      (
        (await harness.dataSource.query(
          `SELECT c.identity, m.text FROM message m JOIN connection c ON c.id = m.connection_id
            WHERE m.direction = 'out' AND m.text LIKE '%could not be sent%' ORDER BY m.id`,
        )) as Array<{ identity: string; text: string }>
      ).map((m) => `${m.identity} < ${m.text}`);
    const notices = [
      `${JOHN} < Sorry Worker 1, the SMS with your results could not be sent. They wait for you again: send CHECK to get them.`,
      `${DESK} < The results SMS to Worker 1 (${JOHN}) at Clinic 1 could not be sent: 1 result(s) wait again.`,
    ];
    expect(await told()).toEqual(notices);
    expect(await recovery.recover()).toEqual({ sent: 0, putBack: 0, onTheirWay: 1 });
    expect(await told()).toEqual(notices);

    // Ruth's SMS goes at last, and the process dies again before `settled`: the next start settles it.
    const again = jest.spyOn(ResultsSmsText.prototype, 'settled').mockResolvedValue();
    await harness.work();
    expect(again).toHaveBeenCalled();
    again.mockRestore();
    expect(await status('1029023412')).toEqual({ status: 'sending', disclosures: 0 });
    const restarted = await createLabResultsHarness(ZAMBIA, { database: harness.database });
    await restarted.close();
    expect(await status('1029023412')).toEqual({ status: 'sent', disclosures: 1 });
    expect(await recovery.recover()).toEqual({ sent: 0, putBack: 0, onTheirWay: 0 });
  });
});
