import { Connection } from '../contacts/connection.entity';
import { MessageRecord } from '../message-log/message.entity';
import { literal } from '../i18n/translatable';
import { ConversationHarness } from '../testing/harness';
import { type JobContext, ScheduledJob } from './scheduled-job';
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

describe('the scheduler (real PostgreSQL, fake clock)', () => {
  let harness: ConversationHarness;
  const bulk = () => harness.dataSource.manager.countBy(MessageRecord, { direction: 'out', priority: 'bulk' });
  const create = (config: Record<string, Record<string, unknown>> = {}, database = harness?.database) =>
    ConversationHarness.create({ providers: [GreetJob], now: '2026-01-04T20:00:00Z', database, config });

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
