import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** A request that names something unknown: answered 400 with the reason, nothing queued. */
export class ApiInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 422 = 400,
    readonly code = 'invalid',
  ) {
    super(message);
    this.name = 'ApiInputError';
  }
}

/** An `Idempotency-Key` header's value: 1 to 200 printable ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header in an operation's OpenAPI entry (`/api/messages`, `/api/broadcasts`). */
export const idempotencyKeyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The same key (per token) twice queues once: the second answer is the first one, with replayed: true'),
});

export interface IdempotentRequest {
  /** Whose key it is (`clientOf(identity)`): keys are per token or console user. */
  readonly client: string;
  /** The header's value; none: the work runs every time. */
  readonly key: string | undefined;
  /** What identifies the request's body: the same key with another hash is refused (422). */
  readonly requestHash: string;
  readonly now: Date;
}

/**
 * Runs `work` once per client and key, inside `db`'s transaction (the caller's), and keeps
 * its answer: the key's row is inserted first, so a second request with it, even one racing
 * the first, waits on that row's primary key until the first commits, then answers what the
 * first answered (`replayed: true`), doing nothing itself. A rolled-back first request
 * leaves no row, so its key may be used again.
 */
export async function idempotent<T extends object>(
  db: EntityManager,
  request: IdempotentRequest,
  work: () => Promise<T>,
): Promise<T & { replayed: boolean }> {
  const { client, key, requestHash, now } = request;
  if (key !== undefined) {
    const claimed: unknown[] = await db.query(
      `INSERT INTO api_idempotency (client, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [client, key, requestHash, now],
    );
    if (claimed.length === 0) {
      // Another request took the key; its transaction has ended (the insert waited for it).
      const [prior] = (await db.query(
        'SELECT request_hash, response FROM api_idempotency WHERE client = $1 AND key = $2',
        [client, key],
      )) as Array<{ request_hash: string; response: T | null }>;
      if (prior.request_hash !== requestHash || !prior.response) {
        throw new ApiInputError(
          'This Idempotency-Key was used with another request; use a new key for a new message.',
          422,
          'idempotency-key-reused',
        );
      }
      return { ...prior.response, replayed: true };
    }
  }
  const result = { ...(await work()), replayed: false };
  if (key !== undefined) {
    await db.query('UPDATE api_idempotency SET response = $3 WHERE client = $1 AND key = $2', [
      client,
      key,
      JSON.stringify(result),
    ]);
  }
  return result;
}
