import { z } from 'zod';
import { defineConfigSection } from '../config/config-section';

/**
 * Gateways by name: `backends.gateways.<name>` = `{ type: kannel | twilio | http | tester, ... }`.
 * The name is the join key between config, the URL (`/backends/<name>/...`), the stored
 * connection and the sender. Each type checks its own options at boot.
 */
export const backendsConfig = defineConfigSection('backends', {
  gateways: z
    .record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.looseObject({ type: z.string().min(1) }))
    .default({ tester: { type: 'tester' } }),
  /** Messages per second each backend sends at most. */
  rateLimit: z.number().positive().default(10),
  /** Attempts before a message is failed (the first send included). */
  maxAttempts: z.number().int().min(1).max(50).default(6),
  /** First retry after this many seconds (up to twice that, with jitter), doubling each time. */
  retryBaseSeconds: z.number().int().min(1).default(30),
  /** How many phones' inbound SMS one worker routes at once (one phone's stay in order). */
  routeConcurrency: z.number().int().min(1).max(64).default(8),
  /** How many SMS one worker has in flight at once (each backend still keeps its rate). */
  sendConcurrency: z.number().int().min(1).max(64).default(8),
  /** A worker woken by a new message waits this long before sending, so messages that arrive together go out in one batch. */
  batchMs: z.number().int().min(0).max(1000).default(10),
  /** How often a worker looks for work (it is also woken when a message arrives); 0: never by itself. */
  pollMs: z.number().int().min(0).default(1000),
  /** A message left in `sending` (or an inbound one unrouted) longer than this is taken again. */
  leaseSeconds: z.number().int().min(5).default(120),
  /** How often the queue's maintenance (one instance at a time) hands back abandoned sends and archives done ones. */
  maintenanceSeconds: z.number().int().min(1).default(30),
});

export type BackendsSettings = z.output<typeof backendsConfig.schema>;
