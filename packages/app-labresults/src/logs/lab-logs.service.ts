import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { logSchema, payloadProblems } from '../upload/payload.schema';
import { parseLogTime } from './log-time';

/** A line as JSON text; one nested too deep to write back stays only in its payload's raw body. */
function rawLine(line: unknown): string {
  try {
    return JSON.stringify(line) ?? '';
  } catch {
    return '(nested too deep to store on its own: see the payload)';
  }
}

/** One line as the viewer shows it; `at` is the lab's local time, or `at` as sent when unreadable. */
export interface LabLogLine {
  /** Null when the lab sent none (or the line was flagged). */
  readonly line: number | null;
  readonly at: string;
  readonly readable: boolean;
  readonly level: string;
  /** The message; for a flagged line, the line as the lab sent it (JSON). */
  readonly message: string;
  /** Why a line was kept raw (what field, what was wrong), null for a line that fitted. */
  readonly problem: string | null;
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

  /**
   * Replaces the payload's lines (a re-run stores them once). A line that does not fit
   * (no `msg`, a number beyond an integer, NUL) is stored as its JSON text with the problem,
   * and holds back nothing. Returns how many had an unreadable time, and how many were flagged.
   */
  async store(
    payloadId: number,
    logs: readonly unknown[],
    db: EntityManager,
  ): Promise<{ unreadableTimes: number; flagged: number }> {
    await db.query('DELETE FROM lab_log WHERE payload_id = $1', [payloadId]);
    if (logs.length === 0) return { unreadableTimes: 0, flagged: 0 };
    const read = logs.map((line) => {
      const parsed = logSchema.safeParse(line);
      return parsed.success
        ? { line: parsed.data, problem: null }
        : {
            line: null,
            problem: payloadProblems(parsed.error).join('; ').slice(0, 200),
            raw: rawLine(line),
          };
    });
    const times = read.map((r) => (r.line ? parseLogTime(r.line.at) : null));
    await db.query(
      `INSERT INTO lab_log (payload_id, logged_at, raw_at, message, level, line, raw, problem)
       SELECT $1, t.at, t.raw_at, t.msg, t.lvl, t.ln, t.raw, t.problem
         FROM unnest($2::timestamp[], $3::varchar[], $4::text[], $5::varchar[], $6::integer[], $7::text[], $8::varchar[])
           AS t(at, raw_at, msg, lvl, ln, raw, problem)`,
      [
        payloadId,
        times,
        read.map((r, i) => (r.line && !times[i] ? r.line.at.slice(0, 60) : null)),
        read.map((r) => r.line?.msg ?? null),
        read.map((r) => r.line?.lvl ?? null),
        read.map((r) => r.line?.ln ?? null),
        read.map((r) => ('raw' in r ? r.raw : null)),
        read.map((r) => r.problem),
      ],
    );
    return {
      unreadableTimes: read.filter((r, i) => r.line && times[i] === null).length,
      flagged: read.filter((r) => r.problem !== null).length,
    };
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
    const rows: Array<{
      line: number | null;
      at: string | null;
      raw_at: string | null;
      level: string;
      message: string;
      problem: string | null;
    }> = await this.dataSource.query(
      // Without a line number, the text tells re-sent lines apart.
      `SELECT line, to_char(logged_at, 'YYYY-MM-DD HH24:MI:SS.MS') AS at, raw_at, level, message, problem FROM (
         SELECT DISTINCT ON (l.line, l.logged_at, l.raw_at, same) l.line, l.logged_at, l.raw_at,
                coalesce(l.level, '') AS level, coalesce(l.message, l.raw, '') AS message, l.problem, l.id
           FROM lab_log l JOIN lab_payload p ON p.id = l.payload_id
           CROSS JOIN LATERAL (SELECT CASE WHEN l.line IS NULL THEN coalesce(l.message, l.raw) END AS same) s
          WHERE starts_with(coalesce(p.source, ''), $1) AND p.incoming_date >= $2::timestamptz - make_interval(days => $3)
          ORDER BY l.line, l.logged_at, l.raw_at, same, l.id
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
      problem: r.problem,
    }));
  }
}
