import { MessageActivity, MwanaConfig, countryConfig, formatTime } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentDirectory } from '../agents/agent-directory';
import { Places } from '../places/places';
import { monthsBetween } from './render';
import type { Table } from './table';

const LIMIT = 2000;

/** RemindMi's console tables of people: events registered by agent and month, agents per zone. */
@Injectable()
export class PeopleReports {
  private readonly timeZone: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: AgentDirectory,
    private readonly places: Places,
    private readonly activity: MessageActivity,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  /** Events registered per agent and per month (of registration, on the country's calendar), `from` to `to` (YYYY-MM). */
  async birthsByAgent(from: string, to: string): Promise<{ table: Table; months: string[]; totals: number[] }> {
    const rows: Array<{ agent: number | null; month: string; n: number }> = await this.dataSource.query(
      `SELECT logged_by_id AS agent, to_char(logged_at AT TIME ZONE $1, 'YYYY-MM') AS month, count(*)::int AS n
         FROM patient_event
        WHERE logged_at >= ($2 || '-01')::timestamp AT TIME ZONE $1
          AND logged_at < (($3 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE $1
        GROUP BY 1, 2`,
      [this.timeZone, from, to],
    );
    const months = monthsBetween(from, to);
    const db = this.dataSource.manager;
    const people = await this.directory.people(
      rows.flatMap((r) => (r.agent === null ? [] : [r.agent])),
      db,
    );
    const places = await this.places.withClinics(
      [...people.values()].flatMap((p) => (p.locationId === null ? [] : [p.locationId])),
      db,
    );
    const byAgent = new Map<number | null, Map<string, number>>();
    for (const r of rows) byAgent.set(r.agent, (byAgent.get(r.agent) ?? new Map()).set(r.month, r.n));
    const table = [...byAgent].map(([agent, counts]) => {
      const person = agent === null ? undefined : people.get(agent);
      const place = person?.locationId == null ? undefined : places.get(person.locationId);
      const perMonth = months.map((m) => counts.get(m) ?? 0);
      return [
        person?.name ?? '(unregistered phones)',
        person?.phone ?? '',
        place?.clinic ?? '',
        place?.kind === 'zone' ? place.name : '',
        ...perMonth,
        perMonth.reduce((sum, n) => sum + n, 0),
      ];
    });
    table.sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[0]).localeCompare(String(b[0])));
    return {
      table: { name: 'births', columns: ['Agent', 'Phone', 'Clinic', 'Zone', ...months, 'Total'], rows: table },
      months,
      totals: months.map((m) => rows.filter((r) => r.month === m).reduce((sum, r) => sum + r.n, 0)),
    };
  }

  /** Active agents per zone (of one clinic, or all), with the last SMS each sent and how many events they registered. */
  async agents(clinicId: number | null): Promise<Table> {
    const db = this.dataSource.manager;
    const locations = clinicId === null ? null : await this.places.clinicAndZoneIds(clinicId, db);
    const agents = (await this.directory.agentsAmong(locations, db)).slice(0, LIMIT);
    const places = await this.places.withClinics(
      agents.flatMap((a) => (a.contact.locationId === null ? [] : [a.contact.locationId])),
      db,
    );
    const counts: Array<{ agent: number; n: number }> = await db.query(
      'SELECT logged_by_id AS agent, count(*)::int AS n FROM patient_event WHERE logged_by_id = ANY($1) GROUP BY 1',
      [agents.map((a) => a.contact.id)],
    );
    const events = new Map(counts.map((c) => [c.agent, c.n]));
    const lastAt = await this.activity.lastReceived(
      agents.map((a) => a.connection.id),
      db,
    );
    const rows = agents.map(({ contact, connection }) => {
      const place = contact.locationId === null ? undefined : places.get(contact.locationId);
      const at = lastAt.get(connection.id);
      return [
        place?.clinic ?? '',
        place?.kind === 'zone' ? place.name : '',
        contact.name,
        connection.identity,
        at ? formatTime(at, this.timeZone) : '',
        events.get(contact.id) ?? 0,
      ];
    });
    rows.sort(
      (a, b) =>
        String(a[0]).localeCompare(String(b[0])) ||
        String(a[1]).localeCompare(String(b[1]), undefined, { numeric: true }),
    );
    return { name: 'agents', columns: ['Clinic', 'Zone', 'Agent', 'Phone', 'Last message', 'Events registered'], rows };
  }
}
