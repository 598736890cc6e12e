import type { ConversationHarness } from '@mwana/core/testing';
import { LabPayload } from '../entities/lab-payload.entity';
import { LabResult } from '../entities/lab-result.entity';
import { LabUploader, type LabRecord } from '../testing/lab-uploader';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { LabAccountsService } from './lab-accounts.service';

const records = (count: number, from = 0): LabRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    synced: false,
    sample: {
      id: `10-${String(from + i).padStart(5, '0')}`,
      fac: '4030120',
      pat_id: `1029${String(from + i).padStart(6, '0')}`,
      sync: 'new',
      result: i % 3 === 0 ? 'positive' : 'negative',
      coll_on: '2026-01-02',
      verified: true,
    },
  }));

describe("the labs' own uploader, as the labs run it (docs/keywords.md#lab-upload)", () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  const uploader = (options: { contentType?: string | null } = {}) =>
    new LabUploader({
      url: `${harness.url}/labresults/incoming/`,
      username: 'adh-lab',
      password: 's3cret-lab',
      chunkSize: 100,
      retries: 3,
      ...options,
    });

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA, { http: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    await harness.get(LabAccountsService).add('ADH-Lab', 's3cret-lab');
    await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  });

  it('sends every chunk once and marks every record synced, with text/json or no content type', async () => {
    const lab = records(250);
    const run = await uploader().sync(lab, [{ at: '2026-01-06 10:58:00,123', msg: 'sync started' }]);
    expect(run).toEqual({ requests: 3, chunksSent: 3, recordsSynced: 250, gaveUp: false });
    expect(lab.every((r) => r.synced)).toBe(true);
    const more = records(120, 250);
    expect(await uploader({ contentType: null }).sync([...lab, ...more])).toEqual({
      requests: 2,
      chunksSent: 2,
      recordsSynced: 120,
      gaveUp: false,
    });
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(370);
    expect(await harness.dataSource.getRepository(LabPayload).countBy({ state: 'applied' })).toBe(5);
  });

  it('reads a refused chunk as a failure: retries it, stops, marks nothing of it; the next run after a fix goes on', async () => {
    const lab = records(300);
    // The second chunk holds a record the lab's database got wrong.
    (lab[150].sample as Record<string, unknown>).coll_on = '2026-02-30';
    const first = await uploader().sync(lab);
    expect(first).toEqual({ requests: 1 + 3, chunksSent: 1, recordsSynced: 100, gaveUp: true });
    expect(lab.filter((r) => r.synced)).toHaveLength(100);
    // Every send was kept, the refused ones with why.
    const stored = await harness.dataSource.getRepository(LabPayload).find({ order: { id: 'ASC' } });
    expect(stored.map((p) => p.state)).toEqual(['applied', 'refused', 'refused', 'refused']);
    expect(stored[1].errors).toEqual(['samples[50].coll_on: a date is YYYY-MM-DD, a day of the calendar']);
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(100);

    (lab[150].sample as Record<string, unknown>).coll_on = '2026-02-03';
    expect(await uploader().sync(lab)).toEqual({ requests: 2, chunksSent: 2, recordsSynced: 200, gaveUp: false });
    expect(await harness.dataSource.getRepository(LabResult).count()).toBe(300);
  });

  it('reads wrong credentials as a failure too, and marks nothing synced', async () => {
    const lab = records(50);
    const wrong = new LabUploader({
      url: `${harness.url}/labresults/incoming/`,
      username: 'adh-lab',
      password: 'not-it',
      chunkSize: 100,
      retries: 2,
    });
    expect(await wrong.sync(lab)).toEqual({ requests: 2, chunksSent: 0, recordsSynced: 0, gaveUp: true });
    expect(lab.some((r) => r.synced)).toBe(false);
  });

  it('answers JSON with the counts only to a client that asks for it', async () => {
    const response = await fetch(`${harness.url}/labresults/incoming/`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}`,
        accept: 'application/json',
      },
      body: JSON.stringify({ samples: records(2).map((r) => r.sample) }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ status: 'SUCCESS', created: 2 });
    const plain = await fetch(`${harness.url}/labresults/incoming/`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}` },
      body: JSON.stringify({ samples: records(2).map((r) => r.sample) }),
    });
    expect([plain.headers.get('content-type'), await plain.text()]).toEqual(['text/plain; charset=utf-8', 'SUCCESS']);
  });
});
