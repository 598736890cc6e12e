import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type PgQueryable, runPrepared } from '../database/prepared';

// One statement: the window restarts when it is over, else the count goes up; the database's
// clock decides, so every process agrees.
const INCREMENT = `
  INSERT INTO rate_limit AS r (key, hits, expires_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
    expires_at = CASE WHEN r.expires_at <= now() THEN now() + $2 * interval '1 millisecond' ELSE r.expires_at END
  RETURNING r.hits, greatest(0, ceil(extract(epoch FROM r.expires_at - now()) * 1000))::integer AS ttl`;

const SWEEP_EVERY_MS = 60_000;

/**
 * A store for `@fastify/rate-limit` on PostgreSQL (table `rate_limit`), so every api process
 * counts the same hits: districts run several processes on one database and often no
 * Redis. A fixed window per key, counted by one upsert; expired keys are swept about once
 * a minute by whichever process counts next.
 *
 * @example
 * await fastify.register(rateLimit, { global: false, store: postgresRateLimitStore(poolOf(dataSource)) });
 */
export function postgresRateLimitStore(pool: PgQueryable): FastifyRateLimitStoreCtor {
  let lastSweep = Date.now();
  const sweep = (): void => {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    // Best effort: a sweep that fails is tried again a minute later.
    runPrepared(pool, 'DELETE FROM rate_limit WHERE expires_at < now()').catch(() => undefined);
  };

  class PostgresRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      runPrepared<{ hits: number; ttl: number }>(pool, INCREMENT, [key, timeWindow]).then(
        ({ rows }) => {
          sweep();
          callback(null, { current: rows[0].hits, ttl: rows[0].ttl });
        },
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      // Keys carry their route group (see AuthRateLimiter), so one table serves every route.
      return new PostgresRateLimitStore();
    }
  }
  return PostgresRateLimitStore;
}
