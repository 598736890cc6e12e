import type { Location } from '@mwana/app-locations';
import { ConsoleClient, type ConversationHarness } from '@mwana/core/testing';
import { Logger } from '@nestjs/common';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

const TOKEN = 'secrets-token-0123456789abcdef';
/** The tables that may hold result values in clear: the results themselves and the labs' raw payloads. */
const RESULT_TABLES = new Set(['lab_result', 'lab_payload']);
/** Every PIN the flows below type, right or wrong (8765 also in full-width digits, which cleaning reads as 8765), and every result word they see. */
const PINS = ['8765', '5309', '4096', '87654', '８７６５'];
const RESULT_WORDS = ['Detected', 'Rejected'];

/**
 * Every Results160 flow with its PINs and results (docs/architecture.md, "Secrets in the
 * message log"), then a search of the whole database but the result tables, of every log
 * line written meanwhile and of what the console's message log and `GET /api/messages`
 * show, for each PIN and result word used: none is found. The phones got them in clear
 * (the scripts expect them), so the search cannot pass by nothing being sent.
 */
describe('no PIN and no result value outside the result tables (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;
  const written: string[] = [];

  beforeAll(async () => {
    harness = await createLabResultsHarness(
      { ...ZAMBIA, approveClinicWorkers: true },
      { http: true, config: { console: { apiTokens: { ci: TOKEN } } } },
    );
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.place({ code: '403013', name: 'Printed Clinic' });
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000100', helpAdmin: true });
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const) {
      jest
        .spyOn(Logger.prototype, level)
        .mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' ')));
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await harness.close();
  });

  it('sends JOIN, approvals, CHECK and PINs, RESULT, DEMO, printers and PIN RESET, and keeps none of their secrets', async () => {
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'P' });
    await harness.build.result({ clinic, requisitionId: '1029023413', result: 'R' });
    await harness.run(`
      +260977000001 > JOIN CLINIC 403012 Mary Phiri 8765
      +260977000001 <~ Your PIN is 8765\\.
      +260977000100 <~ joined Chifubu Clinic
      +260977000001 > CHECK
      +260977000001 <~ waits for approval
      +260977000100 > APPROVE +260977000001
      +260977000100 <~ .
      +260977000001 <~ has been approved
      +260977000002 > JOIN CLINIC 403012 John Banda 87654
      +260977000002 <~ 87654
      +260977000002 > JOIN CLINIC 403012 John Banda 5309
      +260977000002 <~ Your PIN is 5309\\.
      +260977000001 <~ joined Chifubu Clinic
      +260977000001 > APPROVE +260977000002
      +260977000001 <~ .
      +260977000002 <~ has been approved
      +260977000001 > CHECK
      +260977000001 <~ We have 2 DBS test results
      +260977000001 > 4096
      +260977000001 <~ not the correct pin
      +260977000001 > 8765
      +260977000001 <~ ^Thank you! Here are your results: \\*\\*\\*\\* 1029023412;Detected\\. \\*\\*\\*\\* 1029023413;Rejected$
      +260977000001 <~ delete them
      +260977000002 > RESULT 1029023412
      +260977000002 <~ We have 1 DBS test results
      +260977000002 > 5309
      +260977000002 <~ 1029023412;Detected$
      +260977000002 <~ delete them
      +260977000001 > DEMO
      +260977000001 <~ We have 3 DBS test results
      +260977000002 <~ We have 3 DBS test results
      +260977000001 > ８７６５
      +260977000001 <~ Detected
      +260977000002 <~ has collected these results
      +260977000001 <~ delete them
      +260977000100 > PIN RESET 0977000002
      +260977000002 <~ Your new PIN is \\d{4}\\.
      +260977000100 <~ has been reset
      +260977000100 > PRINTER ADD 403013 tester 0977000050
      +260977000100 <~ .
      +260977000050 <~ .
    `);
    const printed = await harness.build.place({ code: '403014', name: 'Slip Clinic' });
    await harness.build.contact({
      name: 'Slip Printer',
      roles: ['printer'],
      locationId: printed.id,
      phone: '+260977000051',
    });
    await harness.build.result({ clinic: printed, requisitionId: '1029023499', result: 'P' });
    await harness.run(`
      ! jobs run labresults.notify-new-results
      +260977000051 <~ HIV-DNAPCR Result:\\r\\nDetected\\.
    `);
    // Every message leaves through the gateway, its send-time text made.
    await harness.work();
    const resetPin = /new PIN is (\d{4})/.exec(written.join('\n'))?.[1];
    expect(resetPin).toBeUndefined();

    const leaks: string[] = [];
    const search = (where: string, text: string) => {
      for (const secret of [...PINS, ...RESULT_WORDS]) if (text.includes(secret)) leaks.push(`${where}: ${secret}`);
    };
    // Every text-like column of every table, in every schema the app writes (pg-boss's included), but the result tables.
    const columns: Array<{ schema: string; table: string; column: string }> = await harness.dataSource.query(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    for (const { schema, table, column } of columns) {
      if (schema === 'public' && RESULT_TABLES.has(table)) continue;
      const rows: Array<{ v: string | null }> = await harness.dataSource.query(
        `SELECT "${column}"::text AS v FROM "${schema}"."${table}"`,
      );
      for (const row of rows) if (row.v) search(`${schema}.${table}.${column}`, row.v);
    }
    const stored: Array<{ text: string }> = await harness.dataSource.query(
      `SELECT text FROM message WHERE direction = 'out' AND text LIKE '%•••%'`,
    );
    expect(stored.length).toBeGreaterThan(5);

    search('log', written.join('\n'));
    const api = await fetch(`${harness.url}/api/messages?limit=500`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(api.status).toBe(200);
    const body = await api.text();
    expect(body).toContain('JOIN CLINIC 403012 Mary Phiri ••••');
    search('GET /api/messages', body);
    const client = await ConsoleClient.loggedIn(harness);
    const page = await client.page('/console/messages');
    expect(page).toContain('JOIN CLINIC 403012 Mary Phiri');
    search('/console/messages', page);
    const connections: Array<{ id: number }> = await harness.dataSource.query('SELECT id FROM connection');
    for (const { id } of connections) {
      search(`/console/messages/thread ${id}`, await client.page(`/console/messages/thread?connection=${id}`));
    }
    search('/console/labresults/disclosures', await client.page('/console/labresults/disclosures'));
    expect(leaks).toEqual([]);
  });
});
