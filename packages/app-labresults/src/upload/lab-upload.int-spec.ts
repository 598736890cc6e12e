import type { ConversationHarness } from '@mwana/core/testing';
import { LabPayload } from '../entities/lab-payload.entity';
import { LabResult } from '../entities/lab-result.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { LabResultsCommand } from './labresults.command';
import { LabAccountsService } from './lab-accounts.service';

const AUTH = `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}`;

function body(samples: object[]): string {
  return JSON.stringify({
    source: 'ndola/arthur-davison',
    version: '1.0',
    now: '2026-01-06 10:59:00',
    info: 'sync',
    logs: [{ at: '2026-01-06 10:58:00,123', msg: 'sync', lvl: 'INFO', ln: 1 }],
    samples,
  });
}

function sample(id: string, fields: object = {}): object {
  return {
    id,
    fac: '4030120',
    pat_id: `10290234${id}`,
    sync: 'new',
    result: 'negative',
    coll_on: '2026-01-02',
    verified: true,
    ...fields,
  };
}

describe('lab upload API (docs/keywords.md#lab-upload)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  const post = (text: string, headers: Record<string, string> = { authorization: AUTH }): Promise<Response> =>
    fetch(`${harness.url}/labresults/incoming/`, {
      method: 'POST',
      body: text,
      headers: { 'content-type': 'text/json', accept: 'application/json', ...headers },
    });

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA, { http: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    await harness.get(LabAccountsService).add('ADH-Lab', 's3cret-lab');
  });

  it('asks for credentials, and takes only POST', async () => {
    const anonymous = await post(body([]), {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Lab Results"');
    expect(
      (await post(body([]), { authorization: `Basic ${Buffer.from('adh-lab:wrong').toString('base64')}` })).status,
    ).toBe(401);
    const get = await fetch(`${harness.url}/labresults/incoming`, { headers: { authorization: AUTH } });
    expect(get.status).toBe(405);
    expect(await harness.dataSource.getRepository(LabPayload).count()).toBe(0);
  });

  it('keeps a body that is not JSON, and answers 400 with what is wrong', async () => {
    const response = await post('{"samples": [');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'INVALID', errors: ['body: not JSON (13 bytes received)'] });
    expect(await harness.dataSource.getRepository(LabPayload).findOneByOrFail({})).toMatchObject({
      raw: '{"samples": [',
      state: 'refused',
      parsedJson: false,
      validatedSchema: false,
    });
  });

  it('applies nothing of a payload with one bad sample, and lists every problem', async () => {
    const response = await post(body([sample('01'), sample('02', { result: 'unsure', sync: 'later' })]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: string[] }).errors).toEqual([
      expect.stringMatching(/^samples\[1\]\.sync: /),
      expect.stringMatching(/^samples\[1\]\.result: a result is one of/),
    ]);
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(0);
    expect(await harness.dataSource.getRepository(LabPayload).findOneByOrFail({})).toMatchObject({
      parsedJson: true,
      validatedSchema: false,
    });
  });

  it('stores samples by lab id, keeps unknown facilities, skips samples without a requisition id, and is idempotent', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    const payload = body([sample('01'), sample('02', { fac: 9999990, result: null }), sample('03', { pat_id: '' })]);
    const first = await post(payload);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'SUCCESS', created: 2, skipped: 1 });
    const again = await post(payload);
    expect(await again.json()).toMatchObject({ status: 'SUCCESS', created: 0, changed: 0, unchanged: 2, skipped: 1 });
    const results = await harness.dataSource.getRepository(LabResult).find({ order: { sampleId: 'ASC' } });
    expect(results.map((r) => [r.sampleId, r.clinicId, r.clinicCodeUnrec, r.result, r.notificationStatus])).toEqual([
      ['01', clinic.id, null, 'N', 'new'],
      ['02', null, '9999990', null, 'unprocessed'],
    ]);
    expect(await harness.dataSource.getRepository(LabPayload).findOneByOrFail({ id: 1 })).toMatchObject({
      source: 'ndola/arthur-davison',
      validatedSchema: true,
    });
  });

  it('applies a sample sent twice in one payload in order, new or stored', async () => {
    await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await post(body([sample('01', { result: null })]));
    const twice = await post(
      body([
        sample('01', { result: 'negative' }),
        sample('01', { result: 'positive' }),
        sample('02', { result: null }),
        sample('02'),
        sample('02'),
      ]),
    );
    expect(await twice.json()).toMatchObject({ status: 'SUCCESS', created: 1, changed: 3, unchanged: 1 });
    const results = await harness.dataSource.getRepository(LabResult).find({ order: { sampleId: 'ASC' } });
    expect(results.map((r) => [r.sampleId, r.result, r.notificationStatus, r.arrivalDate !== null])).toEqual([
      ['01', 'P', 'new', true],
      ['02', 'N', 'new', true],
    ]);
  });

  it('end to end: upload, morning notice, PIN, the other worker told; then a changed result is marked updated', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.clinicWorker({ clinic, name: 'John Banda', phone: '+260977000002', pin: '4321' });
    expect((await post(body([sample('01'), sample('02', { result: 'positive', coll_on: '2026-01-01' })]))).status).toBe(
      200,
    );
    await harness.run(`
      ! jobs run labresults.notify-new-results
      +260977000001 < Hello Mary Phiri. We have 2 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.
      +260977000002 < Hello John Banda. We have 2 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.
      +260977000002 > 4321
      +260977000002 < Thank you! Here are your results: **** 1029023402;Detected. **** 1029023401;NotDetected
      +260977000001 < John Banda has collected these results
      +260977000002 < Please record these results in your clinic records and promptly delete them from your phone. Thank you again John Banda!
      ! send
    `);
    const changed = await post(body([sample('01', { result: 'positive', sync: 'update' })]));
    expect(await changed.json()).toMatchObject({ changed: 1 });
    const result = await harness.dataSource.getRepository(LabResult).findOneByOrFail({ sampleId: '01' });
    expect(result).toMatchObject({ notificationStatus: 'updated', recordChange: 'result', oldValue: 'N', result: 'P' });
  });
});

