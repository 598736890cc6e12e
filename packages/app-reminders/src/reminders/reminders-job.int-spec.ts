import { join } from 'node:path';
import type { Location } from '@mwana/app-locations';
import { Scheduler } from '@mwana/core';
import { ContactEntity, STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import { PatientTrace } from '../tracing/patient-trace.entity';
import { Traces } from '../tracing/traces.service';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { COUNTRIES, createRemindersHarness } from '../testing/reminders.harness';
import { receives, says } from '../testing/script';
import { reminderDay } from './send-reminders.job';
import { SentReminder } from './sent-reminder.entity';

const JOB = 'reminders.send-reminders';
const MARY = '+260977000001';
const JOHN = '+260977000002';
const GRACE = '+260977000003';
const reminder = says.reminder;

/** Noon in Lusaka (UTC+2) on a day of 2026. */
const noon = (day: string) => `2026-${day}T10:00:00Z`;

describe.each(COUNTRIES)(
  'the reminders job (docs/keywords.md#appointment-reminders), fake clock, real PostgreSQL, $name',
  ({ settings, smsLength }) => {
    const sms = (phone: string, text: string): string => receives(phone, text, smsLength);
    let harness: ConversationHarness<RemindersBuilders>;
    let clinic: Location;
    let zone: Location;

    beforeAll(async () => {
      harness = await createRemindersHarness(settings, {
        localeDirs: [join(__dirname, '..', '__fixtures__', 'locale')],
      });
    }, STARTUP_TIMEOUT_MS);
    afterAll(() => harness.close());
    beforeEach(async () => {
      await harness.reset();
      harness.clock.set('2026-01-06T09:00:00Z');
      clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
      zone = await harness.build.zone(clinic, '3');
      await harness.build.agent({ zone, name: 'Mary Phiri', phone: MARY });
      await harness.build.agent({ zone, name: 'John Banda', phone: JOHN });
      await harness.build.agent({ zone: await harness.build.zone(clinic, '4'), name: 'Grace Mwale', phone: GRACE });
    });

    const run = () => harness.get(Scheduler).run(JOB);
    const sent = () => harness.dataSource.getRepository(SentReminder).find({ order: { appointment: 'ASC' } });

    it('reminds every agent of the zone two days before each appointment, day by day, and never twice', async () => {
      await harness.run(`
      ${MARY} > birth Ruth Banda
      ${sms(MARY, says.birthRegistered('Ruth Banda', '06/01/2026'))}
    `);
      const script: string[] = [];
      for (let day = 6; day <= 12; day++) {
        script.push(`@ ${noon(`01-${String(day).padStart(2, '0')}`)}`, `! jobs run ${JOB}`);
        if (day === 10)
          script.push(
            `${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 day', '12/01/2026')}`,
            `${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 day', '12/01/2026')}`,
          );
        // A minute later is another tick to the scheduler: only the job's own bookkeeping stops it.
        script.push('@ +1m', `! jobs run ${JOB}`);
      }
      script.push(
        `@ ${noon('02-14')}`,
        `! jobs run ${JOB}`,
        `@ ${noon('02-15')}`,
        `! jobs run ${JOB}`,
        `${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 week', '17/02/2026')}`,
        `${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 week', '17/02/2026')}`,
        '@ +3h',
        `! jobs run ${JOB}`,
        `@ ${noon('07-06')}`,
        `! jobs run ${JOB}`,
        `${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 month', '08/07/2026')}`,
        `${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 month', '08/07/2026')}`,
        `@ ${noon('07-07')}`,
        `! jobs run ${JOB}`,
      );
      await harness.run(script.join('\n'));
      expect((await sent()).map((s) => [s.appointment, s.appointmentDate, s.recipients])).toEqual([
        ['6 day', '2026-01-12', 2],
        ['6 month', '2026-07-08', 2],
        ['6 week', '2026-02-17', 2],
      ]);
      // Each reminder opened a trace that TOLD and CONFIRM close.
      const traces = await harness.dataSource.getRepository(PatientTrace).find({ order: { id: 'ASC' } });
      expect(traces.map((t) => [t.name, t.kind, t.initiator, t.status, t.clinicId])).toEqual([
        ['Ruth Banda', '6 day', 'automated_task', 'new', clinic.id],
        ['Ruth Banda', '6 week', 'automated_task', 'new', clinic.id],
        ['Ruth Banda', '6 month', 'automated_task', 'new', clinic.id],
      ]);
      expect((await sent()).every((s) => traces.some((t) => t.id === s.traceId))).toBe(true);
    });

    it('runs on its schedule, daily at 12:00 in the country’s time zone', async () => {
      const scheduler = harness.get(Scheduler);
      expect(scheduler.jobs.find((j) => j.options.name === JOB)?.cron).toBe('0 12 * * *');
      // Past whatever ticks earlier tests left due, with nothing registered yet.
      harness.clock.set('2027-01-05T12:00:00Z');
      await scheduler.tick();
      await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2027-01-02' });
      await harness.run(`
      @ 2027-01-06T09:59:00Z
      ! jobs tick
      @ 2027-01-06T10:00:30Z
      ! jobs tick
      ${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 day', '08/01/2027')}
      ${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 day', '08/01/2027')}
      @ 2027-01-06T11:00:00Z
      ! jobs tick
    `);
    });

    it('catches up a day the job missed, until the appointment’s day, and lets a later one pass', async () => {
      await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' }); // due 10/01, remind 08/01
      await harness.build.event({ zone, clinic, patient: 'Peter Daka', date: '2026-01-03' }); // due 09/01, remind 07/01
      await harness.build.event({ zone, clinic, patient: 'Esther Phiri', date: '2026-01-01' }); // due 07/01: passed by 09/01
      // The job did not run on the 7th or the 8th; on the 9th it sends what is still ahead or today.
      await harness.run(`
      @ ${noon('01-09')}
      ! jobs run ${JOB}
      ${MARY} < ${reminder(' Mary Phiri', 'Peter Daka', '6 day', '09/01/2026')}
      ${JOHN} < ${reminder(' John Banda', 'Peter Daka', '6 day', '09/01/2026')}
      ${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 day', '10/01/2026')}
      ${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 day', '10/01/2026')}
      @ ${noon('01-10')}
      ! jobs run ${JOB}
    `);
    });

    it("runs late in the day on the country's calendar: 23:55 in Lusaka is still the day, 00:05 the next", async () => {
      await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' }); // remind 08/01
      await harness.build.event({ zone, clinic, patient: 'Peter Daka', date: '2026-01-05' }); // remind 09/01
      await harness.run(`
      @ 2026-01-08T21:55:00Z
      ! jobs run ${JOB}
      ${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 day', '10/01/2026')}
      ${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 day', '10/01/2026')}
      @ 2026-01-08T22:05:00Z
      ! jobs run ${JOB}
      ${MARY} < ${reminder(' Mary Phiri', 'Peter Daka', '6 day', '11/01/2026')}
      ${JOHN} < ${reminder(' John Banda', 'Peter Daka', '6 day', '11/01/2026')}
    `);
    });

    it('reminds no inactive patient and no inactive agent; with no active agent it waits for one', async () => {
      await harness.build.event({ zone, clinic, patient: 'Gone Patient', date: '2026-01-04', active: false });
      const zone5 = await harness.build.zone(clinic, '5');
      await harness.build.agent({ zone: zone5, name: 'Left Agent', phone: '+260977000005', active: false });
      await harness.build.event({ zone: zone5, clinic, patient: 'Ruth Banda', date: '2026-01-04' });
      await harness.run(`
      @ ${noon('01-08')}
      ! jobs run ${JOB}
    `);
      expect(await sent()).toEqual([]);
      // An agent joins zone 5 the next day: the reminder is still owed, and sent.
      await harness.build.agent({ zone: zone5, name: 'New Agent', phone: '+260977000006' });
      await harness.run(`
      @ ${noon('01-09')}
      ! jobs run ${JOB}
      +260977000006 < ${reminder(' New Agent', 'Ruth Banda', '6 day', '10/01/2026')}
    `);
    });

    it('reminds the phone that registered the event when its patient has no place', async () => {
      const stranger = '+260977000099';
      await harness.run(`
      @ 2026-01-04T09:00:00Z
      ${stranger} > birth Ruth Banda
      ${sms(stranger, says.birthRegistered('Ruth Banda', '04/01/2026', ''))}
      @ ${noon('01-08')}
      ! jobs run ${JOB}
      ${stranger} < ${reminder('', 'Ruth Banda', '6 day', '10/01/2026', 'the clinic')}
    `);
    });

    it("speaks each agent's language: the text and the appointment's name through the catalogue", async () => {
      await harness.build.agent({ zone, name: 'Chanda Mulenga', phone: '+260977000020', language: 'bem' });
      await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' });
      await harness.run(`
      @ ${noon('01-08')}
      ! jobs run ${JOB}
      ${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 day', '10/01/2026')}
      ${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 day', '10/01/2026')}
      +260977000020 < Mwapoleni Chanda Mulenga. Ruth Banda alingile ukuya ku kiliniki (ubushiku 6) pa 10/01/2026. Mwibukisheni ukuya ku Chifubu Clinic, elyo mwasuke TOLD Ruth Banda
    `);
    });

    it('queues reminders at bulk priority, so that replies go first', async () => {
      await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' });
      harness.clock.set(noon('01-08'));
      expect(await run()).toMatchObject({ ran: true, messages: 2 });
      const priorities: Array<{ priority: string }> = await harness.dataSource.query(
        `SELECT DISTINCT priority FROM message WHERE direction = 'out'`,
      );
      expect(priorities).toEqual([{ priority: 'bulk' }]);
    });

    it('sends each reminder once when the job runs on several connections at once', async () => {
      for (let i = 0; i < 20; i++)
        await harness.build.event({ zone, clinic, patient: `Patient ${i}`, date: i % 2 ? '2026-01-04' : '2026-01-05' });
      harness.clock.set(noon('01-08'));
      // A millisecond apart: eight ticks to the scheduler, so only the job's own claims keep them apart.
      const results = await Promise.all(
        Array.from({ length: 8 }, () => {
          harness.clock.advance(1);
          return run();
        }),
      );
      expect(results.map((r) => r.error)).toEqual(results.map(() => undefined));
      expect(results.reduce((sum, r) => sum + r.messages, 0)).toBe(20);
      const counts: Array<{ n: number; distinct: number }> = await harness.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT (connection_id, text))::int AS distinct FROM message WHERE direction = 'out'`,
      );
      expect(counts).toEqual([{ n: 20, distinct: 20 }]);
      expect(await harness.dataSource.getRepository(PatientTrace).count()).toBe(10);
    });

    it('sends each reminder once when two instances share the database and run it together', async () => {
      for (let i = 0; i < 10; i++)
        await harness.build.event({ zone, clinic, patient: `Patient ${i}`, date: '2026-01-04' });
      const other = await createRemindersHarness(settings, { database: harness.database });
      try {
        harness.clock.set(noon('01-08'));
        other.clock.set(noon('01-08'));
        const tick = (h: ConversationHarness<RemindersBuilders>) => {
          h.clock.advance(1);
          return h.get(Scheduler).run(JOB);
        };
        const results = await Promise.all([tick(harness), tick(other), tick(harness), tick(other)]);
        expect(results.reduce((sum, r) => sum + r.messages, 0)).toBe(20);
        expect(await harness.dataSource.getRepository(SentReminder).count()).toBe(10);
      } finally {
        await other.close();
      }
    });

    it('sends nothing and records nothing when the run fails before it commits, and sends it all once on the next', async () => {
      await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' });
      harness.clock.set(noon('01-08'));
      const crash = jest.spyOn(Traces.prototype, 'openMany').mockRejectedValueOnce(new Error('the server went away'));
      try {
        expect(await run()).toMatchObject({ error: 'the server went away' });
      } finally {
        crash.mockRestore();
      }
      expect(await sent()).toEqual([]);
      expect(await harness.dataSource.query(`SELECT id FROM message WHERE direction = 'out'`)).toEqual([]);
      await harness.run(`
      @ +1m
      ! jobs run ${JOB}
      ${MARY} < ${reminder(' Mary Phiri', 'Ruth Banda', '6 day', '10/01/2026')}
      ${JOHN} < ${reminder(' John Banda', 'Ruth Banda', '6 day', '10/01/2026')}
      @ +1m
      ! jobs run ${JOB}
    `);
    });

    it('sends the reminders of another day when asked (the CLI’s --date), still once', async () => {
      await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' });
      harness.clock.set(noon('01-02'));
      expect(await reminderDay.run('2026-01-08', () => run())).toMatchObject({ messages: 2 });
      harness.clock.advance('1m');
      expect(await reminderDay.run('2026-01-08', () => run())).toMatchObject({ messages: 0 });
      harness.clock.advance('1m');
      expect(await run()).toMatchObject({ messages: 0 });
      expect((await sent()).map((s) => s.appointmentDate)).toEqual(['2026-01-10']);
      expect(await harness.dataSource.getRepository(ContactEntity).countBy({ name: 'Ruth Banda' })).toBe(1);
    });
  },
);

describe('the reminders job off (a training server: reminders.sendLive false)', () => {
  it(
    'sends and records nothing',
    async () => {
      const harness = await createRemindersHarness({ sendLive: false });
      try {
        const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
        const zone = await harness.build.zone(clinic, '3');
        await harness.build.agent({ zone, name: 'Mary Phiri', phone: MARY });
        await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' });
        harness.clock.set(noon('01-08'));
        expect(await harness.get(Scheduler).run(JOB)).toMatchObject({ ran: true, messages: 0 });
        expect(await harness.dataSource.getRepository(SentReminder).count()).toBe(0);
      } finally {
        await harness.close();
      }
    },
    STARTUP_TIMEOUT_MS,
  );
});
