/**
 * `pnpm bench`'s Kannel smsbox, in a process of its own (as Kannel is): it accepts every
 * sendsms, and keeps for each phone the texts that reached it and when the first did (ms since
 * the epoch), so a run whose requests each come from a new phone can check every SMS got its
 * reply, and none the same text twice (a reply sent twice; a long reply's parts, or a reply
 * and a broadcast, are different texts), and time it from request to reply. Forked, it sends
 * its sendsms URL once listening, then answers each `SmscQuestion` with an `SmscAnswer`; a
 * question with `forget` first forgets what those phones got (the replies to a bench's seeding).
 */
import { createServer } from 'node:http';

/** The phones `first` .. `first + count - 1` (their seven last digits). */
export interface SmscQuestion {
  readonly first: number;
  readonly count: number;
  /** Send back each phone's arrival time too. */
  readonly times?: boolean;
  /** Forget what these phones got before answering. */
  readonly forget?: boolean;
}

export interface SmscAnswer {
  /** Phones that got a reply. */
  readonly arrived: number;
  /** Phones that got the same text more than once. */
  readonly twice: number;
  /** By phone (index from `first`): when its first reply arrived, ms since the epoch; 0 for none. */
  readonly arrivals?: number[];
}

const replies = new Map<number, { texts: Set<string>; twice: boolean; at: number }>();

const server = createServer((request, response) => {
  const at = performance.timeOrigin + performance.now();
  const query = new URL(request.url ?? '/', 'http://x').searchParams;
  const phone = Number((query.get('to') ?? '').slice(-7));
  const text = query.get('text') ?? '';
  const seen = replies.get(phone);
  if (!seen) replies.set(phone, { texts: new Set([text]), twice: false, at });
  else if (seen.texts.has(text)) seen.twice = true;
  else seen.texts.add(text);
  response.writeHead(202).end('0: Accepted for delivery');
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send?.(`http://127.0.0.1:${port}/cgi-bin/sendsms`);
});

process.on('message', ({ first, count, times, forget }: SmscQuestion) => {
  if (forget) for (let i = 0; i < count; i++) replies.delete(first + i);
  let arrived = 0;
  let twice = 0;
  const arrivals: number[] = [];
  for (let i = 0; i < count; i++) {
    const seen = replies.get(first + i);
    if (seen) arrived++;
    if (seen?.twice) twice++;
    if (times) arrivals.push(seen?.at ?? 0);
  }
  process.send?.({ arrived, twice, ...(times ? { arrivals } : {}) } satisfies SmscAnswer);
});
process.on('disconnect', () => process.exit(0));
