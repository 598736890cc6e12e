/**
 * The attacks of issue 16 that security.bench.ts runs and reports: PIN guesses, console
 * passwords, made-up lab passwords and a stranger's JOIN, each on a reset database.
 */
import { performance } from 'node:perf_hooks';
import { ConsoleUsersService } from '@mwana/core';
import { ConsoleClient, type ConversationHarness } from '@mwana/core/testing';
import type { Location } from '@mwana/app-locations';
import { LabAccountsService } from '../upload/lab-accounts.service';
import type { LabResultsBuilders } from '../testing/labresults.builders';

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
export async function pinAttack(
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
export async function consoleAttack(
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
export async function labAttack(harness: Harness, seconds: number) {
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
export async function strangerJoin(harness: Harness) {
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
