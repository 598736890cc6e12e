/**
 * A fake Kannel sendsms endpoint for the broadcast benchmark, in a process of its own: it
 * counts every SMS (a broadcast's texts are all alike) with the time of the first and last,
 * and answers `'count'` with them.
 */
import { createServer } from 'node:http';

export interface GatewayCount {
  readonly arrived: number;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
  /** Arrival times since `since` (epoch ms), when asked for. */
  readonly times?: number[];
}

const times: number[] = [];

const server = createServer((_request, response) => {
  times.push(Date.now());
  response.writeHead(202).end('0: Accepted for delivery');
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send?.(`http://127.0.0.1:${port}/cgi-bin/sendsms`);
});

process.on('message', (question: { since?: number }) => {
  const since = question.since;
  process.send?.({
    arrived: times.length,
    firstAt: times[0] ?? null,
    lastAt: times[times.length - 1] ?? null,
    ...(since !== undefined ? { times: times.filter((t) => t >= since) } : {}),
  } satisfies GatewayCount);
});
process.on('disconnect', () => process.exit(0));
