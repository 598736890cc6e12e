import { countryConfig } from '../../config/core.config';
import { MwanaConfig } from '../../config/mwana-config';
import { GatewayRegistry } from '../../gateways/gateway.registry';
import { type BreakerView, GatewayBreaker } from '../../outbox/gateway-breaker';
import { ConsolePage, type ConsoleContext, type ConsolePageHandler, type ConsoleView } from '../console-page';
import { html, type SafeHtml } from '../html';
import { formatTime } from './format';

/** Each gateway's circuit breaker (closed, open, half-open, since when, the last error) and its backlog. */
@ConsolePage({ path: 'gateways', title: 'Gateways', order: 25 })
export class GatewaysPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly breaker: GatewayBreaker,
    private readonly gateways: GatewayRegistry,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(_ctx: ConsoleContext): Promise<ConsoleView> {
    const [states, backlog] = await Promise.all([this.breaker.list(), this.breaker.backlog()]);
    const byName = new Map(states.map((s) => [s.gateway, s]));
    const names = [...new Set([...this.gateways.names(), ...states.map((s) => s.gateway), ...backlog.keys()])];
    const rows = names.map((name) => {
      const state = byName.get(name);
      const waiting = backlog.get(name);
      return html`<tr><td><strong>${name}</strong><br><span class="muted">${this.gateways.get(name)?.type ?? 'not configured'}</span></td>
<td data-label="state">${this.state(state)}</td>
<td data-label="since" class="nowrap">${state ? formatTime(state.since, this.timeZone) : ''}</td>
<td data-label="failures in a row">${state?.failures ?? 0}</td>
<td data-label="next probe" class="nowrap">${state && state.state !== 'closed' && state.probeAt ? formatTime(state.probeAt, this.timeZone) : ''}</td>
<td data-label="last error" class="wide">${state?.lastError ? html`${state.lastError}<br><span class="muted">${formatTime(state.lastErrorAt ?? state.since, this.timeZone)}</span>` : html`<span class="muted">none</span>`}</td>
<td data-label="backlog">${waiting?.waiting ?? 0}</td>
<td data-label="oldest waiting" class="nowrap">${waiting ? formatTime(waiting.oldest, this.timeZone) : ''}</td></tr>
`;
    });
    const body = html`<p class="muted">A gateway that keeps failing is paused (open): its messages wait, no attempt spent, while one message at a time probes it (half-open); one that goes through closes it.</p>
<div class="scroll"><table class="log gateways"><thead><tr><th>Gateway</th><th>State</th><th>Since</th><th>Failures in a row</th><th>Next probe</th><th>Last error</th><th>Backlog</th><th>Oldest waiting</th></tr></thead><tbody>
${rows}</tbody></table></div>`;
    return { body };
  }

  private state(state: BreakerView | undefined): SafeHtml {
    // The badges' colours: closed as sent (green), open as failed (red), half-open plain.
    const shown = state?.state ?? 'closed';
    const badge = shown === 'closed' ? 'sent' : shown === 'open' ? 'failed' : 'retrying';
    return html`<span class="status status-${badge}" data-state="${shown}">${shown}</span>`;
  }
}
