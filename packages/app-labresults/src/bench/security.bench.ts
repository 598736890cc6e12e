/**
 * pnpm security (node packages/app-labresults/dist/bench/security.bench.js); `.ci/run` runs it.
 *
 * The attacks of issue 16, run concurrently against Results160, the console, the API and the
 * gateways on a fresh PostgreSQL database (TEST_DATABASE_URL) with Zambia's settings and
 * approval on; prints what each attack achieved now beside what it achieved before
 * (measured by this script on 4560209) and whether it meets issue 16's "Done when". Exits
 * non-zero when a target is missed: at most 5 PIN checks per lock and one alert, no login
 * after the fifth failure, no PIN or result value outside the result tables, no results for
 * an unapproved joiner, every unauthenticated or forged request refused with nothing changed.
 */
import { performance } from 'node:perf_hooks';
import { ConsoleUsersService, hashSecret, verifySecret } from '@mwana/core';
import { ConsoleClient, type ConversationHarness, PinHasher } from '@mwana/core/testing';
import type { Location } from '@mwana/app-locations';
import { LabAccountsService } from '../upload/lab-accounts.service';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { API_TOKEN, SUITE_GATEWAYS, forwardedProtoSpoof, refusals, secretsOutside } from './security-refusals';

type Harness = ConversationHarness<LabResultsBuilders>;

/** Runs `work` over `items` with at most `parallel` in flight, in order of start. */
async function pool<T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(parallel, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}

async function sentTo(harness: Harness, phone: string, after: string): Promise<string[]> {
  const rows: Array<{ text: string }> = await harness.dataSource.query(
    `SELECT m.text FROM message m JOIN connection n ON n.id = m.connection_id
      WHERE m.direction = 'out' AND n.identity = $1 AND m.id > $2 ORDER BY m.id`,
    [phone, after],
  );
  return rows.map((r) => r.text);
}

async function lastMessageId(harness: Harness): Promise<string> {
  const [row]: Array<{ max: string | null }> = await harness.dataSource.query(
    `SELECT max(id)::text AS max FROM message`,
  );
  return row.max ?? '0';
}

const WRONG = /^Sorry, that was not the correct pin code\. /;
const LOCKED = /too many times/;
const RELEASED = /^Thank you! Here are your results/;
const ALERT = /wrong pin codes in a row/;

interface PinFigures {
  readonly attempts: number;
  readonly judgedWrong: number;
  readonly lockedReplies: number;
  readonly released: number;
  readonly alerts: number;
  readonly rightPinAfterwards: 'released' | 'refused';
  readonly seconds: number;
}

/** One clinic worker with 3 results waiting, a help admin; PINs from the worker's phone, `parallel` at a time. */
async function pinAttack(
  harness: Harness,
  attempts: number,
  parallel: number,
  rightAt: number | null,
): Promise<PinFigures> {
  await harness.reset();
  const clinic: Location = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  const worker = await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', pin: '8765' });
  const admin = await harness.build.contact({ name: 'Help Admin', helpAdmin: true });
  for (const id of ['P-0001', 'P-0002', 'P-0003'])
    await harness.build.result({ clinic, requisitionId: id, result: 'P' });
  await harness.deliver(worker.phone, 'CHECK');
  const from = await lastMessageId(harness);
  const guesses = Array.from({ length: attempts }, (_, i) =>
    rightAt !== null && i === rightAt - 1 ? '8765' : String(1000 + ((i * 37) % 8000)).padStart(4, '0'),
  ).map((pin) => (pin === '8765' && rightAt === null ? '9999' : pin));
  const start = performance.now();
  await pool(guesses, parallel, (pin) => harness.deliver(worker.phone, pin));
  const seconds = (performance.now() - start) / 1000;
  const toWorker = await sentTo(harness, worker.phone, from);
  const toAdmin = await sentTo(harness, admin.phone, from);
  // Does the lock hold? A new CHECK and the right PIN.
  await harness.deliver(worker.phone, 'CHECK');
  const before = await lastMessageId(harness);
  await harness.deliver(worker.phone, '8765');
  const after = await sentTo(harness, worker.phone, before);
  return {
    attempts,
    judgedWrong: toWorker.filter((t) => WRONG.test(t) && !LOCKED.test(t)).length,
    lockedReplies: toWorker.filter((t) => LOCKED.test(t)).length,
    released: toWorker.filter((t) => RELEASED.test(t)).length,
    alerts: toAdmin.filter((t) => ALERT.test(t)).length,
    rightPinAfterwards: after.some((t) => RELEASED.test(t)) ? 'released' : 'refused',
    seconds,
  };
}

