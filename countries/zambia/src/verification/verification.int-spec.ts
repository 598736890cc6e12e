import type { Location } from '@mwana/app-locations';
import { Scheduler } from '@mwana/core';
import { ContactEntity, type ConversationHarness } from '@mwana/core/testing';
import { ZambiaPlaces } from '../places/zambia-places.service';
import type { ZambiaBuilders } from '../testing/zambia.builders';
import { createZambiaHarness } from '../testing/zambia.harness';
import { UserDeactivation } from './user-deactivation.entity';
import { VerificationQuestion } from './verification-question.entity';

const DAY_MS = 86_400_000;
// Day 0 is Tuesday 6 January 2026; each day's questions go at 09:20 in Lusaka (07:20 UTC).
const day = (n: number, time = '07:20'): string =>
  new Date(Date.parse(`2026-01-06T${time}:00Z`) + n * DAY_MS).toISOString();
const ASK_CLINIC = (name: string, clinic: string): string =>
  `Hello ${name}. Are you still working at ${clinic} and still using Results160? Please respond with YES or No`;
const ASK_AGENT = (name: string): string =>
  `Hello ${name}. Are you still working as a RemindMi Agent for Chifubu Clinic? Please respond with YES or No`;
const ASK_DHO = (name: string): string =>
  `Hello ${name}. Are you still working at Ndola DHO? Please respond with YES or No`;
const CLINIC_KEYWORDS =
  'Invalid Keyword. Valid keywords are CHECK, RESULT, SENT, TRACE, MSG CBA, MSG CLINIC, MSG ALL and MSG DHO. Respond with any keyword or HELP for more information.';
const HUB_KEYWORDS =
  'Invalid Keyword. Valid keywords are RECEIVED and SENT. Respond with any keyword or HELP for more information.';
const UNKNOWN = 'Invalid Keyword. Please send the keyword HELP if you need to be assisted.';

