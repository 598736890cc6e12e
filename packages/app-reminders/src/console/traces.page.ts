import { Clock, ConsolePage, html, type ConsolePageHandler, type ConsoleView } from '@mwana/core';
import { csvLink } from './render';
import { CareReports, STUCK_DAYS } from './care.reports';
import { tableHtml } from './table';

/** Traces by state and age, and the open ones that are stuck. */
@ConsolePage({ path: 'reminders/traces', title: 'Traces', order: 61 })
export class TracesPage implements ConsolePageHandler {
  constructor(
    private readonly reports: CareReports,
    private readonly clock: Clock,
  ) {}

  async render(): Promise<ConsoleView> {
    const now = this.clock.now();
    const [ages, stuck] = await Promise.all([this.reports.traceAges(now), this.reports.stuckTraces(now)]);
    const body = html`<p class="muted">new: agents asked to find the patient; told: an agent told them to come; awaiting_confirm: the agent was asked to confirm the visit; confirmed: the agent saw them come.</p>
${tableHtml(ages, 'No traces yet.')}
${csvLink(ages.name)}
<h2>Stuck: open for more than ${STUCK_DAYS} days</h2>
${tableHtml(stuck, 'No trace is stuck.')}
${csvLink(stuck.name)}`;
    return { body };
  }
}
