import {
  calendarDay,
  Clock,
  ConsolePage,
  countryConfig,
  html,
  MwanaConfig,
  select,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
} from '@mwana/core';
import { LABRESULTS_PATH } from './render';
import { days, turnaroundChart } from './turnaround-chart';
import { STAGES, TurnaroundQueries, type TurnaroundRow } from './turnaround.queries';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Months shown when none are asked for: this one and the five before. */
const DEFAULT_MONTHS = 6;

/** `2026-01` for a date in a time zone, and the month `back` months before it. */
function monthOf(date: Date, timeZone: string, back = 0): string {
  const { year, month } = calendarDay(date, timeZone);
  const index = year * 12 + (month - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * How long results take, stage by stage (collected, received at the lab, tested, arrived
 * on the server, delivered to the clinic), by district and by the month they were delivered:
 * a table and a chart of the mean days.
 */
@ConsolePage({ path: 'labresults/turnaround', title: 'Turnaround', order: 52 })
export class TurnaroundPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly queries: TurnaroundQueries,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const now = this.clock.now();
    let from = MONTH.test(ctx.query.from ?? '') ? ctx.query.from : monthOf(now, this.timeZone, DEFAULT_MONTHS - 1);
    let to = MONTH.test(ctx.query.to ?? '') ? ctx.query.to : monthOf(now, this.timeZone);
    if (from > to) [from, to] = [to, from];
    const districts = await this.queries.districts();
    // core's select posts the option's text: districts are asked for by name.
    const district = districts.find((d) => d.name === ctx.query.district);
    const rows = await this.queries.byDistrictAndMonth({ from, to, districtId: district?.id }, this.timeZone);
    const charted = rows.filter((r) => r.all);
    const body = html`<form class="filters" method="get" action="${LABRESULTS_PATH}/turnaround">
<label>From <input name="from" value="${from}" size="7" pattern="\\d{4}-\\d{2}" placeholder="YYYY-MM"></label>
<label>To <input name="to" value="${to}" size="7" pattern="\\d{4}-\\d{2}" placeholder="YYYY-MM"></label>
<label>District ${select(
      'district',
      districts.map((d) => d.name),
      district?.name,
      'all',
    )}</label>
<button type="submit">Show</button></form>
<p class="muted">Mean days per stage for the results delivered each month${district ? html` in ${district.name}` : null}; a stage counts the results that have both its dates.</p>
${
  rows.length === 0
    ? html`<p class="muted">No results were delivered from ${from} to ${to}${district ? html` in ${district.name}` : null}.</p>`
    : html`${turnaroundChart(charted)}
<div class="scroll"><table class="log"><thead><tr><th>Month</th><th>District</th><th>Delivered</th>${STAGES.map((s) => html`<th>${s.label}</th>`)}<th>Collected → delivered</th></tr></thead><tbody>
${rows.map((r) => this.row(r))}</tbody></table></div>`
}`;
    return { body };
  }

  private row(r: TurnaroundRow) {
    return html`<tr${r.all ? html` class="total"` : null}><td class="nowrap">${r.month}</td><td class="wide">${r.all ? html`<strong>${r.district}</strong>` : r.district}</td><td data-label="delivered">${r.delivered}</td>${STAGES.map(
      (s) => html`<td data-label="${s.key}">${days(r.stages[s.key])}</td>`,
    )}<td data-label="total"><strong>${days(r.total)}</strong></td></tr>
`;
  }
}