describe('user verification (Zambia, its schedule and config, fake clock)', () => {
  let harness: ConversationHarness<ZambiaBuilders>;
  let clinic: Location;
  let zone: Location;
  let district: Location;

  beforeAll(async () => {
    harness = await createZambiaHarness({ now: day(0, '07:00') });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const province = await harness.build.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    district = await harness.build.place({ code: '403000', name: 'Ndola', kind: 'district', parentId: province.id });
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: district.id });
    zone = await harness.build.place({ code: '403012-1', name: 'Zone 1', kind: 'zone', parentId: clinic.id });
  });

  const contact = (name: string, phone: string, roles: string[], locationId: number, at = day(0, '07:00')) =>
    harness.build.registered({ name, phone, roles, locationId, pin: '1234', at: new Date(at) });
  const active = async (name: string): Promise<boolean> =>
    (await harness.dataSource.getRepository(ContactEntity).findOneByOrFail({ name })).active;

  it('day by day: asks after 75 silent days, asks again after 120, takes answers, and deactivates on NO and when lost', async () => {
    await contact('Mary Phiri', '+260977000001', ['clinic-worker'], clinic.id);
    await contact('Agnes Tembo', '+260977000002', ['cba'], zone.id);
    await contact('Daniel Mwale', '+260977000003', ['district-worker'], district.id);
    await contact('Harriet Zulu', '+260977000004', ['hub-worker'], clinic.id);
    await contact('Lab Tech', '+260977000005', ['lab-worker'], clinic.id);
    // Each day: what phones send at 09:10, then the three jobs at 09:20 and the questions each sends.
    const days: Record<number, { send?: string; initial?: string; final?: string }> = {
      0: { send: `+260977000001 > hello\n+260977000001 < ${CLINIC_KEYWORDS}` },
      // A bare NO with no question open is an ordinary message: Harriet stays.
      5: { send: `+260977000004 > NO\n+260977000004 < ${HUB_KEYWORDS}` },
      10: {
        send: `+260977000003 > what now\n+260977000003 < Invalid Keyword. Valid keywords are MSG DHO, MSG CLINIC and MSG ALL. Respond with any keyword or HELP for more information.`,
      },
      75: {
        initial: `+260977000001 < ${ASK_CLINIC('Mary Phiri', 'Chifubu Clinic')}\n+260977000002 < ${ASK_AGENT('Agnes Tembo')}`,
      },
      // An answer: recorded, not replied to.
      76: { send: '+260977000001 > Yes I am' },
      // Harriet wrote on day 5: her 75 days are up on day 80.
      80: { initial: `+260977000004 < ${ASK_CLINIC('Harriet Zulu', 'Chifubu Clinic')}` },
      // Four digits are never an answer (a PIN is not stored), so her question stays open.
      81: { send: `+260977000004 > 6666\n+260977000004 < ${HUB_KEYWORDS}` },
      85: { initial: `+260977000003 < ${ASK_DHO('Daniel Mwale')}` },
      // A bare NO to an open question: deactivated, no reply; the phone is a stranger's after.
      86: { send: '+260977000003 > no' },
      87: { send: `+260977000003 > hello\n+260977000003 < ${UNKNOWN}` },
      100: { send: '+260977000004 > ok 6666' },
      // The final question, to whoever is still silent after 120 days; lost at 127.
      120: { final: `+260977000002 < ${ASK_AGENT('Agnes Tembo')}` },
    };
    let script = '';
    for (let n = 0; n <= 130; n += 1) {
      const today = days[n] ?? {};
      script += [
        `@ ${day(n, '07:10')}`,
        today.send ?? '',
        `@ ${day(n)}`,
        '! jobs run zambia.verify-initial',
        today.initial ?? '',
        '! jobs run zambia.verify-final',
        today.final ?? '',
        '! jobs run zambia.deactivate-lost-users',
        '',
      ].join('\n');
    }
    await harness.run(script);
    expect(await active('Mary Phiri')).toBe(true);
    expect(await active('Harriet Zulu')).toBe(true);
    expect(await active('Lab Tech')).toBe(true);
    expect(await active('Daniel Mwale')).toBe(false); // answered NO
    expect(await active('Agnes Tembo')).toBe(false); // lost: two questions, 127 days silent
    const questions = await harness.dataSource.getRepository(VerificationQuestion).find({ order: { id: 'ASC' } });
    expect(questions.map((q) => [q.contactId, q.kind, q.askedAt.toISOString(), q.answer])).toEqual([
      // The longest silent first: Agnes registered at 09:00 on day 0, Mary wrote at 09:10.
      [2, 'initial', day(75), null],
      [1, 'initial', day(75), 'Yes I am'],
      [4, 'initial', day(80), 'ok ****'], // her PIN is not kept
      [3, 'initial', day(85), 'no'],
      [2, 'final', day(120), null],
    ]);
    const gone = await harness.dataSource.getRepository(UserDeactivation).find({ order: { id: 'ASC' } });
    expect(gone.map((d) => [d.contactId, d.reason, d.deactivatedAt.toISOString()])).toEqual([
      [3, 'answered-no', day(86, '07:10')],
      [2, 'lost', day(127)],
    ]);
  });

  it("runs on Zambia's schedule in Lusaka time, once per tick however many instances, and once when run twice at once", async () => {
    const scheduler = harness.get(Scheduler);
    expect(
      scheduler.jobs.filter((j) => j.options.name.startsWith('zambia.')).map((j) => [j.options.name, j.cron]),
    ).toEqual([
      ['zambia.verify-initial', '20,38 9,15,17 * * *'],
      ['zambia.verify-final', '40,48 9,15 * * 0'],
      ['zambia.deactivate-lost-users', '15 6,18 * * 0,3,5,6'],
    ]);
    await contact('Mary Phiri', '+260977000001', ['clinic-worker'], clinic.id, '2025-09-01T07:00:00Z');
    const second = await createZambiaHarness({ now: day(0, '07:00'), database: harness.database });
    try {
      // 09:20 in Lusaka on Wednesday 7 January: the initial question is due, on both instances.
      for (const h of [harness, second]) h.clock.set(day(1, '07:20'));
      await harness.runner.skipSent();
      const [a, b] = await Promise.all([harness.get(Scheduler).tick(), second.get(Scheduler).tick()]);
      const initial = [...a, ...b].filter((r) => r.job === 'zambia.verify-initial');
      expect(initial.map((r) => [r.scheduledFor.toISOString(), r.result.ran]).sort()).toEqual([
        [day(1), false],
        [day(1), true],
      ]);
      expect((await harness.runner.sentSinceWatermark()).map((m) => m.text)).toEqual([
        ASK_CLINIC('Mary Phiri', 'Chifubu Clinic'),
      ]);
      // The final question waits for Sunday 11 January, 09:40 in Lusaka.
      harness.clock.set(day(5, '07:39'));
      expect((await harness.get(Scheduler).tick()).map((r) => r.job)).not.toContain('zambia.verify-final');
      harness.clock.set(day(5, '07:40'));
      expect((await harness.get(Scheduler).tick()).map((r) => r.job)).toContain('zambia.verify-final');
    } finally {
      await second.close();
    }
    // Run by hand twice at once (the same instant): one run, one question (Mary was asked on Wednesday).
    harness.clock.set(day(6));
    await harness.runner.skipSent();
    await contact('John Banda', '+260977000002', ['clinic-worker'], clinic.id, '2025-09-01T07:00:00Z');
    const runs = await Promise.all([scheduler.run('zambia.verify-initial'), scheduler.run('zambia.verify-initial')]);
    expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
    expect((await harness.runner.sentSinceWatermark()).map((m) => m.text)).toEqual([
      ASK_CLINIC('John Banda', 'Chifubu Clinic'),
    ]);
    expect(await harness.dataSource.getRepository(VerificationQuestion).countBy({ contactId: 2 })).toBe(1);
  });

  it('asks at most 29 in one run, the longest silent first, and the rest at the next', async () => {
    for (let i = 1; i <= 31; i += 1) {
      const phone = `+2609770001${String(i).padStart(2, '0')}`;
      await contact(
        `Worker ${String(i).padStart(2, '0')}`,
        phone,
        ['clinic-worker'],
        clinic.id,
        day(-130 + i, '07:00'),
      );
    }
    harness.clock.set(day(0));
    await harness.runner.skipSent();
    await harness.get(Scheduler).run('zambia.verify-initial');
    const first = await harness.runner.sentSinceWatermark();
    expect(first.map((m) => m.phone)).toEqual(
      Array.from({ length: 29 }, (_, i) => `+2609770001${String(i + 1).padStart(2, '0')}`),
    );
    harness.clock.set(day(0, '07:38'));
    await harness.get(Scheduler).run('zambia.verify-initial');
    expect((await harness.runner.sentSinceWatermark()).map((m) => m.phone)).toEqual(['+260977000130', '+260977000131']);
    harness.clock.set(day(0, '13:20'));
    await harness.get(Scheduler).run('zambia.verify-initial');
    expect(await harness.runner.sentSinceWatermark()).toEqual([]);
  });

  it('takes a bare NO only while the question is open, and counts as lost only who never wrote again', async () => {
    await contact('Mary Phiri', '+260977000001', ['clinic-worker'], clinic.id, day(-80, '07:00'));
    await contact('John Banda', '+260977000002', ['clinic-worker'], clinic.id, day(-80, '07:00'));
    await contact('Ruth Mumba', '+260977000003', ['clinic-worker'], clinic.id, day(-200, '07:00'));
    await contact('Agnes Tembo', '+260977000004', ['cba'], zone.id, day(-200, '07:00'));
    // Ruth and Agnes were asked both questions long ago; Ruth has written since, Agnes never.
    for (const [kind, at] of [
      ['initial', day(-70)],
      ['final', day(-10)],
    ]) {
      for (const contactId of [3, 4]) {
        await harness.dataSource
          .getRepository(VerificationQuestion)
          .insert({ contactId, kind: kind as 'initial', askedAt: new Date(at), locationId: clinic.id });
      }
    }
    await harness.run(`
      @ ${day(-5, '07:00')}
      +260977000003 > CHECK
      +260977000003 < Hello Ruth Mumba. There are no new DBS test results for Chifubu Clinic right now. We'll let you know as soon as more results are available.
      @ ${day(0)}
      ! jobs run zambia.verify-initial
      +260977000001 < ${ASK_CLINIC('Mary Phiri', 'Chifubu Clinic')}
      +260977000002 < ${ASK_CLINIC('John Banda', 'Chifubu Clinic')}
      ! jobs run zambia.deactivate-lost-users
      # A text the phone's encoding lost is not an answer: string cleaning answers it.
      @ ${day(1)}
      +260977000001 >
      +260977000001 < Sorry, I couldn't read your message. Make sure you have correct GSM message settings on your phone
      # 30 days on, less 20 minutes, John's question is still open: his NO deactivates him.
      @ ${day(30, '07:00')}
      +260977000002 > NO
      # A day later Mary's has closed (zambia.verification.openDays): her NO is an ordinary message.
      @ ${day(31)}
      +260977000001 > NO
      +260977000001 < ${CLINIC_KEYWORDS}
    `);
    expect(await active('Mary Phiri')).toBe(true);
    expect(
      await harness.dataSource.getRepository(VerificationQuestion).findOneByOrFail({ contactId: 1 }),
    ).toMatchObject({
      answeredAt: null,
    });
    expect(await active('John Banda')).toBe(false);
    expect(await active('Ruth Mumba')).toBe(true); // wrote after her questions
    expect(await active('Agnes Tembo')).toBe(false); // two unanswered, silent 200 days
    const gone = await harness.dataSource.getRepository(UserDeactivation).find({ order: { id: 'ASC' } });
    expect(gone.map((d) => [d.contactId, d.reason])).toEqual([
      [4, 'lost'],
      [2, 'answered-no'],
    ]);
  });

  it('asks only where the country says, when it names places (zambia.verification.locations)', async () => {
    const places = harness.get(ZambiaPlaces);
    const other = await harness.build.place({ code: '403013', name: 'Kawama Clinic', parentId: district.id });
    expect(await places.within([])).toBeNull();
    expect([...((await places.within(['403012'])) ?? [])].sort()).toEqual([clinic.id, zone.id].sort());
    expect([...((await places.within(['403000'])) ?? [])].sort()).toEqual(
      [district.id, clinic.id, zone.id, other.id].sort(),
    );
    await expect(places.within(['409999'])).rejects.toThrow('no location has the code 409999');
  });
});
