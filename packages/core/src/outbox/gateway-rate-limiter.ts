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

  async reserve(gateway: string, count: number): Promise<SlotReservation> {
    if (count <= 0) return { startMs: Date.now(), intervalMs: this.intervalMs, count: 0, waitMs: 0 };
    const span = (count * this.intervalMs) / 1000;
    const [row]: Array<{ start_ms: string; wait_ms: string }> = await this.dataSource.query(
      `INSERT INTO gateway_send_slot AS s (gateway, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (gateway) DO UPDATE SET next_at = greatest(s.next_at, clock_timestamp()) + make_interval(secs => $2)
       RETURNING (extract(epoch FROM s.next_at) * 1000 - $2 * 1000)::float8::text AS start_ms,
                 greatest(0, extract(epoch FROM s.next_at - clock_timestamp()) * 1000 - $2 * 1000)::float8::text AS wait_ms`,
      [gateway, span],
    );
    return { startMs: Number(row.start_ms), intervalMs: this.intervalMs, count, waitMs: Number(row.wait_ms) };
  }
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
