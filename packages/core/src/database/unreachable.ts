/** Socket errors of a database that is down, restarting or cut off. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
]);

/** PostgreSQL's SQLSTATEs of a connection lost or refused (class 08) or a server shutting down or starting (57P0x). */
const SERVER_CODES = /^(08|57P0[1-3])/;

const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * Whether this error means the database could not be reached (down, restarting, cut off),
 * as opposed to a statement it refused: only then is an inbound SMS worth spooling.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    // TypeORM releases a runner whose connection emitted an error (the server went away): its next statement throws this.
    if ((e as { name?: unknown }).name === 'QueryRunnerAlreadyReleasedError') return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnreachable(inner))) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `work`, and while it fails because the database is out of reach, runs it again every
 * `retryMs` until it goes through or `stopped()` (then the last error is thrown): for what
 * must not be lost, nor wait for a lease, across an outage (a gateway's answer to record, a
 * stored SMS to route). Any other error is thrown at once.
 */
export async function whenReachable<T>(
  work: () => Promise<T>,
  options: { readonly retryMs: number; readonly stopped: () => boolean },
): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnreachable(error) || options.stopped()) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.retryMs));
    }
  }
}