describe('lab upload in Malawi, accounts and re-runs', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness(MALAWI, { http: true });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  async function addAccount(): Promise<string> {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await harness.get(LabResultsCommand).run(['lab-account', 'add', 'QECH-Lab'], io)).toBe(0);
    const password = /Password \(shown once\): (\S+)$/.exec(out[0])?.[1] ?? '';
    expect(await harness.get(LabResultsCommand).run(['lab-account', 'list'], io)).toBe(0);
    expect(out.slice(1)).toEqual(['qech-lab', '1 lab account(s)']);
    return `Basic ${Buffer.from(`qech-lab:${password}`).toString('base64')}`;
  }

  it('end to end with application/json and Malawi wording', async () => {
    const authorization = await addAccount();
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Chikondi Banda', phone: '+265999000001', pin: '2468' });
    await harness.build.clinicWorker({ clinic, name: 'Grace Phiri', phone: '+265999000002', pin: '1357' });
    const response = await fetch(`${harness.url}/labresults/incoming/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: body([sample('01', { result: 'positive' }), sample('02', { coll_on: '2026-01-03' })]),
    });
    expect(response.status).toBe(200);
    await harness.run(`
      ! jobs run labresults.notify-new-results
      +265999000001 < Hello Chikondi Banda. We have 2 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.
      +265999000002 < Hello Grace Phiri. We have 2 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.
      +265999000001 > 2468
      +265999000001 < Thank you! Here are your results: **** 1029023401;Positive. **** 1029023402;Negative
      +265999000002 < Chikondi Banda has collected these results
      +265999000001 < Please record these results in your clinic records and promptly delete them from your phone. Thank you again Chikondi Banda!
    `);
  });

  it('leaves a refused payload to the operator: the hourly job does not re-run it, the command does', async () => {
    const authorization = await addAccount();
    const bad = await fetch(`${harness.url}/labresults/incoming`, {
      method: 'POST',
      headers: { 'content-type': 'text/json', authorization },
      body: body([sample('01', { sync: 'later' })]),
    });
    expect([bad.status, (await bad.text()).split('\n')[0]]).toEqual([400, 'INVALID']);
    // An operator fixes the stored payload by hand; the hourly job leaves it, the command applies it.
    await harness.dataSource.query(`UPDATE lab_payload SET raw = replace(raw, '"later"', '"new"')`);
    await harness.run('! jobs run labresults.reprocess-payloads');
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(0);
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await harness.get(LabResultsCommand).run(['reprocess'], io)).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^payload #\d+: applied, 1 new, 0 changed$/), '1 payload(s) re-run']);
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(1);
    expect(await harness.get(LabResultsCommand).run(['reprocess'], io)).toBe(0);
    expect(out.at(-1)).toBe('0 payload(s) re-run');
  });
});
