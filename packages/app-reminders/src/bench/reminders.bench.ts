/**
 * pnpm bench:reminders [events] [agents]
 *
 * On a fresh PostgreSQL database (TEST_DATABASE_URL), with Zambia's settings: 2,000 clinics of
 * 5 zones, 20,000 agents (two a zone) and 1,000,000 births spread evenly over three years,
 * each with its patient. The reminders job runs for one day twice: first with a tenth of the
 * births in the table (all of those the two days' windows hold, and one in ten of the
 * others), then with all of them, the next day; each day's reminders are the same in number,
 * so the two times show whether the job's cost follows the day's reminders or the table.
 * Earlier days' reminders are recorded as sent first, as a daily job leaves them. Prints the
 * time, the reminders and SMS queued, the statements run and the peak RSS; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { Scheduler } from '@mwana/core';
import type { ConversationHarness } from '@mwana/core/testing';
import type { DataSource } from 'typeorm';
import { remindersConfig } from '../reminders.config';
import { addDays } from '../reminders/calendar';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { ZAMBIA, createRemindersHarness } from '../testing/reminders.harness';

const JOB = 'reminders.send-reminders';
/** The first bench day, at noon in Lusaka. */
const DAY = '2026-06-15';
const YEARS_OF_DAYS = 1096;
const APPOINTMENTS = remindersConfig.schema.parse({}).events[0].appointments;
const APPOINTMENT_DAYS = APPOINTMENTS.map((a) => a.days);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Counts the statements the process sends to PostgreSQL while `work` runs (TypeORM's and the outbox's pools share `pg`). */
async function counted<T>(dataSource: DataSource, work: () => Promise<T>): Promise<[T, number]> {
  const pg = (
    dataSource.driver as unknown as { postgres: { Client: { prototype: { query: (...a: unknown[]) => unknown } } } }
  ).postgres;
  const original = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    statements += 1;
    return original.apply(this, args);
  };
  try {
    return [await work(), statements];
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** Clinics, zones and agents, in SQL: the setup is not what is measured. */
async function places(db: DataSource, agents: number): Promise<void> {
  await db.query(`INSERT INTO location_type (slug, singular, plural, kind) VALUES
    ('clinic', 'Clinic', 'Clinics', 'clinic'), ('zone', 'Zone', 'Zones', 'zone') ON CONFLICT DO NOTHING`);
  const zones = agents / 2;
  await db.query(
    `INSERT INTO location (name, code, type_id)
     SELECT 'Clinic ' || g, lpad(g::text, 6, '0'), (SELECT id FROM location_type WHERE slug = 'clinic')
       FROM generate_series(1, $1) g`,
    [zones / 5],
  );
  await db.query(
    `INSERT INTO location (name, code, type_id, parent_id)
     SELECT z::text, c.code || '-' || z, (SELECT id FROM location_type WHERE slug = 'zone'), c.id
       FROM location c CROSS JOIN generate_series(1, 5) z ORDER BY c.id, z`,
  );
  await db.query(
    `INSERT INTO contact (name, roles, location_id)
     SELECT 'Agent ' || l.id || '-' || a, '{cba}', l.id
       FROM location l JOIN location_type t ON t.id = l.type_id AND t.kind = 'zone' CROSS JOIN generate_series(1, 2) a`,
  );
  await db.query(
    `INSERT INTO connection (backend, identity, contact_id)
     SELECT 'tester', '+26096' || lpad(id::text, 7, '0'), id FROM contact WHERE 'cba' = ANY(roles)`,
  );
}

/**
 * Every birth in a staging table, `d` days before DAY (evenly, 0 to three years), each with a
 * zone; `windows` marks those whose 6 day, 6 week or 6 month visit falls on DAY to DAY + 3.
 */
async function stageBirths(db: DataSource, count: number): Promise<void> {
  await db.query(
    `CREATE TABLE bench_birth (i integer PRIMARY KEY, d integer, zone_id integer, clinic_id integer, windows boolean)`,
  );
  await db.query(
    `WITH zones AS (SELECT array_agg(l.id ORDER BY l.id) AS ids FROM location l JOIN location_type t ON t.id = l.type_id AND t.kind = 'zone')
     INSERT INTO bench_birth (i, d, zone_id, windows)
     SELECT g, g % $2, zones.ids[1 + g % array_length(zones.ids, 1)],
            EXISTS (SELECT 1 FROM unnest($3::int[]) a WHERE g % $2 BETWEEN a - 3 AND a)
       FROM generate_series(1, $1) g, zones`,
    [count, YEARS_OF_DAYS, APPOINTMENT_DAYS],
  );
  await db.query(`UPDATE bench_birth b SET clinic_id = l.parent_id FROM location l WHERE l.id = b.zone_id`);
}

/** Moves staged births into the tables: a patient each at the birth's zone, and the event. */
async function loadBirths(db: DataSource, where: string): Promise<number> {
  await db.query(`CREATE TABLE bench_patient AS SELECT i FROM bench_birth WHERE ${where}`);
  await db.query(
    `INSERT INTO contact (name, roles, location_id)
     SELECT 'Patient ' || b.i, '{patient}', b.zone_id FROM bench_birth b JOIN bench_patient p USING (i) ORDER BY b.i`,
  );
  await db.query(
    `INSERT INTO patient_event (patient_id, event, date, location_id, clinic_id, logged_at)
     SELECT c.id, 'birth', $1::date - b.d, b.zone_id, b.clinic_id, ($1::date - b.d)::timestamptz + interval '10 hours'
       FROM bench_birth b JOIN bench_patient p USING (i)
       JOIN contact c ON c.name = 'Patient ' || b.i AND 'patient' = ANY(c.roles)`,
    [DAY],
  );
  const [{ n }]: Array<{ n: number }> = await db.query('SELECT count(*)::int AS n FROM patient_event');
  await db.query('DROP TABLE bench_patient');
  // Autovacuum is off on this machine: the planner needs the statistics a server would have.
  await db.query('ANALYZE contact; ANALYZE connection; ANALYZE patient_event; ANALYZE location');
  return n;
}

/** What a daily job leaves behind: reminders of appointments on `day` and the day after recorded as sent. */
async function markEarlierRemindersSent(db: DataSource, day: string): Promise<void> {
  for (const { name, days } of APPOINTMENTS) {
    await db.query(
      `INSERT INTO sent_reminder (patient_event_id, appointment, appointment_date, sent_at, recipients)
       SELECT id, $1, date + $2::int, now(), 2 FROM patient_event
        WHERE event = 'birth' AND date + $2::int BETWEEN $3::date AND $3::date + 1
       ON CONFLICT DO NOTHING`,
      [name, days, day],
    );
  }
  await db.query('ANALYZE sent_reminder');
}

/** The job at noon (and `minutes` after) in Lusaka: what it took and what it queued. */
async function runJob(harness: ConversationHarness<RemindersBuilders>, day: string, minutes = 0): Promise<string> {
  harness.clock.set(`${day}T10:${String(minutes).padStart(2, '0')}:00Z`);
  const before: Array<{ n: number }> = await harness.dataSource.query('SELECT count(*)::int AS n FROM sent_reminder');
  const [[result, statements], ms] = await time(() =>
    counted(harness.dataSource, () => harness.get(Scheduler).run(JOB)),
  );
  if (result.error) throw new Error(`the job failed: ${result.error}`);
  const after: Array<{ n: number }> = await harness.dataSource.query('SELECT count(*)::int AS n FROM sent_reminder');
  return `${seconds(ms)}, ${after[0].n - before[0].n} reminders, ${result.messages} SMS queued, ${statements} statements`;
}

async function main(): Promise<void> {
  const [count, agents] = [Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 20_000)];
  const harness = await createRemindersHarness(ZAMBIA);
  try {
    const db = harness.dataSource;
    const out: string[] = [];
    const [, placesMs] = await time(() => places(db, agents));
    out.push(`setup: ${agents / 10} clinics, ${agents / 2} zones, ${agents} agents in ${seconds(placesMs)}`);
    const [, stageMs] = await time(() => stageBirths(db, count));
    const [small, smallMs] = await time(() => loadBirths(db, 'windows OR i % 10 = 0'));
    out.push(`setup: ${small} births (a tenth, and every one due on the two days) in ${seconds(stageMs + smallMs)}`);
    await markEarlierRemindersSent(db, DAY);
    out.push(`job on ${DAY} with ${small} births: ${await runJob(harness, DAY)}`);

    const [all, allMs] = await time(() => loadBirths(db, 'NOT (windows OR i % 10 = 0)'));
    out.push(`setup: the other births loaded, ${all} in all, in ${seconds(allMs)}`);
    await markEarlierRemindersSent(db, addDays(DAY, 1));
    out.push(`job on ${addDays(DAY, 1)} with ${all} births: ${await runJob(harness, addDays(DAY, 1))}`);
    out.push(`the same day again, a minute later: ${await runJob(harness, addDays(DAY, 1), 1)}`);

    const [{ version }]: Array<{ version: string }> = await db.query(
      "SELECT current_setting('server_version') AS version",
    );
    process.stdout.write(
      `reminders benchmark: ${count} births over three years, ${agents} agents; node ${process.version}, PostgreSQL ${version}\n\n` +
        `${out.join('\n')}\n\npeak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
