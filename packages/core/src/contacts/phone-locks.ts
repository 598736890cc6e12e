import type { EntityManager } from 'typeorm';

/** The first key of the phone locks (advisory locks are two int4 keys): "mw". */
const LOCK_NAMESPACE = 0x6d77;
const PHONE_BUCKETS = 256;

/** A phone's lock bucket: FNV-1a of its E.164 form. */
function phoneBucket(phone: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < phone.length; i++) hash = Math.imul(hash ^ phone.charCodeAt(i), 0x01000193) >>> 0;
  return hash % PHONE_BUCKETS;
}

/**
 * Waits for any other transaction writing these phones (released at commit or rollback).
 * One lock per bucket of phones, not per phone: PostgreSQL's lock table is shared and
 * small (max_locks_per_transaction), and an import of 20,000 rows holds its locks to the
 * end, so it holds at most PHONE_BUCKETS of them. Taken in bucket order: no deadlock.
 */
export async function lockPhones(phones: readonly string[], db: EntityManager): Promise<void> {
  const buckets = [...new Set(phones.map(phoneBucket))].sort((a, b) => a - b);
  if (buckets.length === 0) return;
  // One statement for a whole import's phones: unnest yields the buckets in array order, one lock at a time.
  await db.query('SELECT pg_advisory_xact_lock($1, b) FROM unnest($2::integer[]) AS b', [LOCK_NAMESPACE, buckets]);
}