/** `total` console logins for one user, `parallel` in flight, the right password at `rightAt`. */
async function consoleAttack(
  harness: Harness,
  username: string,
  total: number,
  parallel: number,
  rightAt: number | null,
) {
  await harness.reset();
  const password = 'correct horse battery';
  if (username === 'ana') await harness.get(ConsoleUsersService).add('ana', password);
  const statuses = await pool(
    Array.from({ length: total }, (_, i) => i),
    parallel,
    async (i) => {
      const client = new ConsoleClient(harness.url);
      const response = await client.login(
        username,
        rightAt !== null && i === rightAt - 1 ? password : `wrong-${i}-guess`,
      );
      return response.status;
    },
  );
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return { statuses, counts, loggedIn: statuses.includes(303) };
}

/** Made-up lab passwords, 16 in flight, for `seconds`; a JOIN's time measured meanwhile and alone. */
async function labAttack(harness: Harness, seconds: number) {
  await harness.reset();
  await harness.get(LabAccountsService).add('lab-a', 'a long lab password');
  const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  const joinOnce = async (n: number): Promise<number> => {
    const start = performance.now();
    await harness.deliver(harness.build.phone(), `JOIN CLINIC ${clinic.code} Worker ${n} 1234`);
    return performance.now() - start;
  };
  const alone: number[] = [];
  for (let i = 0; i < 20; i++) alone.push(await joinOnce(i));
  let done = 0;
  let statuses: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  const attacker = Array.from({ length: 16 }, async () => {
    while (performance.now() < until) {
      const response = await fetch(`${harness.url}/labresults/incoming`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`lab-a:guess-${done}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
      await response.arrayBuffer();
      statuses = { ...statuses, [response.status]: (statuses[response.status] ?? 0) + 1 };
      done += 1;
    }
  });
  const during: number[] = [];
  const joins = (async () => {
    for (let i = 0; performance.now() < until; i++) during.push(await joinOnce(100 + i));
  })();
  await Promise.all([...attacker, joins]);
  return { perSecond: done / seconds, statuses, joinAloneMs: median(alone), joinDuringMs: median(during) };
}

/** Anyone's JOIN, then CHECK and the PIN: does a stranger get the clinic's results? */
async function strangerJoin(harness: Harness) {
  await harness.reset();
  const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', pin: '8765' });
  await harness.build.result({ clinic, requisitionId: 'P-0001', result: 'P' });
  const phone = harness.build.phone();
  const from = await lastMessageId(harness);
  await harness.deliver(phone, 'JOIN CLINIC 403012 Any Name 1111');
  await harness.deliver(phone, 'CHECK');
  await harness.deliver(phone, '1111');
  return (await sentTo(harness, phone, from)).some((t) => RELEASED.test(t)) ? 'released' : 'refused';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** Measured by this script on 4560209 (before issue 16), on the same machine. */
const BEFORE = {
  pin60: '46 judged wrong, results released, 10 alerts, lock kept by luck',
  pin2000: '1,546 checked in 41.1 s, 309 alerts',
  console40: 'LOGGED IN',
  names: 'unknown 401 x6; real 401 x4 then 429',
  lab: '53.4 scrypt checks/s; JOIN 40.1 ms alone, 332.0 ms meanwhile',
  join: '40.1 ms (scrypt)',
  stranger: 'results released',
};

/** The mean time of `work` over `times` runs, in ms. */
async function timed(times: number, work: () => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < times; i++) await work();
  return (performance.now() - start) / times;
}

async function main(): Promise<void> {
  // The locks alone (the address limit raised), with approval as Zambia's production has it.
  const harness = await createLabResultsHarness(
    { ...ZAMBIA, approveClinicWorkers: true },
    {
      http: true,
      config: {
        http: { rateLimit: { passwords: { max: 100_000 }, tokens: { max: 100_000 } } },
        backends: { gateways: SUITE_GATEWAYS },
        console: { apiTokens: { suite: API_TOKEN } },
      },
    },
  );
  // The same database behind the default per-address limit.
  const limited = await createLabResultsHarness(
    { ...ZAMBIA, approveClinicWorkers: true },
    { http: true, database: harness.database, config: { backends: { gateways: SUITE_GATEWAYS } } },
  );
  // [attack, before, now, meets the target (null: a figure only)]
  const rows: Array<[string, string, string, boolean | null]> = [];
  try {
    const pin60 = await pinAttack(harness, 60, 16, 50);
    rows.push([
      '60 PINs, 16 at a time, right one 50th',
      BEFORE.pin60,
      `${pin60.judgedWrong} judged wrong, ${pin60.lockedReplies} locked, released ${pin60.released}, ${pin60.alerts} alert(s); right PIN afterwards ${pin60.rightPinAfterwards}`,
      // The fifth wrong PIN is answered with the lock: at most 5 checks.
      pin60.judgedWrong <= 4 && pin60.released === 0 && pin60.alerts === 1 && pin60.rightPinAfterwards === 'refused',
    ]);
    // The message log after the PIN attack (its PINs, its results' word) and the API and console over it.
    const leaks = await secretsOutside(harness, ['8765', 'Detected']);
    rows.push([
      'message log, GET /api/messages, console: PINs and results',
      'every PIN and result value in clear',
      leaks.length === 0 ? 'none found' : leaks.join('; '),
      leaks.length === 0,
    ]);
    const pin2000 = await pinAttack(harness, 2000, 16, null);
    rows.push([
      '2,000 PINs, 16 at a time',
      BEFORE.pin2000,
      `${pin2000.judgedWrong + pin2000.alerts + pin2000.released} checked in ${pin2000.seconds.toFixed(1)} s, ${pin2000.alerts} alert(s)`,
      pin2000.judgedWrong <= 4 && pin2000.released === 0 && pin2000.alerts === 1,
    ]);
    const console40 = await consoleAttack(harness, 'ana', 40, 20, 35);
    const console40Limited = await consoleAttack(limited, 'ana', 40, 20, 35);
    rows.push([
      '40 console passwords, 20 in flight, right one 35th',
      BEFORE.console40,
      `${console40.loggedIn ? 'LOGGED IN' : 'not logged in'} ${JSON.stringify(console40.counts)}; behind the address limit ${JSON.stringify(console40Limited.counts)}`,
      !console40.loggedIn && !console40Limited.loggedIn,
    ]);
    const unknown = await consoleAttack(harness, 'nobody', 6, 1, null);
    const known = await consoleAttack(harness, 'ana', 6, 1, null);
    rows.push([
      '6 wrong passwords, unknown vs real name',
      BEFORE.names,
      `unknown ${unknown.statuses.join(' ')}; real ${known.statuses.join(' ')}`,
      unknown.statuses.join(' ') === known.statuses.join(' '),
    ]);
    const lab = await labAttack(limited, 5);
    rows.push([
      'made-up lab passwords, 16 in flight, 5 s',
      BEFORE.lab,
      `${((lab.statuses[401] ?? 0) / 5).toFixed(1)} scrypt checks/s, ${JSON.stringify(lab.statuses)}; JOIN ${ms(lab.joinAloneMs)} alone, ${ms(lab.joinDuringMs)} meanwhile`,
      (lab.statuses[429] ?? 0) > 0 && (lab.statuses[200] ?? 0) === 0,
    ]);
    rows.push(['JOIN (routing, hash, replies)', BEFORE.join, ms(lab.joinAloneMs), null]);
    const stranger = await strangerJoin(harness);
    rows.push(['JOIN from any phone, CHECK, its PIN', BEFORE.stranger, `results ${stranger}`, stranger === 'refused']);
    const spoof = await forwardedProtoSpoof(harness);
    rows.push([
      'X-Forwarded-Proto: https from any client',
      'believed (Secure cookie by claim)',
      spoof.believed ? 'believed' : 'not believed',
      !spoof.believed,
    ]);
    for (const refusal of await refusals(harness)) {
      rows.push([
        `${refusal.attack}, 20 at once`,
        '-',
        `${refusal.statuses.join('/')}${refusal.changed ? ', SOMETHING CHANGED' : ', nothing changed'}`,
        refusal.refused && !refusal.changed,
      ]);
    }

    const hasher = harness.get(PinHasher);
    const stored = hasher.hash('1234');
    const scrypt = await hashSecret('1234');
    const hmacMs = await timed(2000, () => hasher.verify('1234', stored));
    const scryptMs = await timed(20, () => verifySecret('1234', scrypt));
    rows.push([
      'one PIN check',
      `${ms(scryptMs)} (scrypt)`,
      `${(hmacMs * 1000).toFixed(1)} µs (HMAC-SHA256 + pepper)`,
      null,
    ]);
  } finally {
    await limited.close();
    await harness.close();
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'attack'.padEnd(width)} | target | before (4560209) | now`);
  for (const [attack, before, now, ok] of rows)
    console.log(`${attack.padEnd(width)} | ${ok === null ? '  -   ' : ok ? '  ok  ' : 'MISSED'} | ${before} | ${now}`);
  const missed = rows.filter((r) => r[3] === false).length;
  if (missed > 0) {
    console.error(`${missed} target(s) of issue 16 missed`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
