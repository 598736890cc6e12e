import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OutboundStatus } from './message.entity';

/** How many of a set of outbound messages are in each status (absent: none). */
export type StatusCounts = Partial<Record<OutboundStatus, number>>;

/**
 * Statuses of outbound messages an app queued and kept the ids of (a broadcast's): one
 * indexed query however many, for the app's own record of what became of them.
 *
 * @example
 * const counts = await statuses.count(broadcast.messageIds, db); // { sent: 120, delivered: 80, failed: 2 }
 */
@Injectable()
export class MessageStatuses {
  constructor(private readonly dataSource: DataSource) {}

  async count(messageIds: readonly string[], db?: EntityManager): Promise<StatusCounts> {
    if (messageIds.length === 0) return {};
    const rows: Array<{ status: OutboundStatus; n: number }> = await (db ?? this.dataSource.manager).query(
      `SELECT status, count(*)::int AS n FROM message WHERE id = ANY($1::bigint[]) AND direction = 'out' GROUP BY status`,
      [messageIds],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
