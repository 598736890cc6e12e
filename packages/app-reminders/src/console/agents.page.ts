import { ConsolePage, html, type ConsoleContext, type ConsolePageHandler, type ConsoleView } from '@mwana/core';
import { DataSource } from 'typeorm';
import { Places } from '../places/places';
import { REMINDERS_PATH, clinicFilter, csvLink } from './render';
import { PeopleReports } from './people.reports';
import { tableHtml } from './table';

/** Active agents per zone, with the last SMS each sent: who is still working. */
@ConsolePage({ path: 'reminders/agents', title: 'Agents', order: 63 })
export class AgentsPage implements ConsolePageHandler {
  constructor(
    private readonly reports: PeopleReports,
    private readonly places: Places,
    private readonly dataSource: DataSource,
  ) {}

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const clinics = await this.places.clinicsWithZones(this.dataSource.manager);
    const clinic = clinics.find((c) => c.code === ctx.query.clinic);
    const table = await this.reports.agents(clinic?.id ?? null);
    const body = html`${clinicFilter(`${REMINDERS_PATH}/agents`, clinics, clinic)}
${tableHtml(table, 'No active agents.')}
${csvLink(table.name, { clinic: clinic?.code })}`;
    return { body };
  }
}
