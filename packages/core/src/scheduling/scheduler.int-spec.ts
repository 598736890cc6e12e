import { Inject } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { Connection } from '../contacts/connection.entity';
import { MessageRecord } from '../message-log/message.entity';
import { literal } from '../i18n/translatable';
import { ConversationHarness } from '../testing/harness';
import { type JobContext, ScheduledJob } from './scheduled-job';
import { JobsCommand } from './jobs.command';
import { Scheduler } from './scheduler.service';

let failNext = false;

/** Greets every connected phone: its messages commit with its tick, or not at all. */
@ScheduledJob({ name: 'test.greet', cron: '0 8 * * 1-5', description: 'a morning greeting on weekdays' })
class GreetJob {
  async run({ db, send }: JobContext): Promise<void> {
    const connections = await db.find(Connection, { relations: { contact: true }, order: { id: 'ASC' } });
    for (const connection of connections)
      send({ connection, contact: connection.contact ?? null }, literal('Good morning'));
    if (failNext) throw new Error('the job broke after queueing');
  }
}

/** Says the time as the code it calls reads it (an injected Clock), not only as its context gives it. */
// Due only on 1 July: the other tests' ticks never run it.
@ScheduledJob({ name: 'test.time', cron: '0 3 1 7 *', description: 'says the time once a year' })
class TimeJob {
  constructor(@Inject(Clock) private readonly clock: Clock) {}

  async run({ db, send, now, scheduledFor }: JobContext): Promise<void> {
    const connections = await db.find(Connection, { relations: { contact: true }, order: { id: 'ASC' } });
    const text = `now ${now.toISOString()} tick ${scheduledFor.toISOString()} clock ${this.clock.now().toISOString()}`;
    for (const connection of connections) send({ connection, contact: connection.contact ?? null }, literal(text));
  }
}

