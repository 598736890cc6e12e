import { Clock, ConsoleAccess, ConsoleAuthFilter, ConsoleAuthGuard, MwanaConfig, countryConfig } from '@mwana/core';
import { Controller, Get, NotFoundException, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Places } from '../places/places';
import { dayIn } from '../reminders/calendar';
import { monthRange } from './births.page';
import { CareReports } from './care.reports';
import { PeopleReports } from './people.reports';
import { type Table, toCsv } from './table';

/** What this route needs of Fastify's reply. */
interface Reply {
  header(name: string, value: string): Reply;
  send(body: string): unknown;
}

/**
 * `GET /console/reminders/export/<table>.csv`: each console table as CSV, with the page's
 * filters (`clinic`, `from`, `to`). A console login or an API token (`console.apiTokens`).
 */
@Controller('console/reminders/export')
@UseGuards(ConsoleAuthGuard)
@UseFilters(ConsoleAuthFilter)
@ConsoleAccess({ apiTokens: true })
export class RemindersExportController {
  private readonly timeZone: string;

  constructor(
    private readonly care: CareReports,
    private readonly people: PeopleReports,
    private readonly places: Places,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  @Get(':file')
  async export(
    @Param('file') file: string,
    @Query() query: Record<string, string | undefined>,
    @Res() reply: Reply,
  ): Promise<unknown> {
    const table = await this.table(file.replace(/\.csv$/, ''), query);
    if (!table || !file.endsWith('.csv')) throw new NotFoundException();
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${table.name}.csv"`)
      .send(toCsv(table));
  }

  private async table(name: string, query: Record<string, string | undefined>): Promise<Table | null> {
    const now = this.clock.now();
    const clinicId = async () =>
      query.clinic ? ((await this.places.clinicByCode(query.clinic, this.dataSource.manager))?.id ?? -1) : null;
    switch (name) {
      case 'appointments':
        return this.care.upcoming(dayIn(now, this.timeZone), await clinicId());
      case 'traces':
        return this.care.traceAges(now);
      case 'stuck-traces':
        return this.care.stuckTraces(now);
      case 'births': {
        const [from, to] = monthRange(query, now, this.timeZone);
        return (await this.people.birthsByAgent(from, to)).table;
      }
      case 'agents':
        return this.people.agents(await clinicId());
      default:
        return null;
    }
  }
}
