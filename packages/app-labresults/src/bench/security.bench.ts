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
import { hashSecret, verifySecret } from '@mwana/core';
import { PinHasher } from '@mwana/core/testing';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { consoleAttack, labAttack, pinAttack, strangerJoin } from './security-attacks';
import { API_TOKEN, SUITE_GATEWAYS, forwardedProtoSpoof, refusals, secretsOutside } from './security-refusals';

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
