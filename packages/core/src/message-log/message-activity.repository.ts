import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * When phones last wrote: what the apps' pages and jobs ask of the message log ("silent since",
 * an agent's last SMS) without reading the `message` table themselves.
 *
 * @example
 * const last = await activity.lastReceived([connection.id], db); // Map { 12 => 2026-12-01T08:14:02Z }
 */
@Injectable()
export class MessageActivity {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The time of each phone's newest inbound SMS (handled or not), by connection id; phones that
   * never wrote are absent. One index probe per phone on (connection, id), however long the log.
   */
  async lastReceived(connectionIds: readonly number[], db?: EntityManager): Promise<Map<number, Date>> {
    if (connectionIds.length === 0) return new Map();
    const rows: Array<{ connection_id: number; at: Date | null }> = await (db ?? this.dataSource.manager).query(
      `SELECT n.id AS connection_id,
              (SELECT m.created_at FROM message m WHERE m.connection_id = n.id AND m.direction = 'in'
                ORDER BY m.id DESC LIMIT 1) AS at
         FROM unnest($1::int[]) AS n (id)`,
      [[...new Set(connectionIds)]],
    );
    return new Map(rows.flatMap((r) => (r.at ? [[r.connection_id, r.at] as const] : [])));
  }
}
