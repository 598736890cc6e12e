import {
  Clock,
  ConsolePage,
  MwanaConfig,
  countryConfig,
  html,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import { Places } from '../places/places';
import { dayIn } from '../reminders/calendar';
import { REMINDERS_PATH, clinicFilter, csvLink } from './render';
import { CareReports, UPCOMING_DAYS } from './care.reports';
import { tableHtml } from './table';

/** RemindMi's first page: the appointments of the next 14 days, by clinic, and whether agents were reminded. */
@ConsolePage({ path: 'reminders', title: 'RemindMi', order: 60 })
export class UpcomingPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly reports: CareReports,
    private readonly places: Places,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const db = this.dataSource.manager;
    const clinics = await this.places.clinicsWithZones(db);
    const clinic = clinics.find((c) => c.code === ctx.query.clinic);
    const table = await this.reports.upcoming(dayIn(this.clock.now(), this.timeZone), clinic?.id ?? null);
    const perClinic = new Map<string, number>();
    for (const row of table.rows) perClinic.set(String(row[1]), (perClinic.get(String(row[1])) ?? 0) + 1);
    const body = html`<p class="muted">Appointments in the next ${UPCOMING_DAYS} days; agents are reminded two days before each. Also: <a href="${REMINDERS_PATH}/traces">traces</a>, <a href="${REMINDERS_PATH}/births">births</a>, <a href="${REMINDERS_PATH}/agents">agents</a>.</p>
${clinicFilter(REMINDERS_PATH, clinics, clinic)}
${
  perClinic.size > 0
    ? html`<ul>${[...perClinic].map(([name, n]) => html`<li><strong>${name || 'No clinic'}</strong>: ${n}</li>`)}</ul>`
    : null
}
${tableHtml(table, `No appointments in the next ${UPCOMING_DAYS} days.`)}
${csvLink(table.name, { clinic: clinic?.code })}`;
    return { body };
  }
}
