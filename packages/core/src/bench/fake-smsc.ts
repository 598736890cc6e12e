/**
 * `pnpm bench`'s Kannel smsbox, in a process of its own (as Kannel is): it accepts every
 * sendsms, and keeps for each phone how many replies reached it and when the first did (ms
 * since the epoch), so a run whose requests each come from a new phone can check every SMS got
 * exactly one reply, whatever its text, and time it from request to reply. Forked, it sends
 * its sendsms URL once listening, then answers each `SmscQuestion` with an `SmscAnswer`.
 */
import { createServer } from 'node:http';

/** The phones `first` .. `first + count - 1` (their seven last digits). */
export interface SmscQuestion {
  readonly first: number;
  readonly count: number;
  /** Send back each phone's arrival time too. */
  readonly times?: boolean;
}

export interface SmscAnswer {
  /** Phones that got a reply. */
  readonly arrived: number;
  /** Phones that got more than one. */
  readonly twice: number;
  /** By phone (index from `first`): when its first reply arrived, ms since the epoch; 0 for none. */
  readonly arrivals?: number[];
}

const replies = new Map<number, { count: number; at: number }>();

const server = createServer((request, response) => {
  const at = performance.timeOrigin + performance.now();
  const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to') ?? '';
  const phone = Number(to.slice(-7));
  const seen = replies.get(phone);
  if (seen) seen.count++;
  else replies.set(phone, { count: 1, at });
  response.writeHead(202).end('0: Accepted for delivery');
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send?.(`http://127.0.0.1:${port}/cgi-bin/sendsms`);
});

process.on('message', ({ first, count, times }: SmscQuestion) => {
  let arrived = 0;
  let twice = 0;
  const arrivals: number[] = [];
  for (let i = 0; i < count; i++) {
    const seen = replies.get(first + i);
    if (seen) arrived++;
    if (seen && seen.count > 1) twice++;
    if (times) arrivals.push(seen?.at ?? 0);
  }
  process.send?.({ arrived, twice, ...(times ? { arrivals } : {}) } satisfies SmscAnswer);
});
process.on('disconnect', () => process.exit(0));
