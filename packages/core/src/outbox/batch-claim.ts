import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type PgQueryable, poolOf, runCustom } from '../database/prepared';
import type { Priority } from '../message-log/message.entity';
import { GatewayRateLimiter, reservingSlots, slotWaitMs } from './gateway-rate-limiter';
import { OUTBOUND_QUEUE, type OutboundJob, QUEUE_SCHEMA } from './outbound-queue';
import { OUTBOX } from './outbox-transitions';
import type { Claimed } from './sent-outcomes';

/** What one claim took: the jobs fetched, the messages claimed with them, which wait for an earlier part, and the send slots. */
export interface ClaimedBatch {
  readonly jobs: OutboundJob[];
  /** The jobs whose messages were claimed (the others have nothing left to send), replies first, then oldest. */
  readonly claimed: Claimed[];
  /** Claimed parts with an earlier part of their text still to send elsewhere, and when that part is next due. */
  readonly behind: Map<string, Date>;
  /** Each slotted gateway's first send slot, epoch ms on this process's clock, and the gap between slots. */
  readonly slots: Map<string, { readonly firstMs: number; readonly intervalMs: number }>;
}

interface Row {
  jobId: string;
  messageId: string;
  jobPriority: number;
  retryCount: number;
  retryLimit: number;
  id: string | null;
  text: string;
  encoding: 'GSM-7' | 'UCS-2' | null;
  gateway: string;
  identity: string;
  kind: string | null;
  priority: Priority;
  ref: string | null;
  createdAt: Date;
  textId: string;
  behindUntil: Date | null;
  waitMs: number | null;
}

const Q = `'${OUTBOUND_QUEUE}'`;

/**
 * The sender's claim of a batch in one statement, one round trip and no transaction around it:
 * pg-boss's fetch (due jobs, replies first, then oldest, skipping those another sender holds;
 * pg-boss 10.4's `fetchNextJob` for a `standard` queue, as `OutboundQueue.fetch` runs it), the
 * claim of their messages along `OUTBOX.claim` (named for this process), the check that a later
 * part waits for an earlier one still to send that is not taken here (and until when),
 * and the send slots of each gateway it will send through (`GatewayRateLimiter`: the slot
 * row's lock is held for this statement only, so the rate holds across every worker). Planned
 * for each batch (`runCustom`), as the fetch and the claim were: its best plan depends on how
 * much is queued.
 */
@Injectable()
export class BatchClaim {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limiter: GatewayRateLimiter,
  ) {}

  /**
   * Up to `limit` due jobs and their messages; `slotted`: the gateways to reserve send slots on
   * (configured, not paused). On the pool, as a statement of its own, unless `client` is given.
   */
  async take(
    limit: number,
    slotted: readonly string[],
    at: Date,
    claimedBy: string | null,
    client: PgQueryable = poolOf(this.dataSource),
  ): Promise<ClaimedBatch> {
    const { rows } = await runCustom<Row>(
      client,
      `WITH next AS (
         SELECT id FROM ${QUEUE_SCHEMA}.job
          WHERE name = ${Q} AND state < 'active' AND start_after < now()
          ORDER BY priority DESC, created_on, id
          LIMIT $1 FOR UPDATE SKIP LOCKED
       ), fetched AS (
         UPDATE ${QUEUE_SCHEMA}.job j SET state = 'active', started_on = now(),
                retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END
           FROM next WHERE j.name = ${Q} AND j.id = next.id
         RETURNING j.id, (j.data->>'messageId')::bigint AS message_id, j.priority, j.retry_count, j.retry_limit
       ), claimed AS (
         UPDATE message m SET status = $2, attempts = f.retry_count + 1, lease_until = NULL, updated_at = $3, claimed_by = $4
           FROM connection c, fetched f
          WHERE m.id = f.message_id AND c.id = m.connection_id AND m.direction = 'out' AND m.status = ANY($5::varchar[])
         RETURNING m.id, m.part_of_id, m.text, m.encoding, m.backend AS gateway, c.identity, m.kind, m.priority, m.ref, m.created_at
       ), behind AS (
         SELECT m.id, max(greatest(coalesce(e.next_attempt_at, $6), $6)) AS until
           FROM claimed m
           JOIN message e ON (e.id = m.part_of_id OR e.part_of_id = m.part_of_id) AND e.id < m.id AND e.direction = 'out'
                         AND e.status = ANY($5::varchar[]) AND e.id NOT IN (SELECT id FROM claimed)
          WHERE m.part_of_id IS NOT NULL
          GROUP BY m.id
       ), wanted AS (
         SELECT gateway, count(*) * $7::float8 AS span FROM claimed WHERE gateway = ANY($8::varchar[]) GROUP BY gateway
       ), ${reservingSlots('wanted')}
       SELECT f.id AS "jobId", f.message_id::text AS "messageId", f.priority AS "jobPriority",
              f.retry_count AS "retryCount", f.retry_limit AS "retryLimit",
              c.id::text AS id, c.text, c.encoding, c.gateway, c.identity, c.kind, c.priority, c.ref,
              c.created_at AS "createdAt", coalesce(c.part_of_id, c.id)::text AS "textId", b.until AS "behindUntil",
              ${slotWaitMs('r', 'w.span')} AS "waitMs"
         FROM fetched f
         LEFT JOIN claimed c ON c.id = f.message_id
         LEFT JOIN behind b ON b.id = c.id
         LEFT JOIN reserved r ON r.gateway = c.gateway
         LEFT JOIN wanted w ON w.gateway = c.gateway`,
      [
        limit,
        OUTBOX.claim.to,
        at,
        claimedBy,
        [...OUTBOX.claim.from],
        // Not sooner than a second from now: the earlier part may be another sender's.
        new Date(Date.now() + 1000),
        this.limiter.interval / 1000,
        [...slotted],
      ],
    );
    // An UPDATE ... RETURNING keeps no order: replies first again, then the oldest message.
    rows.sort((a, b) => b.jobPriority - a.jobPriority || Number(a.messageId) - Number(b.messageId));
    const now = Date.now();
    const jobs: OutboundJob[] = rows.map((r) => ({
      jobId: r.jobId,
      messageId: r.messageId,
      attempt: r.retryCount + 1,
      canRetry: r.retryCount < r.retryLimit,
    }));
    const claimed: Claimed[] = [];
    const behind = new Map<string, Date>();
    const slots = new Map<string, { firstMs: number; intervalMs: number }>();
    rows.forEach((r, i) => {
      if (r.id === null) return;
      claimed.push({
        ...jobs[i],
        id: r.id,
        text: r.text,
        encoding: r.encoding,
        gateway: r.gateway,
        identity: r.identity,
        kind: r.kind,
        priority: r.priority,
        ref: r.ref,
        createdAt: r.createdAt,
        textId: r.textId,
      });
      if (r.behindUntil) behind.set(r.id, r.behindUntil);
      if (r.waitMs !== null && !slots.has(r.gateway))
        slots.set(r.gateway, { firstMs: now + r.waitMs, intervalMs: this.limiter.interval });
    });
    return { jobs, claimed, behind, slots };
  }
}
