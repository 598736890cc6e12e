import { ConsolePage, html, MwanaConfig, type ConsolePageHandler, type ConsoleView } from '@mwana/core';
import { DataSource } from 'typeorm';
import { Broadcaster, deliveryCounts } from '../groups/broadcaster.service';
import { SEND_PATH, timeFormatter } from './render';

/** The latest broadcasts, by SMS, console or API, with how many of their messages were sent, delivered and failed. */
@ConsolePage({ path: 'broadcast', title: 'Broadcasts', order: 70 })
export class BroadcastsPage implements ConsolePageHandler {
  private readonly time: (date: Date | null) => string;

  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly dataSource: DataSource,
    config: MwanaConfig,
  ) {
    this.time = timeFormatter(config);
  }

  async render(): Promise<ConsoleView> {
    const rows = await this.broadcaster.log(100, this.dataSource.manager);
    const body = html`<p><a href="${SEND_PATH}">Send a message</a> to contacts by role and location. Queued, sent, delivered and failed count SMS: a long text is several per recipient.</p>
${
  rows.length === 0
    ? html`<p class="muted">No broadcasts yet.</p>`
    : html`<div class="scroll"><table class="log broadcasts"><thead><tr><th>When</th><th>From</th><th>To</th><th>Text</th><th>Recipients</th><th>Queued</th><th>Sent</th><th>Delivered</th><th>Failed</th></tr></thead><tbody>${rows.map(
        (r) => {
          const c = deliveryCounts(r.counts);
          return html`<tr data-broadcast="${r.id}"><td class="nowrap muted">${this.time(r.createdAt)}</td><td>${r.senderName ?? (r.consoleUser ? html`<span class="muted">console:</span> ${r.consoleUser}` : '')}</td><td>${r.group}</td><td>${r.text}</td><td class="num">${r.recipients}</td><td class="num">${c.queued}</td><td class="num">${c.sent}</td><td class="num">${c.delivered}</td><td class="num">${c.failed}</td></tr>
`;
        },
      )}</tbody></table></div>`
}`;
    return { body };
  }
}
