import {
  ConsolePage,
  html,
  MwanaConfig,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
  type SafeHtml,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import { HelpDesk, type HelpRequestRow } from '../help/help-desk.service';
import { HELP_PATH, timeFormatter } from './render';

const NOTE_MAX = 500;

/**
 * HELP requests still open (pending, or addressed and not yet resolved), newest first: the
 * help desk marks each addressed or resolved with a note, and the page keeps who did it and when.
 */
@ConsolePage({ path: 'broadcast/help', title: 'Help requests', order: 72 })
export class HelpRequestsPage implements ConsolePageHandler {
  private readonly time: (date: Date | null) => string;

  constructor(
    private readonly helpDesk: HelpDesk,
    private readonly dataSource: DataSource,
    config: MwanaConfig,
  ) {
    this.time = timeFormatter(config);
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const all = ctx.query.all === '1';
    const requests = await this.helpDesk.requests({ includeResolved: all, limit: 200 }, this.dataSource.manager);
    const open = requests.filter((r) => r.status !== 'resolved').length;
    const body = html`<p>${open} open. ${all ? html`<a href="${HELP_PATH}">Open requests only</a>` : html`<a href="${HELP_PATH}?all=1">With the resolved ones</a>`}</p>
${
  requests.length === 0
    ? html`<p class="muted">No open help requests.</p>`
    : html`<div class="scroll"><table class="log help"><thead><tr><th>When</th><th>Who</th><th>Their message</th><th>Status</th><th>Handled</th><th></th></tr></thead><tbody>${requests.map(
        (r) => this.row(ctx, r),
      )}</tbody></table></div>`
}`;
    return { body };
  }

  private row(ctx: ConsoleContext, r: HelpRequestRow): SafeHtml {
    const handled = r.handledBy
      ? html`${r.handledBy} <span class="muted">${this.time(r.handledAt)}</span>${r.note ? html`<br>${r.note}` : null}`
      : '';
    const actions =
      r.status === 'resolved'
        ? ''
        : html`<form class="inline" method="post" action="${HELP_PATH}">${ctx.csrfField()}<input type="hidden" name="id" value="${r.id}"><input name="note" maxlength="${NOTE_MAX}" placeholder="note" aria-label="note">${
            r.status === 'pending' ? html` <button name="action" value="addressed">Addressed</button>` : null
          } <button name="action" value="resolved">Resolved</button></form>`;
    return html`<tr data-request="${r.id}"><td class="nowrap muted">${this.time(r.createdAt)}</td><td>${r.name ? html`<strong>${r.name}</strong><br>` : null}<span class="nowrap">${r.phone}</span></td><td>${r.text}</td><td>${r.status}</td><td>${handled}</td><td>${actions}</td></tr>
`;
  }

  async submit(ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const status = form.action === 'addressed' || form.action === 'resolved' ? form.action : null;
    const id = /^\d{1,9}$/.test(form.id ?? '') ? Number(form.id) : null;
    const note = form.note ?? '';
    if (!status || id === null) return { redirect: HELP_PATH, error: 'Choose Addressed or Resolved for a request.' };
    if (note.length > NOTE_MAX) return { redirect: HELP_PATH, error: `A note has at most ${NOTE_MAX} characters.` };
    const marked = await this.helpDesk.mark(id, status, ctx.user.username, note, this.dataSource.manager);
    if (!marked) return { redirect: HELP_PATH, error: 'There is no such help request.' };
    return { redirect: HELP_PATH, notice: `Help request #${id} marked ${status}.` };
  }
}
