import { z } from 'zod';
import { type ConfigSection, defineConfigSection } from '../config/config-section';
import { BUILT_IN_GATEWAYS } from './built-in-gateways';
import type { GatewayDefinition } from './gateway';

/** A gateway's name: its URL (`/backends/<name>/...`) and the connections it owns. */
export const GATEWAY_NAME = /^[a-z][a-z0-9-]*$/;

/** A configured gateway's options, validated by its type's schema (`type` included). */
export type GatewayConfig = { readonly type: string } & Readonly<Record<string, unknown>>;

/**
 * The `backends` section for these gateway types. `gateways` maps each name to its
 * options, one discriminated union over the types' schemas, so the chain validates every
 * gateway at boot (one error listing every bad key and the layer that set it) and
 * `mwana config` masks each type's secrets by its schema. The other keys are how the
 * outbox sends through them and how a worker takes its inbox. (The section keeps the
 * name `backends`: operators' files and `MWANA__BACKENDS__...` variables use it.)
 */
export function gatewaysSection(definitions: readonly GatewayDefinition[]) {
  const types = definitions.map((d) => d.type);
  const duplicate = types.find((type, i) => types.indexOf(type) !== i);
  if (duplicate) throw new Error(`Gateway type "${duplicate}" is defined twice.`);
  const options = definitions.map((d) => d.options.extend({ type: z.literal(d.type) }));
  const gateway = z.discriminatedUnion('type', options as unknown as [z.ZodObject, ...z.ZodObject[]], {
    error: (issue) =>
      issue.code === 'invalid_union' && 'note' in issue && issue.note
        ? `no gateway type ${JSON.stringify((issue.input as { type?: unknown } | undefined)?.type)} (installed: ${types.join(', ')})`
        : undefined,
  }) as unknown as z.ZodType<GatewayConfig>;
  return defineConfigSection('backends', {
    gateways: z.record(z.string().regex(GATEWAY_NAME), gateway).prefault({ tester: { type: 'tester' } }),
    /** Messages per second each gateway sends at most. */
    rateLimit: z.number().positive().default(10),
    /** Attempts before a message is failed (the first send included). */
    maxAttempts: z.number().int().min(1).max(50).default(6),
    /** First retry after this many seconds (up to twice that, with jitter), doubling each time. */
    retryBaseSeconds: z.number().int().min(1).default(30),
    /** How many inbound SMS one worker routes at once (one phone's stay in order). */
    routeConcurrency: z.number().int().min(1).max(64).default(32),
    /** How many SMS of a batch one worker has in flight at once, two batches in hand (each gateway still keeps its rate). */
    sendConcurrency: z.number().int().min(1).max(64).default(32),
    /** A worker woken by a new message while a pass is in flight waits this long before sending, so messages that arrive together go out in one batch. */
    batchMs: z.number().int().min(0).max(1000).default(10),
    /** How often a worker looks for work (it is also woken when a message arrives); 0: never by itself. */
    pollMs: z.number().int().min(0).default(1000),
    /** A message left in `sending` (or an inbound one unrouted) longer than this is taken again. */
    leaseSeconds: z.number().int().min(5).default(120),
    /** How often each sending process beats; one silent for 3 beats is taken for dead and its sends handed back. */
    heartbeatSeconds: z.number().int().min(1).max(60).default(2),
    /** How often the queue's maintenance (one instance at a time) hands back abandoned sends and archives done ones. */
    maintenanceSeconds: z.number().int().min(1).default(30),
    /**
     * Each gateway's circuit breaker: after `failures` failed sends in a row the gateway is
     * paused (no message spends an attempt) and probed with one message, first after
     * `probeSeconds`, then doubling up to `maxProbeSeconds`; a probe that goes through closes it.
     */
    breaker: z
      .strictObject({
        failures: z.number().int().min(1).max(1000).default(5),
        probeSeconds: z.number().min(0.1).default(30),
        maxProbeSeconds: z.number().min(0.1).default(600),
        /** How long a worker trusts the state it read (one query for every gateway). */
        cacheMs: z.number().int().min(0).max(60_000).default(1000),
      })
      .prefault({}),
    /**
     * Where inbound SMS go while the database cannot be reached: appended (fsync'd) to this file
     * and answered as accepted, then stored in order when the database is back (a relative path
     * is from the country package, as the embedded database's folder: each country has its own). Past `maxMessages` or `maxBytes` the gateway gets a 503.
     */
    spool: z
      .strictObject({
        enabled: z.boolean().default(true),
        path: z.string().min(1).default('.data/inbound-spool.jsonl'),
        maxMessages: z.number().int().min(1).default(100_000),
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .default(64 * 1024 * 1024),
        /** How often a process with a spool tries the database again. */
        replayMs: z.number().int().min(10).default(1000),
      })
      .prefault({}),
    /**
     * How long a message may wait for a paused gateway, in hours, from when it was written:
     * by its kind (`kinds`, e.g. `labresults.results: 96`), else by priority; then it fails with the reason.
     */
    maxWaitHours: z
      .strictObject({
        reply: z.number().positive().default(6),
        bulk: z.number().positive().default(72),
        kinds: z.record(z.string(), z.number().positive()).default({}),
      })
      .prefault({}),
  });
}

/** The `backends` section with core's gateway types; what every module reads. */
export const gatewaysConfig = gatewaysSection(BUILT_IN_GATEWAYS);

export type GatewaysSettings = z.output<typeof gatewaysConfig.schema>;

/** Every section of a country's chain, with `backends` built for these gateway types when some are added. */
export function withGatewayTypes(
  sections: readonly ConfigSection[],
  extra: readonly GatewayDefinition[],
): ConfigSection[] {
  if (extra.length === 0) return [...sections];
  const section = gatewaysSection([...BUILT_IN_GATEWAYS, ...extra]);
  return sections.map((s) => (s.name === section.name ? section : s));
}
