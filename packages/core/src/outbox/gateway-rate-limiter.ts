import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { gatewaysConfig } from '../gateways/gateways.config';

/** Slots reserved for a batch: the first at `startMs` (the database's clock), one every `intervalMs`. */
export interface SlotReservation {
  /** The first slot, epoch milliseconds on the database's clock. */
  readonly startMs: number;
  readonly intervalMs: number;
  readonly count: number;
  /** How long from now (this process's clock) until the first slot. */
  readonly waitMs: number;
}

/**
 * Each gateway's rate limit (`backends.rateLimit` messages a second), held across every
 * worker process: the next free slot of each gateway is a row in PostgreSQL, and a batch's
 * slots are reserved in one statement (the row's lock is held for that statement only), so
 * two workers together never send faster than the limit. Times are the database's, so the
 * workers' clocks need not agree.
 *
 * @example
 * const slots = await limiter.reserve('kannel', 40);
 * // message i of the batch goes at Date.now() + slots.waitMs + i * slots.intervalMs
 */
@Injectable()
export class GatewayRateLimiter {
  private readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: MwanaConfig,
  ) {
    this.intervalMs = 1000 / config.section(gatewaysConfig).rateLimit;
  }

  /** The gap between two send slots of one gateway, in milliseconds. */
  get interval(): number {
    return this.intervalMs;
  }

  async reserve(gateway: string, count: number): Promise<SlotReservation> {
    if (count <= 0) return { startMs: Date.now(), intervalMs: this.intervalMs, count: 0, waitMs: 0 };
    const span = (count * this.intervalMs) / 1000;
    const [row]: Array<{ start_ms: string; wait_ms: string }> = await this.dataSource.query(
      `WITH wanted AS (SELECT $1::varchar AS gateway, $2::float8 AS span), ${reservingSlots('wanted')}
       SELECT (extract(epoch FROM r.next_at) * 1000 - $2 * 1000)::float8::text AS start_ms,
              ${slotWaitMs('r', '$2')}::text AS wait_ms
         FROM reserved r`,
      [gateway, span],
    );
    return { startMs: Number(row.start_ms), intervalMs: this.intervalMs, count, waitMs: Number(row.wait_ms) };
  }
}

/**
 * The statement that reserves the send slots, for a WITH list: `reserved` (gateway, next_at),
 * one row per gateway of `wanted` (a CTE of `gateway` and `span`, the seconds its slots take),
 * its `next_at` now past them. The slot row's lock is held until that statement ends.
 */
export function reservingSlots(wanted: string): string {
  return `reserved AS (
         INSERT INTO gateway_send_slot AS s (gateway, next_at)
         SELECT gateway, clock_timestamp() + make_interval(secs => span) FROM ${wanted}
         ON CONFLICT (gateway) DO UPDATE
            SET next_at = greatest(s.next_at, clock_timestamp())
                          + make_interval(secs => (SELECT w.span FROM ${wanted} w WHERE w.gateway = excluded.gateway))
         RETURNING s.gateway, s.next_at
       )`;
}

/** How long from now (ms, float8) until the first of the slots `span` seconds long just reserved in row `reserved`. */
export function slotWaitMs(reserved: string, span: string): string {
  return `greatest(0, extract(epoch FROM ${reserved}.next_at - clock_timestamp()) * 1000 - ${span} * 1000)::float8`;
}

/** Waits until a reserved send slot (epoch ms, this process's clock); at once when it is past, or when `cutShort` settles (a stop). */
export function waitUntil(at: number, cutShort?: Promise<void>): Promise<void> {
  const wait = at - Date.now();
  if (wait <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, wait);
    void cutShort?.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
