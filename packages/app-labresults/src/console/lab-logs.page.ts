import {
  Clock,
  ConsolePage,
  href,
  html,
  MwanaConfig,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
} from '@mwana/core';
import { type LabLogLine, LabLogsService } from '../logs/lab-logs.service';
import { withGaps } from '../logs/log-gaps';
import { intParam, LABRESULTS_PATH, timeFormatter } from './render';

const LOGS_PATH = `${LABRESULTS_PATH}/logs`;
const MAX_LINES = 2000;

/**
 * What the labs' computers logged, as their uploads carried it (Mwana's log viewer): the
 * sources heard from in the last days, and one source's lines, re-sent lines shown once,
 * with the lines never received and the log rotations pointed out.
 */
@ConsolePage({ path: 'labresults/logs', title: 'Lab logs', order: 54 })
export class LabLogsPage implements ConsolePageHandler {
  private readonly time: (date: Date | null) => string;

  constructor(
    private readonly logs: LabLogsService,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.time = timeFormatter(config);
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const days = intParam(ctx.query.days, 7, 1, 366);
    const source = ctx.query.source?.trim() ?? '';
    const now = this.clock.now();
    const sources = await this.logs.sources(days, now);
    const lines = source ? await this.logs.lines(source, days, now, MAX_LINES) : [];
    const body = html`<form class="filters" method="get" action="${LOGS_PATH}">
<label>Source starts with <input name="source" value="${source}" size="20"></label>
<label>Last <input name="days" value="${days}" size="3" inputmode="numeric"> days</label>
<button type="submit">Show</button></form>
${
  sources.length === 0
    ? html`<p class="muted">No lab sent log lines in the last ${days} days.</p>`
    : html`<table class="log"><thead><tr><th>Source</th><th>Lines</th><th>Last upload</th></tr></thead><tbody>
${sources.map(
  (
    s,
  ) => html`<tr><td><a href="${href(LOGS_PATH, { source: s.source, days })}">${s.source || '(none)'}</a></td><td>${s.lines}</td><td class="nowrap muted">${this.time(s.lastReceived)}</td></tr>
`,
)}</tbody></table>`
}
${source ? this.lines(source, days, lines) : null}`;
    return { body };
  }

  private lines(source: string, days: number, lines: readonly LabLogLine[]) {
    if (lines.length === 0)
      return html`<p class="muted">No lines from sources starting with "${source}" in the last ${days} days.</p>`;
    return html`<h2>${source}</h2>${lines.length === MAX_LINES ? html`<p class="muted">The first ${MAX_LINES} lines are shown.</p>` : null}
<div class="scroll"><table class="log"><thead><tr><th>Line</th><th>Time (lab)</th><th>Level</th><th>Message</th></tr></thead><tbody>
${withGaps(lines).map((entry) => {
  if (entry.kind === 'missing')
    return html`<tr class="alert"><td colspan="4"><span class="status status-failed">missing log entries (${entry.count} lines)</span></td></tr>\n`;
  if (entry.kind === 'rotation')
    return html`<tr class="alert"><td colspan="4"><span class="status status-failed">logfile rotation (?)</span></td></tr>\n`;
  const { line } = entry;
  return html`<tr><td>${line.line ?? ''}</td><td class="nowrap${line.readable ? '' : ' muted'}">${line.at}</td><td>${line.problem ? html`<span class="status status-failed">flagged</span> ` : null}${line.level}</td><td class="wide">${line.message}${line.problem ? html` <span class="muted">(${line.problem})</span>` : null}</td></tr>\n`;
})}</tbody></table></div>`;
  }
}
