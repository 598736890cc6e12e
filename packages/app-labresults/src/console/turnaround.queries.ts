import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The stages a result goes through, in order, each the days between two of its dates. */
export const STAGES = [
  { key: 'transport', label: 'Collected → received at lab' },
  { key: 'processing', label: 'Received → tested' },
  { key: 'upload', label: 'Tested → arrived' },
  { key: 'retrieval', label: 'Arrived → delivered' },
] as const;
export type StageKey = (typeof STAGES)[number]['key'];

/** Mean days per stage for the results delivered in one month; null where no result had both dates. */
export interface TurnaroundRow {
  /** `2026-01` */
  readonly month: string;
  /** Null for the row of every district together (`all`), and for clinics in no district. */
  readonly districtId: number | null;
  readonly all: boolean;
  readonly district: string;
  readonly delivered: number;
  readonly stages: Readonly<Record<StageKey, number | null>>;
  /** Collected → delivered. */
  readonly total: number | null;
}

export interface TurnaroundFilter {
  /** First and last month, `YYYY-MM`, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly districtId?: number;
}

interface Raw {
  readonly month: string;
  readonly district_id: number | null;
  readonly district: string | null;
  readonly is_all: boolean;
  readonly delivered: string;
  readonly transport: number | null;
  readonly processing: number | null;
  readonly upload: number | null;
  readonly retrieval: number | null;
  readonly total: number | null;
}

/** A span in days counts only when it is plausible: dates typed wrong (2006 for 2026) would swamp a mean. */
const MAX_DAYS = 365;

/**
 * Turnaround per stage, by district and by the month results were delivered (in the country's
 * time zone): a month's figures are final once it is over. Each stage is averaged over the
 * results that have both of its dates, so the stages add up to about the whole.
 */
@Injectable()
export class TurnaroundQueries {
  constructor(private readonly dataSource: DataSource) {}

  async byDistrictAndMonth(filter: TurnaroundFilter, timeZone: string): Promise<TurnaroundRow[]> {
    const span = (from: string, to: string) =>
      `avg(${to} - ${from}) FILTER (WHERE ${to} - ${from} BETWEEN 0 AND ${MAX_DAYS})::float8`;
    const rows: Raw[] = await this.dataSource.query(
      `WITH delivered AS (
         SELECT to_char(r.result_sent_date AT TIME ZONE $1, 'YYYY-MM') AS month, d.id AS district_id, d.name AS district,
                r.collected_on, r.entered_on, r.processed_on,
                (r.arrival_date AT TIME ZONE $1)::date AS arrived, (r.result_sent_date AT TIME ZONE $1)::date AS sent
           FROM lab_result r
           JOIN location c ON c.id = r.clinic_id
           LEFT JOIN LATERAL (
             SELECT a.id, a.name FROM location a JOIN location_type t ON t.id = a.type_id
              WHERE a.id = ANY(c.path) AND t.kind = 'district' LIMIT 1
           ) d ON true
          WHERE r.result_sent_date IS NOT NULL
            AND to_char(r.result_sent_date AT TIME ZONE $1, 'YYYY-MM') BETWEEN $2 AND $3
            AND ($4::int IS NULL OR d.id = $4)
       )
       SELECT month, district_id, district, GROUPING(district_id) = 1 AS is_all, count(*) AS delivered,
              ${span('collected_on', 'entered_on')} AS transport,
              ${span('entered_on', 'processed_on')} AS processing,
              ${span('processed_on', 'arrived')} AS upload,
              ${span('arrived', 'sent')} AS retrieval,
              ${span('collected_on', 'sent')} AS total
         FROM delivered
        GROUP BY GROUPING SETS ((month, district_id, district), (month))
        ORDER BY month DESC, GROUPING(district_id) DESC, district NULLS LAST`,
      [timeZone, filter.from, filter.to, filter.districtId ?? null],
    );
    return rows.map((r) => ({
      month: r.month,
      districtId: r.district_id,
      all: r.is_all,
      district: r.is_all ? 'All districts' : (r.district ?? 'No district'),
      delivered: Number(r.delivered),
      stages: { transport: r.transport, processing: r.processing, upload: r.upload, retrieval: r.retrieval },
      total: r.total,
    }));
  }

  /** Districts that have clinics with results, for the filter. */
  async districts(): Promise<Array<{ id: number; name: string }>> {
    return this.dataSource.query(
      `SELECT DISTINCT a.id, a.name FROM lab_result r
         JOIN location c ON c.id = r.clinic_id
         JOIN location a ON a.id = ANY(c.path)
         JOIN location_type t ON t.id = a.type_id AND t.kind = 'district'
        ORDER BY a.name`,
    );
  }
}
