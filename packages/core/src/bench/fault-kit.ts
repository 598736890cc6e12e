/** What the fault tests (`faults.ts`) share: Mwana in a process of its own, a stream of SMS, the replies counted, a row of the table. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FakeGateway, Recorded } from '../testing/fake-gateway';
import { decodeKannelText, queryBytes } from '../gateways/kannel/kannel-text';
import type { FaultOrder } from './fault-process';

export const SECRET = 'fault-secret-0123456789';
export const IN_FLIGHT = 8;

export interface Mwana {
  readonly child: ChildProcess;
  readonly url: string;
}

export interface Row {
  readonly test: string;
  readonly figures: string;
  readonly ok: boolean;
}

/** A Mwana process (`fault-process.ts`) on this database, in this role, with these `backends`. */
export function start(
  database: { readonly url: string },
  role: FaultOrder['role'],
  backends: Record<string, unknown>,
): Promise<Mwana> {
  const child = fork(join(__dirname, 'fault-process.js'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`a Mwana process stopped (${code})`)));
    child.send({ databaseUrl: database.url, role, backends } satisfies FaultOrder);
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `done`, checking every 50 ms, at most `seconds`; whether it came. */
export const until = async (done: () => boolean | Promise<boolean>, seconds: number): Promise<boolean> => {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await pause(50);
  }
  return done();
};

/** A fake Kannel's gateway in `backends.gateways`. */
export const kannel = (fake: FakeGateway): Record<string, unknown> => ({
  zain: { type: 'kannel', sendsmsUrl: `${fake.url}/s`, username: 'u', password: 'p', secret: SECRET, dlrMask: 0 },
});

/** The ECHO texts the fake Kannel was asked to send (or, given `requests`, took), by text. */
export function sentCounts(
  fake: FakeGateway,
  run: string,
  requests: readonly Recorded[] = fake.requests,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const fields = queryBytes(r.url.slice(r.url.indexOf('?') + 1));
    const text = decodeKannelText(
      fields.get('text')!,
      fields.get('coding')?.toString(),
      fields.get('charset')?.toString(),
    );
    if (text.startsWith(run)) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

export interface StreamOptions {
  /** The Mwana process to send to now (a restarted one replaces it). */
  readonly to: () => string;
  readonly count: number;
  /** Letters only (the string cleaning reads a 1 into a word of letters and l's). */
  readonly run: string;
  /** At most this many requests a second (all 8 lanes together); as fast as answered without it. */
  readonly perSecond?: number;
  /** Every HTTP status answered (0: no answer), for the figures. */
  readonly statuses?: number[];
}

/**
 * `count` ECHO SMS through the Kannel endpoint, 8 at a time, each with its provider id; a
 * request not answered 200 is sent again after 100 ms, as a retrying SMSC does.
 */
export function stream(options: StreamOptions): Promise<void> {
  const { run, count } = options;
  const started = Date.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let n = next++; n < count; n = next++) {
      if (options.perSecond) {
        const due = started + (n * 1000) / options.perSecond;
        if (due > Date.now()) await pause(due - Date.now());
      }
      for (;;) {
        const status = await fetch(
          `${options.to()}/backends/zain/incoming?secret=${SECRET}&id=0977${String(n).padStart(6, '0')}&text=ECHO+${run}+${n}&message_id=${run}-${n}`,
        )
          .then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          })
          .catch(() => 0);
        options.statuses?.push(status);
        if (status === 200) break;
        await pause(100);
      }
    }
  };
  return Promise.all(Array.from({ length: 8 }, lane)).then(() => undefined);
}

/** How many of the run's `count` texts never reached the gateway, and how many reached it more than once. */
export function lostAndTwice(counts: Map<string, number>, count: number): { lost: number; twice: number } {
  return { lost: count - counts.size, twice: [...counts.values()].filter((n) => n > 1).length };
}
