import { MwanaConfig, countryConfig } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentDirectory } from '../agents/agent-directory';
import { EventCatalogue } from '../events/event-catalogue';
import { dayMonthYear } from '../names';
import { Places } from '../places/places';
import { addDays } from '../reminders/calendar';
import type { Table } from './table';

/** How far ahead the upcoming appointments look. */
export const UPCOMING_DAYS = 14;
/** Open traces older than this are listed as stuck. */
export const STUCK_DAYS = 7;
const AGE_BUCKETS: ReadonlyArray<readonly [string, number, number]> = [
  ['0-3 days', 0, 3],
  ['4-7 days', 4, 7],
  ['8-14 days', 8, 14],
  ['15-45 days', 15, 45],
  ['over 45 days', 46, 1_000_000],
];
const LIMIT = 2000;

/**
 * RemindMi's console tables of care: appointments ahead and traces, each one query (or a few,
 * by id) whatever the tables' size; the pages show them and `/console/reminders/export/<name>.csv`
 * sends them as CSV.
 */
@Injectable()
export class CareReports {
  private readonly timeZone: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: EventCatalogue,
    private readonly directory: AgentDirectory,
    private readonly places: Places,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  /** Appointments from `today` to `UPCOMING_DAYS` ahead, by day and clinic; whether the agents were reminded. */
  async upcoming(today: string, clinicId: number | null): Promise<Table> {
    const columns = ['Date', 'Clinic', 'Zone', 'Patient', 'Appointment', 'Reminded'];
    const windows = this.catalogue.events.flatMap((e) => e.appointments.map((a) => ({ e, a })));
    if (windows.length === 0) return { name: 'appointments', columns, rows: [] };
    const params: unknown[] = [clinicId];
    const values = windows.map(({ e, a }) => {
      params.push(e.slug, a.name, a.days, addDays(today, -a.days), addDays(today, UPCOMING_DAYS - a.days));
      const n = params.length;
      return `($${n - 4}::text, $${n - 3}::text, $${n - 2}::int, $${n - 1}::date, $${n}::date)`;
    });
    const rows: Array<{
      day: string;
      patient_id: number;
      location_id: number | null;
      appointment: string;
      sent: boolean;
    }> = await this.dataSource.query(
      `WITH w (event, appointment, days, first, last) AS (VALUES ${values.join(', ')})
         SELECT (e.date + w.days)::text AS day, e.patient_id, e.location_id, w.appointment,
                EXISTS (SELECT 1 FROM sent_reminder s WHERE s.patient_event_id = e.id AND s.appointment = w.appointment) AS sent
           FROM w JOIN patient_event e ON e.event = w.event AND e.date BETWEEN w.first AND w.last
          WHERE $1::int IS NULL OR e.clinic_id = $1
          ORDER BY day, e.clinic_id, e.id LIMIT ${LIMIT}`,
      params,
    );
    const db = this.dataSource.manager;
    const people = await this.directory.people(
      rows.map((r) => r.patient_id),
      db,
    );
    const places = await this.places.withClinics(
      rows.flatMap((r) => (r.location_id === null ? [] : [r.location_id])),
      db,
    );
    return {
      name: 'appointments',
      columns,
      rows: rows.map((r) => {
        const place = r.location_id === null ? undefined : places.get(r.location_id);
        return [
          dayMonthYear(r.day),
          place?.clinic ?? '',
          place?.kind === 'zone' ? place.name : '',
          people.get(r.patient_id)?.name ?? '',
          r.appointment,
          r.sent ? 'yes' : 'no',
        ];
      }),
    };
  }

  /** Traces by state and by how long ago they started. */
  async traceAges(now: Date): Promise<Table> {
    const rows: Array<{ status: string; buckets: number[] }> = await this.dataSource.query(
      `SELECT status, array[${AGE_BUCKETS.map(
        (_, i) => `count(*) FILTER (WHERE age BETWEEN $${2 * i + 2} AND $${2 * i + 3})::int`,
      ).join(', ')}] AS buckets
         FROM (SELECT status, floor(extract(epoch FROM ($1 - started_at)) / 86400)::int AS age FROM patient_trace) t
        GROUP BY status`,
      [now, ...AGE_BUCKETS.flatMap(([, from, to]) => [from, to])],
    );
    const order = ['new', 'told', 'awaiting_confirm', 'confirmed', 'refused', 'lost', 'dead'];
    rows.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
    return {
      name: 'traces',
      columns: ['Status', ...AGE_BUCKETS.map(([label]) => label), 'Total'],
      rows: rows.map((r) => [r.status, ...r.buckets, r.buckets.reduce((sum, n) => sum + n, 0)]),
    };
  }

  /** Open traces (new, told, awaiting confirmation) that started more than `STUCK_DAYS` ago, oldest first. */
  async stuckTraces(now: Date): Promise<Table> {
    const rows: Array<{
      started: string;
      clinic: string | null;
      name: string;
      kind: string;
      status: string;
      age: number;
      messenger_id: number | null;
    }> = await this.dataSource.query(
      `SELECT to_char(t.started_at AT TIME ZONE $3, 'YYYY-MM-DD') AS started, l.name AS clinic, t.name, t.kind, t.status,
                floor(extract(epoch FROM ($1 - t.started_at)) / 86400)::int AS age, t.messenger_id
           FROM patient_trace t LEFT JOIN location l ON l.id = t.clinic_id
          WHERE t.status IN ('new', 'told', 'awaiting_confirm') AND t.started_at < $2
          ORDER BY t.started_at, t.id LIMIT ${LIMIT}`,
      [now, new Date(now.getTime() - STUCK_DAYS * 86_400_000), this.timeZone],
    );
    const agents = await this.directory.people(
      rows.flatMap((r) => (r.messenger_id === null ? [] : [r.messenger_id])),
      this.dataSource.manager,
    );
    return {
      name: 'stuck-traces',
      columns: ['Started', 'Clinic', 'Patient', 'Kind', 'Status', 'Days', 'Agent who told'],
      rows: rows.map((r) => [
        r.started,
        r.clinic ?? '',
        r.name,
        r.kind,
        r.status,
        r.age,
        r.messenger_id === null ? '' : (agents.get(r.messenger_id)?.name ?? ''),
      ]),
    };
  }
}
