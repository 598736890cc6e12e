import type { CliIo } from '@mwana/core';
import { STARTUP_TIMEOUT_MS, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { ZAMBIA, createRemindersHarness } from '../testing/reminders.harness';
import { says } from '../testing/script';
import { RemindersCommand } from './reminders.command';
import { SentReminder } from './sent-reminder.entity';

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(t), err: (t) => errors.push(t) };
}

describe('mwana reminders (operator command)', () => {
  let harness: ConversationHarness<RemindersBuilders>;
  const command = () => harness.get(RemindersCommand);

  beforeAll(async () => {
    harness = await createRemindersHarness(ZAMBIA);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    const zone = await harness.build.zone(clinic, '3');
    await harness.build.agent({ zone, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.event({ zone, clinic, patient: 'Ruth Banda', date: '2026-01-04' });
    await harness.build.event({
      zone: await harness.build.zone(clinic, '9'),
      clinic,
      patient: 'Lone Patient',
      date: '2026-01-04',
    });
  });

  it('lists the events and appointments as configured', async () => {
    const io = capture();
    expect(await command().run(['events'], io)).toBe(0);
    expect(io.lines).toEqual([
      'birth (Birth): keywords birth, bith, bilth, mwana; joined to a place word: mwana',
      '  6 day: 6 days after, reminded 2 days before',
      '  6 week: 42 days after, reminded 2 days before',
      '  6 month: 183 days after, reminded 2 days before',
    ]);
  });

  it('prints what a day would send with --dry-run, sending and recording nothing', async () => {
    const io = capture();
    expect(await command().run(['run', '--date', '2026-01-08', '--dry-run'], io)).toBe(0);
    expect(io.lines).toEqual([
      expect.stringMatching(/^event #\d+ 6 day on 2026-01-10 -> \+260977000001: /),
      expect.stringMatching(/^event #\d+ 6 day on 2026-01-10: no active agent to remind$/),
      '2026-01-08: 2 reminder(s) owed, 1 SMS would be sent (dry run: nothing sent or recorded).',
    ]);
    expect(io.lines[0]).toContain(says.reminder(' Mary Phiri', 'Ruth Banda', '6 day', '10/01/2026'));
    expect(await harness.dataSource.query(`SELECT id FROM message WHERE direction = 'out'`)).toEqual([]);
    expect(await harness.dataSource.getRepository(SentReminder).count()).toBe(0);
  });

  it('runs the job for the day asked, once', async () => {
    const io = capture();
    expect(await command().run(['run', '--date', '2026-01-08'], io)).toBe(0);
    harness.clock.advance('1m');
    expect(await command().run(['run', '--date=2026-01-08'], io)).toBe(0);
    expect(io.lines).toEqual(['2026-01-08: 1 reminder SMS queued.', '2026-01-08: 0 reminder SMS queued.']);
    const texts: Array<{ text: string }> = await harness.dataSource.query(
      `SELECT text FROM message WHERE direction = 'out'`,
    );
    expect(texts.map((s) => s.text)).toEqual([says.reminder(' Mary Phiri', 'Ruth Banda', '6 day', '10/01/2026')]);
  });

  it('refuses a day that is not one', async () => {
    const io = capture();
    expect(await command().run(['run', '--date', '2026-02-30'], io)).toBe(2);
    expect(await command().run(['send'], io)).toBe(2);
    expect(io.errors[0]).toMatch(/^Usage: mwana reminders/);
  });
});
