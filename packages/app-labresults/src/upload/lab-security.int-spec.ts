import { Scheduler } from '@mwana/core';
import type { ConversationHarness } from '@mwana/core/testing';
import { Logger } from '@nestjs/common';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { LabAccountsService } from './lab-accounts.service';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const payload = (samples: object[]): string =>
  JSON.stringify({ source: 'ndola/adh', version: '1.0', now: '2026-01-06 10:59:00', info: 'sync', logs: [], samples });

/** Every line the app logs while `work` runs. */
async function logged(work: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spies = (['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const).map((level) =>
    jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
    }),
  );
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join('\n');
}

async function inFlight<T, R>(items: readonly T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

describe('lab uploads under attack, and what their errors say', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  const post = async (authorization: string, body = payload([])): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${harness.url}/labresults/incoming/`, {
      method: 'POST',
      headers: { 'content-type': 'text/json', accept: 'application/json', authorization },
      body,
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA, {
      http: true,
      config: { http: { rateLimit: { passwords: { max: 45 } } } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    await harness.get(LabAccountsService).add('adh-lab', 's3cret-lab-password');
  });

  it('40 lab passwords, 20 in flight, the right one 35th: never accepted, locked after five', async () => {
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 34 ? 's3cret-lab-password' : `guess-${i}`));
    const answers = await inFlight(guesses, 20, (password) => post(basic('adh-lab', password)));
    const statuses = answers.map((a) => a.status);
    expect(statuses).not.toContain(200);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(answers[34]).toEqual({ status: 429, body: { status: 'LOCKED' } });
    harness.clock.advance('16m');
    expect((await post(basic('adh-lab', 's3cret-lab-password'))).status).toBe(200);
  });

  it("counts every upload against its address's budget, before any credential is looked at", async () => {
    const statuses: number[] = [];
    // Without a password to hash (none is looked at): counted all the same.
    for (let i = 0; i < 45; i++) statuses.push((await post('Basic bm8tY29sb24')).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(45);
    const refused = await fetch(`${harness.url}/labresults/incoming/`, {
      method: 'POST',
      headers: {
        'content-type': 'text/json',
        accept: 'application/json',
        authorization: basic('adh-lab', 's3cret-lab-password'),
      },
      body: payload([]),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ status: 'TOO MANY REQUESTS' });
  });

  it('answers an unknown lab name exactly as a real one', async () => {
    const known = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      known.push(await post(basic('adh-lab', `wrong-${i}`)));
      unknown.push(await post(basic('no-such-lab', `wrong-${i}`)));
    }
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
  });

  it('refuses a date that is no day with the field and the problem, never the value', async () => {
    const sample = { id: 'S1', fac: '4030120', pat_id: '1029023412', sync: 'new', dob: '2025-02-30' };
    let answer: { status: number; body: unknown } = { status: 0, body: null };
    const lines = await logged(async () => {
      answer = await post(basic('adh-lab', 's3cret-lab-password'), payload([sample]));
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('samples[0].dob: a date is YYYY-MM-DD, a day of the calendar');
    expect(JSON.stringify(answer.body)).not.toContain('2025-02-30');
    expect(lines).not.toMatch(/2025-02-30|1029023412/);
  });

  it('logs a payload the database refuses by the column and the code, never a value it holds', async () => {
    // A database that quotes what it refuses, as PostgreSQL's own messages do.
    await harness.dataSource.query(`CREATE OR REPLACE FUNCTION refuse_result() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'cannot store %', NEW.requisition_id USING ERRCODE = '22007', COLUMN = 'requisition_id'; END $$`);
    await harness.dataSource.query(
      'CREATE TRIGGER refuse_result BEFORE INSERT ON lab_result FOR EACH ROW EXECUTE FUNCTION refuse_result()',
    );
    try {
      const sample = { id: 'S1', fac: '4030120', pat_id: '1029023412', sync: 'new', result: 'positive' };
      let answer: { status: number; body: unknown } = { status: 0, body: null };
      const lines = await logged(async () => {
        answer = await post(basic('adh-lab', 's3cret-lab-password'), payload([sample]));
        // The job goes on past it, and records why.
        const rerun = await harness.get(Scheduler).run('labresults.reprocess-payloads');
        expect(rerun.error).toBeUndefined();
      });
      const [stored]: Array<{ errors: string[]; failures: number }> = await harness.dataSource.query(
        'SELECT errors, failures FROM lab_payload',
      );
      expect(stored).toEqual({
        errors: [expect.stringMatching(/could not be applied \(SQLSTATE 22007 on requisition_id\)/)],
        failures: 2,
      });
      expect(answer.status).toBe(503);
      expect(JSON.stringify(answer.body)).toMatch(/could not be applied \(SQLSTATE 22007/);
      expect(JSON.stringify(answer.body)).not.toContain('1029023412');
      expect(lines).toMatch(/payload #\d+ could not be applied \(SQLSTATE 22007/);
      expect(lines).not.toContain('1029023412');
    } finally {
      await harness.dataSource.query('DROP TRIGGER refuse_result ON lab_result');
    }
    // Kept, and applied once the database takes it.
    harness.clock.advance('1m');
    expect((await harness.get(Scheduler).run('labresults.reprocess-payloads')).error).toBeUndefined();
    const [row] = await harness.dataSource.query('SELECT count(*)::int AS n FROM lab_result');
    expect(row.n).toBe(1);
  });
});
