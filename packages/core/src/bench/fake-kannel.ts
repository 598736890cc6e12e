/**
 * The benchmark's Kannel smsbox, in a process of its own (as Kannel is): it accepts every
 * sendsms and counts the replies by text, so the server under test does not also answer its
 * own gateway calls. Forked by a benchmark, it sends its sendsms URL once listening, then
 * answers each `KannelQuestion` with a `KannelAnswer`.
 */
import { createServer } from 'node:http';

/** How many replies of a run arrived so far, and whether each of its `count` texts arrived exactly once. */
export interface KannelQuestion {
  readonly run: string;
  readonly count: number;
}

export interface KannelAnswer {
  readonly arrived: number;
  readonly exact: boolean;
}

const replies = new Map<string, number>();
/** Replies counted per run (the text before its last `-`), so a question costs nothing. */
const arrivedByRun = new Map<string, number>();

const server = createServer((request, response) => {
  const text = new URL(request.url ?? '/', 'http://x').searchParams.get('text') ?? '';
  const seen = replies.get(text) ?? 0;
  replies.set(text, seen + 1);
  if (seen === 0) {
    const run = text.slice(0, text.lastIndexOf('-'));
    arrivedByRun.set(run, (arrivedByRun.get(run) ?? 0) + 1);
  }
  response.writeHead(202).end('0: Accepted for delivery');
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send?.(`http://127.0.0.1:${port}/cgi-bin/sendsms`);
});

process.on('message', ({ run, count }: KannelQuestion) => {
  const arrived = arrivedByRun.get(run) ?? 0;
  const exact =
    arrived === count && Array.from({ length: count }, (_, i) => replies.get(`${run}-${i}`) === 1).every(Boolean);
  process.send?.({ arrived, exact } satisfies KannelAnswer);
});
process.on('disconnect', () => process.exit(0));