describe('the scheduler (real PostgreSQL, fake clock)', () => {
  let harness: ConversationHarness;
  const bulk = () => harness.dataSource.manager.countBy(MessageRecord, { direction: 'out', priority: 'bulk' });
  const create = (config: Record<string, Record<string, unknown>> = {}, database = harness?.database) =>
    ConversationHarness.create({ providers: [GreetJob, TimeJob], now: '2026-01-04T20:00:00Z', database, config });

  beforeAll(async () => {
    harness = await create({}, undefined);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    failNext = false;
    await harness.reset();
    await harness.build.contact({ phone: '+260977000001' });
  });

  it("runs a job at its time in the country's time zone, once per tick", async () => {
    const scheduler = harness.get(Scheduler);
    harness.clock.set('2026-01-05T05:59:00Z'); // Monday 07:59 in Lusaka
    expect(await scheduler.tick()).toEqual([]);
    harness.clock.set('2026-01-05T06:00:00Z'); // 08:00 in Lusaka
    const runs = await scheduler.tick();
    expect(runs).toEqual([
      { job: 'test.greet', scheduledFor: new Date('2026-01-05T06:00:00Z'), result: { ran: true, messages: 1 } },
    ]);
    expect(await scheduler.tick()).toEqual([]);
    expect(await bulk()).toBe(1);
    const rows: Array<{ outcome: string; messages: number }> = await harness.dataSource.query(
      'SELECT outcome, messages FROM job_run',
    );
    expect(rows).toEqual([{ outcome: 'ok', messages: 1 }]);
  });

  it('runs a job as at another moment, country time, for a rehearsal (`jobs run <name> --at`)', async () => {
    // Sunday 22:00 in Lusaka; the trainer shows Monday 11:00's run.
    harness.clock.set('2026-01-04T20:00:00Z');
    await harness.run(`
      ! jobs run test.time --at 2026-01-05 11:00
      +260977000001 < now 2026-01-05T09:00:00.000Z tick 2026-01-05T09:00:00.000Z clock 2026-01-05T09:00:00.000Z
    `);
    // Outside the rehearsal the clock is the real one again.
    expect(harness.clock.now().toISOString()).toBe('2026-01-04T20:00:00.000Z');
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await harness.get(JobsCommand).run(['run', 'test.greet', '--at', '2026-01-06', '08:00'], io)).toBe(0);
    expect(out).toEqual([
      'test.greet: as at 2026-01-06 08:00 Africa/Lusaka (2026-01-06T06:00:00.000Z)',
      'test.greet: 1 message(s) queued.',
    ]);
    expect(await harness.get(JobsCommand).run(['run', 'test.greet', '--at', '2026-02-30 08:00'], io)).toBe(2);
    const ticks: Array<{ scheduled_for: Date; manual: boolean }> = await harness.dataSource.query(
      'SELECT scheduled_for, manual FROM job_run ORDER BY scheduled_for',
    );
    expect(ticks.map((t) => [t.scheduled_for.toISOString(), t.manual])).toEqual([
      ['2026-01-05T09:00:00.000Z', true],
      ['2026-01-06T06:00:00.000Z', true],
    ]);
  });

  it('refuses a rehearsal in production', async () => {
    const config = harness.get(MwanaConfig);
    const production = new MwanaConfig(
      config.country,
      'production',
      config.role,
      config.countryDir,
      config.values,
      config.provenance,
      config.schema,
    );
    const command = new JobsCommand(harness.get(Scheduler), harness.clock, production);
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await command.run(['run', 'test.greet', '--at', '2026-01-05 08:00'], io)).toBe(1);
    expect(out).toEqual(['Refused: jobs run --at is a rehearsal, and this is production.']);
    expect(await bulk()).toBe(0);
  });

  it('runs by hand with `jobs run`, and from a conversation script', async () => {
    await harness.run(`
      ! jobs run test.greet
      +260977000001 < Good morning
    `);
  });

  it('rolls a failed job back: no message goes out, and the tick is recorded as failed', async () => {
    failNext = true;
    const result = await harness.get(Scheduler).run('test.greet');
    expect(result).toEqual({ ran: true, messages: 0, error: 'the job broke after queueing' });
    expect(await bulk()).toBe(0);
    const rows: Array<{ outcome: string; error: string }> = await harness.dataSource.query(
      'SELECT outcome, error FROM job_run',
    );
    expect(rows).toEqual([{ outcome: 'failed', error: 'the job broke after queueing' }]);
  });

  it('runs a tick once however many instances run it', async () => {
    const second = await create();
    try {
      for (const h of [harness, second]) h.clock.set('2026-01-06T06:00:00Z');
      const [a, b] = await Promise.all([harness.get(Scheduler).tick(), second.get(Scheduler).tick()]);
      expect([...a, ...b].map((run) => [run.scheduledFor.toISOString(), run.result.ran]).sort()).toEqual([
        ['2026-01-06T06:00:00.000Z', false],
        ['2026-01-06T06:00:00.000Z', true],
      ]);
      expect(await bulk()).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('lets the country move a job or switch it off', async () => {
    const moved = await create({ scheduler: { jobs: { 'test.greet': { cron: '30 11 * * *' } } } });
    const off = await create({ scheduler: { jobs: { 'test.greet': { enabled: false } } } });
    try {
      moved.clock.set('2026-01-10T09:30:00Z'); // Saturday 11:30 in Lusaka: moved to every day
      expect((await moved.get(Scheduler).tick()).map((r) => r.scheduledFor.toISOString())).toEqual([
        '2026-01-10T09:30:00.000Z',
      ]);
      off.clock.set('2026-01-12T06:00:00Z');
      expect(await off.get(Scheduler).tick()).toEqual([]);
      expect((await off.get(Scheduler).run('test.greet')).ran).toBe(true);
    } finally {
      await moved.close();
      await off.close();
    }
  });

  it('stops the boot on a misspelt job name or a bad schedule', async () => {
    await expect(
      create({ scheduler: { jobs: { 'test.gret': { enabled: false }, 'test.greet': { cron: 'every morning' } } } }),
    ).rejects.toThrow(
      /scheduler\.jobs\.test\.greet\.cron: "every morning" is not a cron expression[\s\S]*scheduler\.jobs\.test\.gret: no such job/,
    );
  });
});
