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
import { birthsChart } from './births-chart';
import { MONTH, REMINDERS_PATH, csvLink, monthOf } from './render';
import { PeopleReports } from './people.reports';
import { tableHtml } from './table';

/** Months shown when none are asked for: this one and the five before. */
const DEFAULT_MONTHS = 6;

/** Births (and other events) registered by agent and by month: a table and a chart. */
@ConsolePage({ path: 'reminders/births', title: 'Births', order: 62 })
export class BirthsPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly reports: PeopleReports,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const [from, to] = monthRange(ctx.query, this.clock.now(), this.timeZone);
    const { table, months, totals } = await this.reports.birthsByAgent(from, to);
    const body = html`<form class="filters" method="get" action="${REMINDERS_PATH}/births">
<label>From <input name="from" value="${from}" size="7" pattern="\\d{4}-\\d{2}" placeholder="YYYY-MM"></label>
<label>To <input name="to" value="${to}" size="7" pattern="\\d{4}-\\d{2}" placeholder="YYYY-MM"></label>
<button type="submit">Show</button></form>
<p class="muted">Events registered each month by each agent (the month they were sent, on the country's calendar).</p>
${totals.some((n) => n > 0) ? birthsChart(months, totals) : null}
${tableHtml(table, `No events were registered from ${from} to ${to}.`)}
${csvLink(table.name, { from, to })}`;
    return { body };
  }
}

/** The months a page or an export asks for (`from`, `to` as YYYY-MM), or the last six. */
export function monthRange(
  query: Readonly<Record<string, string | undefined>>,
  now: Date,
  timeZone: string,
): [string, string] {
  let from = query.from && MONTH.test(query.from) ? query.from : monthOf(now, timeZone, DEFAULT_MONTHS - 1);
  let to = query.to && MONTH.test(query.to) ? query.to : monthOf(now, timeZone);
  if (from > to) [from, to] = [to, from];
  return [from, to];
}
