import { InboundService } from '@mwana/core';
import { ConsoleClient, type ConversationHarness, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

const TOKEN = 'sealed-inbound-token-0123456789abcdef';
const MARY = '+260977000001';
const SECRETS = ['8765', 'Detected'];

/**
 * MWANA_ROLE=api stores an SMS and a worker routes it later (docs/architecture.md, "Secrets
 * in the message log"): meanwhile the `message` row, the console's message log and `GET
 * /api/messages` show nothing of a PIN or a result typed in it; started, the worker (another
 * process's harness on the same database) reads the SMS as sent: the PIN releases the results.
 */
describe('an inbound SMS is sealed until a worker routes it (real PostgreSQL and HTTP)', () => {
  let api: ConversationHarness<LabResultsBuilders>;
  let worker: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    api = await createLabResultsHarness(ZAMBIA, {
      http: true,
      role: 'api',
      config: { console: { apiTokens: { ci: TOKEN } } },
    });
    worker = await createLabResultsHarness(ZAMBIA, { role: 'worker', database: api.database });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('keeps a PIN and a result out of sight till routed, then routes them as sent', async () => {
    const clinic = await worker.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await worker.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: MARY, pin: '8765' });
    await worker.build.result({ clinic, requisitionId: '1029023412', result: 'P' });
    await worker.run(`
      ${MARY} > CHECK
      ${MARY} <~ We have 1 DBS test results
    `);

    // The api process stores them; no worker runs yet.
    const inbox = api.get(InboundService);
    const pin = await inbox.accept({ gateway: 'tester', identity: MARY, text: ' 8765 ' });
    const result = await inbox.accept({ gateway: 'tester', identity: MARY, text: '1029023412;Detected' });
    const ids = [pin.messageId, result.messageId];
    const leaks: string[] = [];
    const search = (where: string, text: string | null) => {
      for (const secret of SECRETS) if (text?.includes(secret)) leaks.push(`${where}: ${secret}`);
    };
    const rows: Array<Record<string, string | null>> = await api.dataSource.query(
      'SELECT status, text, cleaned_text, original, sealed FROM message WHERE id = ANY($1) ORDER BY id',
      [ids],
    );
    expect(rows.map((r) => [r.status, r.text])).toEqual([
      ['received', '•••'],
      ['received', '•••'],
    ]);
    for (const row of rows) for (const v of Object.values(row)) search('message', v);
    const log = await (await ConsoleClient.loggedIn(api)).page('/console/messages');
    expect(log).toContain('•••');
    search('console message log', log);
    const listed = await fetch(`${api.url}/api/messages?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(listed.status).toBe(200);
    search('GET /api/messages', await listed.text());
    expect(leaks).toEqual([]);

    // The worker starts: it reads what was sent, the PIN releases the results, and the row keeps the PIN masked.
    expect(await worker.work()).toMatchObject({ routed: 2 });
    const routed: Array<{ status: string; text: string; sealed: string | null; handled_by: string | null }> =
      await api.dataSource.query(
        'SELECT status, text, sealed, handled_by FROM message WHERE id = ANY($1) ORDER BY id',
        [ids],
      );
    expect(routed[0]).toEqual({ status: 'handled', text: ' •••• ', sealed: null, handled_by: 'labresults' });
    expect(routed[1]).toMatchObject({ text: '1029023412;Detected', sealed: null });
    const [results]: Array<{ status: string; disclosed: number }> = await api.dataSource.query(
      `SELECT r.notification_status AS status, (SELECT count(*)::int FROM result_disclosure d WHERE d.result_id = r.id) AS disclosed
         FROM lab_result r`,
    );
    expect(results).toEqual({ status: 'sent', disclosed: 1 });
    const sent: Array<{ text: string; status: string }> = await api.dataSource.query(
      `SELECT text, status FROM message WHERE direction = 'out' AND kind = 'labresults.results'`,
    );
    expect(sent).toEqual([{ text: 'Thank you! Here are your results: **** 1029023412;•••', status: 'delivered' }]);
  });
});
