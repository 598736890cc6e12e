/**
 * node packages/app-labresults/dist/bench/labresults.bench.js [clinics] [samples]
 *
 * On a fresh PostgreSQL database (TEST_DATABASE_URL), with Zambia's settings: 1,000 clinics
 * with a clinic worker each, one lab payload of 10,000 samples applied through
 * PayloadService, the same payload again through the HTTP route (nothing to change), then
 * the new-results notification job over every clinic. Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { Scheduler } from '@mwana/core';
import type { ConversationHarness } from '@mwana/core/testing';
import { LabAccountsService } from '../upload/lab-accounts.service';
import { PayloadService } from '../upload/payload.service';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import type { LabResultsBuilders } from '../testing/labresults.builders';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Clinic codes in Zambia's PPDDFF scheme: ten facilities in each of ten districts of ten provinces. */
function clinicCodes(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${pad(Math.floor(i / 100) + 1)}${pad((Math.floor(i / 10) % 10) + 1)}${pad((i % 10) + 1)}`,
  );
}

/** A lab payload of `count` results spread over the clinics, as a lab's computer writes it (codes with their trailing zero). */
function payload(codes: readonly string[], count: number): string {
  const samples = Array.from({ length: count }, (_, i) => ({
    id: `S${String(i + 1).padStart(7, '0')}`,
    fac: `${codes[i % codes.length]}0`,
    pat_id: `10${String(i + 1).padStart(8, '0')}`,
    sync: 'new',
    result: ['negative', 'positive', 'rejected'][i % 3],
    coll_on: '2026-01-02',
    recv_on: '2026-01-04',
    proc_on: '2026-01-05',
    verified: true,
    hw: 'Bench Worker',
    hw_tit: 'Nurse',
  }));
  return JSON.stringify({
    source: 'bench/lab',
    version: '1.0',
    now: '2026-01-06 10:59:00',
    info: 'bench',
    logs: [],
    samples,
  });
}

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** A clinic and one worker with a PIN at each code. */
async function clinicsWithWorkers(
  harness: ConversationHarness<LabResultsBuilders>,
  codes: readonly string[],
): Promise<void> {
  const build = harness.build;
  for (const code of codes) {
    const clinic = await build.place({ code, name: `Clinic ${code}` });
    await build.contact({ name: `Worker ${code}`, roles: ['clinic-worker'], locationId: clinic.id, pin: '1234' });
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const [clinics, count] = [Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 10_000)];
  const harness = await createLabResultsHarness(ZAMBIA, { http: true });
  try {
    const codes = clinicCodes(clinics);
    const [, setupMs] = await time(() => clinicsWithWorkers(harness, codes));
    const body = payload(codes, count);
    const out = [
      `setup: ${clinics} clinics and workers in ${seconds(setupMs)}; payload ${(body.length / 1024 / 1024).toFixed(1)} MB`,
    ];

    const [first, uploadMs] = await time(() => harness.get(PayloadService).receive(body, null));
    if (first.errors.length > 0) throw new Error(`the payload was refused: ${first.errors.slice(0, 3).join('; ')}`);
    out.push(
      `upload (PayloadService): ${first.created} created in ${seconds(uploadMs)}, ${Math.round(count / (uploadMs / 1000))} samples/s`,
    );

    await harness.get(LabAccountsService).add('bench-lab', 'bench-secret');
    const authorization = `Basic ${Buffer.from('bench-lab:bench-secret').toString('base64')}`;
    const [replay, replayMs] = await time(async () => {
      const response = await fetch(`${harness.url}/labresults/incoming/`, {
        method: 'POST',
        body,
        headers: { authorization, 'content-type': 'text/json', accept: 'application/json' },
      });
      return (await response.json()) as { status: string; unchanged: number };
    });
    out.push(
      `same payload again (HTTP): ${replay.status}, ${replay.unchanged} unchanged in ${seconds(replayMs)}, ${Math.round(count / (replayMs / 1000))} samples/s`,
    );

    const [job, jobMs] = await time(() => harness.get(Scheduler).run('labresults.notify-new-results'));
    if (job.error) throw new Error(`the job failed: ${job.error}`);
    const [{ n }]: Array<{ n: number }> = await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'out'`,
    );
    out.push(
      `notification job: ${clinics} clinics in ${seconds(jobMs)}, ${job.messages} SMS queued (${n} in the outbox), ${Math.round(clinics / (jobMs / 1000))} clinics/s`,
    );

    const [{ version }]: Array<{ version: string }> = await harness.dataSource.query(
      "SELECT current_setting('server_version') AS version",
    );
    process.stdout.write(
      `labresults benchmark: ${count} samples, ${clinics} clinics; node ${process.version}, PostgreSQL ${version}\n\n${out.join('\n')}\n\n` +
        `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
