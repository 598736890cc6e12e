import { countryConfig } from '../../config/core.config';
import { MwanaConfig } from '../../config/mwana-config';
import type { Direction, MessageStatus } from '../../message-log/message.entity';
import { ConsolePage, type ConsoleContext, type ConsolePageHandler, type ConsoleView } from '../console-page';
import { html, href } from '../html';
import { type MessageFilters, MessageSearchService } from '../message-search.service';
import { ALL_STATUSES, formatTime, select, statusBadge } from './format';

const PAGE_SIZE = 50;

/** Every SMS in and out, newest first: search by phone, text, app, status and direction. */
@ConsolePage({ path: 'messages', title: 'Messages', order: 10 })
export class MessagesPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly search: MessageSearchService,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const q = ctx.query;
    const filters: MessageFilters = {
      phone: q.phone,
      text: q.text,
      app: q.app,
      direction: q.direction === 'in' || q.direction === 'out' ? (q.direction as Direction) : undefined,
      status: ALL_STATUSES.includes(q.status ?? '') ? (q.status as MessageStatus) : undefined,
    };
    const page = await this.search.search(filters, { cursor: q.before, limit: PAGE_SIZE });
    const kept = { phone: q.phone, text: q.text, app: q.app, direction: filters.direction, status: filters.status };
    const body = html`<form class="filters" method="get" action="/console/messages">
<label>Phone <input name="phone" value="${q.phone ?? ''}" size="14" inputmode="tel"></label>
<label>Text <input name="text" value="${q.text ?? ''}" size="14"></label>
<label>App <input name="app" value="${q.app ?? ''}" size="10"></label>
<label>Direction ${select('direction', ['in', 'out'], filters.direction)}</label>
<label>Status ${select('status', ALL_STATUSES, filters.status)}</label>
<button type="submit">Search</button> <a href="/console/messages">Clear</a></form>
${
  page.messages.length === 0
    ? html`<p>No messages${q.before ? ' before these' : ''} match.</p>`
    : html`<div class="scroll"><table class="log"><thead><tr><th>When</th><th></th><th>Phone</th><th>Text</th><th>Status</th><th>App</th></tr></thead><tbody>
${page.messages.map(
  (m) => html`<tr><td class="nowrap muted">${formatTime(m.createdAt, this.timeZone)} <br>#${m.id}</td>
<td title="${m.direction === 'in' ? 'received' : 'sent'}">${m.direction === 'in' ? '→' : '←'}</td>
<td class="nowrap"><a href="${href('/console/messages/thread', { connection: m.connectionId })}">${m.phone}</a>${m.contactName ? html` <br><span class="muted">${m.contactName}</span>` : null}</td>
<td class="wide">${m.text}${m.error ? html`<br><span class="muted">${m.error}</span>` : null}</td>
<td>${statusBadge(m.status)}</td><td class="muted">${m.app ?? ''}${m.handler ? html` <br>${m.handler}` : null}</td></tr>
`,
)}</tbody></table></div>`
}
<p class="pager">${q.before ? html`<a href="${href('/console/messages', kept)}">« Newest</a> ` : null}${
      page.next
        ? html`<a href="${href('/console/messages', { ...kept, before: page.next })}" rel="next">Older »</a>`
        : null
    }</p>`;
    return { body };
  }
}
