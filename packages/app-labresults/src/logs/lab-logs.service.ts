import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LabLogRecord } from '../upload/payload.schema';
import { parseLogTime } from './log-time';

/** One line as the viewer shows it; `at` is the lab's local time, or `at` as sent when unreadable. */
export interface LabLogLine {
  readonly line: number;
  readonly at: string;
  readonly readable: boolean;
  readonly level: string;
  readonly message: string;
}

/** A source that sent logs, with when it last did. */
export interface LabLogSource {
  readonly source: string;
  readonly lines: number;
  readonly lastReceived: Date;
}

/**
 * Lab computers' log lines (docs/keywords.md#lab-upload): stored with the samples, in the upload's
 * transaction, and read back for the console de-duplicated (labs re-send lines).
 */
@Injectable()
export class LabLogsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the payload's lines (a re-run stores them once); returns how many had an unreadable time. */
  async store(payloadId: number, logs: readonly LabLogRecord[], db: EntityManager): Promise<number> {
    await db.query('DELETE FROM lab_log WHERE payload_id = $1', [payloadId]);
    if (logs.length === 0) return 0;
    const times = logs.map((l) => parseLogTime(l.at));
    await db.query(
      `INSERT INTO lab_log (payload_id, logged_at, raw_at, message, level, line)
       SELECT $1, t.at, t.raw, t.msg, t.lvl, t.ln FROM unnest($2::timestamp[], $3::varchar[], $4::text[], $5::varchar[], $6::integer[]) AS t(at, raw, msg, lvl, ln)`,
      [
        payloadId,
        times,
        logs.map((l, i) => (times[i] ? null : l.at.slice(0, 60))),
        logs.map((l) => l.msg),
        logs.map((l) => l.lvl.slice(0, 20)),
        logs.map((l) => l.ln),
      ],
    );
    return times.filter((t) => t === null).length;
  }

  /** Sources that sent log lines in the last `days` days, by name. */
  async sources(days: number, now: Date): Promise<LabLogSource[]> {
    const rows: Array<{ source: string; lines: string; last: Date }> = await this.dataSource.query(
      `SELECT coalesce(p.source, '') AS source, count(*) AS lines, max(p.incoming_date) AS last
         FROM lab_log l JOIN lab_payload p ON p.id = l.payload_id
        WHERE p.incoming_date >= $1::timestamptz - make_interval(days => $2)
        GROUP BY 1 ORDER BY 1`,
      [now, days],
    );
    return rows.map((r) => ({ source: r.source, lines: Number(r.lines), lastReceived: r.last }));
  }

  /**
   * The lines of sources starting with `prefix` received in the last `days` days, once per
   * (line, time) however often the lab re-sent them, in time order (unreadable times last).
   */
  async lines(prefix: string, days: number, now: Date, limit: number): Promise<LabLogLine[]> {
    const rows: Array<{ line: number; at: string | null; raw_at: string | null; level: string; message: string }> =
      await this.dataSource.query(
        `SELECT line, to_char(logged_at, 'YYYY-MM-DD HH24:MI:SS.MS') AS at, raw_at, level, message FROM (
         SELECT DISTINCT ON (l.line, l.logged_at, l.raw_at) l.line, l.logged_at, l.raw_at, l.level, l.message, l.id
           FROM lab_log l JOIN lab_payload p ON p.id = l.payload_id
          WHERE starts_with(coalesce(p.source, ''), $1) AND p.incoming_date >= $2::timestamptz - make_interval(days => $3)
          ORDER BY l.line, l.logged_at, l.raw_at, l.id
       ) once
       ORDER BY logged_at NULLS LAST, line, id
       LIMIT $4`,
        [prefix, now, days, limit],
      );
    return rows.map((r) => ({
      line: r.line,
      at: r.at ?? r.raw_at ?? '',
      readable: r.at !== null,
      level: r.level,
      message: r.message,
    }));
  }
}
