import type { ConversationHarness } from '@mwana/core/testing';
import { LabPayload } from '../entities/lab-payload.entity';
import { LabResult } from '../entities/lab-result.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { LabAccountsService } from './lab-accounts.service';
import { MAX_SCHEDULED_FAILURES } from './payload-reruns';

const AUTH = `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}`;

const body = (
  samples: object[],
  logs: unknown[] = [{ at: '2026-01-06 10:58:00,123', msg: 'sync', lvl: 'INFO', ln: 1 }],
) => JSON.stringify({ source: 'ndola/arthur-davison', version: '1.0', now: '2026-01-06 10:59:00', logs, samples });

const sample = (id: string, fields: object = {}): object => ({
  id,
  fac: '4030120',
  pat_id: `10290234${id}`,
  sync: 'new',
  result: 'negative',
  coll_on: '2026-01-02',
  verified: true,
  ...fields,
});

describe('every lab payload kept and answered (docs/keywords.md#lab-upload)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  const post = (payload: string | Buffer, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${harness.url}/labresults/incoming/`, {
      method: 'POST',
      body: payload,
      headers: { authorization: AUTH, accept: 'application/json', ...headers },
    });
  const payloads = () => harness.dataSource.getRepository(LabPayload).find({ order: { id: 'ASC' } });
  const results = () => harness.dataSource.getRepository(LabResult).count();

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA, { http: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    await harness.get(LabAccountsService).add('ADH-Lab', 's3cret-lab');
    await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  });

  it('takes a body with no content type, or any content type, and keeps what was sent', async () => {
    const types = [null, 'text/json', 'application/x-www-form-urlencoded', 'text/plain; charset=latin1', 'nonsense'];
    for (const [i, type] of types.entries()) {
      const response = await fetch(`${harness.url}/labresults/incoming/`, {
        method: 'POST',
        // A Blob with no type sends no Content-Type header at all.
        body: type === null ? new Blob([body([sample(`0${i}`)])]) : body([sample(`0${i}`)]),
        headers: { authorization: AUTH, ...(type === null ? {} : { 'content-type': type }) },
      });
      expect([type, response.status, await response.text()]).toEqual([type, 200, 'SUCCESS']);
    }
    const stored = await payloads();
    expect(stored.map((p) => [p.contentType, p.state, p.raw.length > 0])).toEqual(
      types.map((type) => [type, 'applied', true]),
    );
    expect(await results()).toBe(types.length);
  });

  it('keeps the exact bytes of a body that text cannot hold (NUL, not UTF-8), and answers 400', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"samples": [{"id": "0'),
      Buffer.from([0x00, 0xff, 0xfe]),
      Buffer.from('"}]}'),
    ]);
    const response = await post(bytes, { 'content-type': 'text/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: 'INVALID',
      errors: [expect.stringMatching(/^body: not JSON/)],
    });
    const [stored] = await payloads();
    expect(stored.state).toBe('refused');
    expect(stored.rawBytes?.equals(bytes)).toBe(true);
    expect(stored.raw).not.toContain('\0');
  });

  it('refuses what the database would refuse with the field and the problem, never the value, and applies nothing', async () => {
    const response = await post(
      JSON.stringify({
        source: 'ndola/arthur-davison',
        info: 'i'.repeat(201),
        logs: [],
        samples: [
          sample('01'),
          sample('02', { pat_id: 'SECRET\u0000ID' }),
          sample('SAMPLE-ID-LONGER-THAN-ITS-COLUMN-OF-FIFTY-CHARACTERS-X'),
          sample('03', { coll_on: '0000-01-01', dob: '2026-02-30' }),
          sample('04', { child_age: 3_000_000_000, mother_age: 1.5 }),
          sample('05', { fac: 9.5 }),
        ],
      }),
      { 'content-type': 'text/json' },
    );
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { errors: string[] };
    expect(answer.errors).toEqual([
      expect.stringMatching(/^info: /),
      expect.stringMatching(/^samples\[1\]\.pat_id: /),
      expect.stringMatching(/^samples\[2\]\.id: /),
      expect.stringMatching(/^samples\[2\]\.pat_id: /),
      expect.stringMatching(/^samples\[3\]\.coll_on: /),
      expect.stringMatching(/^samples\[3\]\.dob: /),
      expect.stringMatching(/^samples\[4\]\.child_age: /),
      expect.stringMatching(/^samples\[4\]\.mother_age: /),
      expect.stringMatching(/^samples\[5\]\.fac: /),
    ]);
    const [stored] = await payloads();
    expect(stored.errors).toEqual(answer.errors);
    expect(stored.state).toBe('refused');
    for (const value of ['SECRET', '0000-01-01', '2026-02-30', '3000000000', 'LONGER'])
      expect(stored.errors.join('\n')).not.toContain(value);
    expect(await results()).toBe(0);
  });

  it('takes what real clients leave out: a log line with no number or level, empty and typed-as-text details', async () => {
    const response = await post(
      body(
        [
          sample('01', { child_age: '3', child_age_unit: '', mother_age: '', sex: null, verified: 'yes', dob: '' }),
          sample('02', { result: '', result_detail: 12, hw: undefined, verified: 0 }),
          { id: '03', fac: 4030120, pat_id: 1029023403, sync: 'NEW' },
        ],
        [{ at: '2026-01-06 10:58:00,123', msg: 'no number, no level' }],
      ),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'SUCCESS', created: 3, flaggedLogs: 0 });
    const stored = await harness.dataSource.getRepository(LabResult).find({ order: { sampleId: 'ASC' } });
    expect(stored.map((r) => [r.sampleId, r.result, r.childAge, r.motherAge, r.verified, r.resultDetail])).toEqual([
      ['01', 'N', 3, null, true, null],
      ['02', null, null, null, false, '12'],
      ['03', null, null, null, null, null],
    ]);
    const logs: Array<{ line: number | null; level: string | null; problem: string | null }> =
      await harness.dataSource.query('SELECT line, level, problem FROM lab_log');
    expect(logs).toEqual([{ line: null, level: null, problem: null }]);
  });

  it('keeps a bad log line raw and flagged, and applies the samples all the same', async () => {
    const response = await post(
      body(
        [sample('01')],
        [
          { at: '2026-01-06 10:58:00,123', msg: 'fine', lvl: 'INFO', ln: 7 },
          { at: '2026-01-06 10:58:01,000', lvl: 'INFO', ln: 8 },
          { at: '2026-01-06 10:58:02,000', msg: 'big', ln: 1e12 },
          { at: '2026-01-06 10:58:03,000', msg: 'nul \u0000 here', ln: 10 },
          'not an object',
        ],
      ),
    );
    expect(await response.json()).toMatchObject({ status: 'SUCCESS', created: 1, flaggedLogs: 4 });
    const logs: Array<{ line: number | null; message: string | null; raw: string | null; problem: string | null }> =
      await harness.dataSource.query('SELECT line, message, raw, problem FROM lab_log ORDER BY id');
    expect(logs).toEqual([
      { line: 7, message: 'fine', raw: null, problem: null },
      { line: null, message: null, raw: expect.stringContaining('"ln":8'), problem: expect.stringMatching(/^msg: /) },
      {
        line: null,
        message: null,
        raw: expect.stringContaining('"msg":"big"'),
        problem: expect.stringMatching(/^ln: /),
      },
      {
        line: null,
        message: null,
        raw: expect.stringContaining('nul \\u0000 here'),
        problem: expect.stringMatching(/^msg: /),
      },
      { line: null, message: null, raw: '"not an object"', problem: expect.stringMatching(/^body: /) },
    ]);
    expect(await results()).toBe(1);
  });

  it('applies the same new sample uploaded many times at once exactly once, every upload answered SUCCESS', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => post(body([sample('01'), sample('02')]), { accept: '*/*' })),
    );
    expect(await Promise.all(answers.map(async (r) => [r.status, await r.text()]))).toEqual(
      Array.from({ length: 12 }, () => [200, 'SUCCESS']),
    );
    expect(await results()).toBe(2);
    expect((await payloads()).every((p) => p.state === 'applied')).toBe(true);
  });

  it('re-runs hourly only what failed to apply, goes on past one that throws again and records why', async () => {
    // The database refuses these samples after validation (as a full disk or a new constraint would).
    await harness.dataSource.query(
      `ALTER TABLE lab_result ADD CONSTRAINT test_refuse CHECK (sample_id NOT LIKE 'BOOM%')`,
    );
    try {
      const first = await post(body([sample('BOOM1')]));
      expect([first.status, first.headers.get('retry-after')]).toEqual([503, '60']);
      expect(await post(body([sample('BOOM2')]))).toHaveProperty('status', 503);
      expect(await post(body([sample('01', { sync: 'later' })]))).toHaveProperty('status', 400);
      const failed = await payloads();
      expect(failed.map((p) => [p.state, p.failures])).toEqual([
        ['failed', 1],
        ['failed', 1],
        ['refused', 0],
      ]);
      expect(failed[0].errors).toEqual([expect.stringMatching(/SQLSTATE 23514 .*constraint test_refuse/)]);

      await harness.dataSource.query('ALTER TABLE lab_result DROP CONSTRAINT test_refuse');
      await harness.dataSource.query(`ALTER TABLE lab_result ADD CONSTRAINT test_refuse CHECK (sample_id <> 'BOOM1')`);
      // The refused payload, fixed by hand, still waits for someone to re-run it.
      await harness.dataSource.query(`UPDATE lab_payload SET raw = replace(raw, '"later"', '"new"') WHERE id = 3`);
      await harness.run('! jobs run labresults.reprocess-payloads');
      expect((await payloads()).map((p) => [p.state, p.failures])).toEqual([
        ['failed', 2],
        ['applied', 1],
        ['refused', 0],
      ]);
      expect(await results()).toBe(1);

      // After a day of failures the job stops trying: the operator's command still can.
      await harness.dataSource.query('UPDATE lab_payload SET failures = $1 WHERE id = 1', [MAX_SCHEDULED_FAILURES]);
      await harness.dataSource.query('ALTER TABLE lab_result DROP CONSTRAINT test_refuse');
      harness.clock.advance('1h');
      await harness.run('! jobs run labresults.reprocess-payloads');
      expect((await payloads())[0].state).toBe('failed');
    } finally {
      await harness.dataSource.query('ALTER TABLE lab_result DROP CONSTRAINT IF EXISTS test_refuse');
    }
  });

  it('re-runs a payload a stop left half way, once it is old enough not to be an upload in progress', async () => {
    const left = await harness.dataSource.getRepository(LabPayload).save({
      incomingDate: harness.clock.now(),
      accountId: null,
      raw: body([sample('01')]),
      errors: [],
    });
    await harness.run('! jobs run labresults.reprocess-payloads');
    expect((await payloads())[0].state).toBe('received');
    harness.clock.advance('11m');
    harness.clock.advance('1h');
    await harness.run('! jobs run labresults.reprocess-payloads');
    expect(await harness.dataSource.getRepository(LabPayload).findOneByOrFail({ id: left.id })).toMatchObject({
      state: 'applied',
    });
    expect(await results()).toBe(1);
  });
});
