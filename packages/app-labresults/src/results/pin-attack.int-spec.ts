import type { Location } from '@mwana/app-locations';
import { type ConversationHarness, PinHasher } from '@mwana/core/testing';
import { LabResult } from '../entities/lab-result.entity';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { MALAWI, ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

const RELEASED = /^Thank you! Here are your results/;
const LOCKED = /too many times/;
const ALERT = /sent 5 wrong pin codes in a row/;

/** Delivers `texts` from one phone with at most `parallel` in flight, as a gateway hands them over. */
async function flood(harness: ConversationHarness, phone: string, texts: readonly string[], parallel: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < texts.length) await harness.deliver(phone, texts[next++]);
    }),
  );
}

async function sentTo(harness: ConversationHarness, phone: string): Promise<string[]> {
  const rows: Array<{ text: string }> = await harness.dataSource.query(
    `SELECT m.text FROM message m JOIN connection n ON n.id = m.connection_id
      WHERE m.direction = 'out' AND n.identity = $1 ORDER BY m.id`,
    [phone],
  );
  return rows.map((r) => r.text);
}

describe('PIN guessing from one phone, many at a time (issue 16)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;
  let worker: { id: number; phone: string };
  let admin: { phone: string };
  let verify: jest.SpyInstance;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    worker = await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '8765' });
    admin = await harness.build.contact({ name: 'Help Desk', phone: '+260977000100', helpAdmin: true });
    for (const id of ['P-0001', 'P-0002', 'P-0003'])
      await harness.build.result({ clinic, requisitionId: id, result: 'P' });
    await harness.deliver(worker.phone, 'CHECK');
    verify = jest.spyOn(PinHasher.prototype, 'verify');
  });
  afterEach(() => verify.mockRestore());

  it('60 PINs, 16 at a time, the right one 50th: nothing released, at most 5 checked, one alert, and the lock holds', async () => {
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 49 ? '8765' : String(1000 + i)));
    await flood(harness, worker.phone, guesses, 16);
    const replies = await sentTo(harness, worker.phone);
    expect(replies.filter((t) => RELEASED.test(t))).toEqual([]);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    expect(replies.filter((t) => LOCKED.test(t))).toHaveLength(56);
    expect((await sentTo(harness, admin.phone)).filter((t) => ALERT.test(t))).toHaveLength(1);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
    expect((await harness.dataSource.getRepository(LabResult).find()).map((r) => r.notificationStatus).sort()).toEqual([
      'notified',
      'notified',
      'notified',
    ]);

    // The right PIN afterwards is still refused, unchecked, until the lock ends.
    verify.mockClear();
    await harness.run(`
      +260977000001 > 8765
      +260977000001 < Sorry, that was not the correct pin code too many times. Your results are locked for 30 minutes. If you forgot your pin code, reply with keyword 'HELP'
      @ +31m
      +260977000001 > 8765
      +260977000001 <~ ^Thank you! Here are your results: \\*\\*\\*\\* P-0001;Detected
      +260977000001 <~ ^Please record these results
    `);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('200 PINs, 16 at a time: 5 checked, one alert to the help desk', async () => {
    await flood(
      harness,
      worker.phone,
      Array.from({ length: 200 }, (_, i) => String(2000 + i)),
      16,
    );
    expect(verify.mock.calls.length).toBe(5);
    expect((await sentTo(harness, admin.phone)).filter((t) => ALERT.test(t))).toHaveLength(1);
  });

  it('a right PIN sent twice at once delivers the results once', async () => {
    await Promise.all([harness.deliver(worker.phone, '8765'), harness.deliver(worker.phone, '8765')]);
    expect((await sentTo(harness, worker.phone)).filter((t) => RELEASED.test(t))).toHaveLength(1);
    await harness.work();
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(3);
  });
});

describe("PINs sent when nothing waits are counted too (Malawi's already-collected reply)", () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness(MALAWI);
  });
  afterAll(() => harness.close());

  it('locks after five wrong ones, so the reply cannot be used to find the PIN', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Chikondi Banda', phone: '+265999000001', pin: '8765' });
    await harness.build.contact({ name: 'Help Desk', phone: '+265999000100', helpAdmin: true });
    const wrong = Array.from({ length: 4 }, (_, i) => `+265999000001 > ${1000 + i}\n+265999000001 <~ ^Invalid Keyword`);
    await harness.run(`
      ${wrong.join('\n')}
      +265999000001 > 1004
      +265999000001 < Sorry, that was not the correct pin code too many times. Your results are locked for 30 minutes. If you forgot your pin code, reply with keyword 'HELP'
      +265999000100 < Chikondi Banda (+265999000001) at Chifubu Clinic sent 5 wrong pin codes in a row. Their results are locked for 30 minutes.
      +265999000001 > 8765
      +265999000001 < Sorry, that was not the correct pin code too many times. Your results are locked for 30 minutes. If you forgot your pin code, reply with keyword 'HELP'
    `);
  });
});
