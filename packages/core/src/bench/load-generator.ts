/**
 * The benchmark's gateway, in a process of its own (as Kannel is): forked by a benchmark, it
 * is told a URL template, how many requests and how many in flight, sends them over
 * keep-alive HTTP/1.1 connections and answers with the time taken and every latency.
 * `{i}` in the template is the request's number, `{phone}` one of 5,000 seven-digit numbers
 * (or, with `firstPhone`, a new phone for each request: `firstPhone + i`); `{text}` the
 * request's text from `texts`, in turn, where `{name}` is the phone's digits as letters (0 a,
 * 1 b, ...: a name of its own for each phone) and `{last5}` its last five digits.
 */
import { Agent, request } from 'node:http';
import { personal } from './personal-text';

export interface LoadOrder {
  readonly url: string;
  readonly count: number;
  readonly concurrency: number;
  readonly firstPhone?: number;
  readonly texts?: readonly string[];
}

export interface LoadResult {
  readonly seconds: number;
  /** Milliseconds, sorted. */
  readonly latencies: number[];
  /** By request number: when it was sent, ms since the epoch. */
  readonly sentAt: number[];
  /** By request number: when its answer came, ms since the epoch. */
  readonly doneAt: number[];
  /** The first request that did not answer 200, if any. */
  readonly error?: string;
}

function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function run(order: LoadOrder): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: order.concurrency });
  const latencies: number[] = [];
  const sentAt: number[] = new Array(order.count).fill(0);
  const doneAt: number[] = new Array(order.count).fill(0);
  let next = 0;
  let error: string | undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: order.concurrency }, async () => {
      while (next < order.count && !error) {
        const i = next++;
        const t0 = performance.now();
        sentAt[i] = performance.timeOrigin + t0;
        const phone = order.firstPhone === undefined ? 1_000_000 + (i % 5000) : order.firstPhone + i;
        const text = order.texts ? encodeURIComponent(personal(order.texts[i % order.texts.length], phone)) : '';
        const status = await get(
          order.url.replaceAll('{i}', String(i)).replaceAll('{phone}', String(phone)).replaceAll('{text}', text),
          agent,
        );
        if (status !== 200) error = `request ${i}: HTTP ${status}`;
        const t1 = performance.now();
        doneAt[i] = performance.timeOrigin + t1;
        latencies.push(t1 - t0);
      }
    }),
  );
  agent.destroy();
  return {
    seconds: (performance.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    sentAt,
    doneAt,
    error,
  };
}

process.on('message', (order: LoadOrder) => {
  run(order).then(
    (result) => process.send?.(result),
    (failure: unknown) => process.send?.({ seconds: 0, latencies: [], sentAt: [], doneAt: [], error: String(failure) }),
  );
});
