import {
  ConsolePage,
  countryConfig,
  formatTime,
  href,
  html,
  MwanaConfig,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
  type SafeHtml,
} from '@mwana/core';
import { BlacklistError } from './blacklist.error';
import { BlacklistService } from './blacklist.service';
import type { BlockedPhone } from './blocked-phone.entity';

const PATH = '/console/blacklist';
const LIFTED_SHOWN = 50;

/**
 * The blacklist as the help desk manages it (docs/keywords.md#blacklist): block a phone (with a
 * reason), lift a block, and every block with who made and lifted it, and when. As
 * `mwana blacklist` does; forms carry the console's CSRF field.
 */
@ConsolePage({ path: 'blacklist', title: 'Blocked phones', order: 70 })
export class BlacklistPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly blacklist: BlacklistService,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const all = await this.blacklist.list({ lifted: true, limit: 500 });
    const inForce = all.filter((b) => b.unblockedAt === null);
    const lifted = all.filter((b) => b.unblockedAt !== null).slice(0, LIFTED_SHOWN);
    const body = html`<p>A blocked phone's SMS are kept and answered "Your number has been blocked from using Mwana", and go no further; the help admins are told by SMS the first time it writes.</p>
<form class="filters" method="post" action="${PATH}">${ctx.csrfField()}<input type="hidden" name="action" value="block">
<label>Phone <input name="phone" size="16" required></label> <label>Reason <input name="reason" size="30" maxlength="200"></label>
<button type="submit">Block</button></form>
<h2>Blocked (${inForce.length})</h2>
${inForce.length === 0 ? html`<p class="muted">No phone is blocked.</p>` : this.table(ctx, inForce, true)}
<h2>Lifted</h2>
${lifted.length === 0 ? html`<p class="muted">None yet.</p>` : this.table(ctx, lifted, false)}`;
    return { body };
  }

  async submit(ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const by = `console user ${ctx.user.username}`;
    try {
      if (form.action === 'block') {
        const block = await this.blacklist.block(form.phone ?? '', by, form.reason);
        return { redirect: PATH, notice: `${block.identity} is blocked.` };
      }
      if (form.action === 'unblock') {
        const block = await this.blacklist.unblock(form.phone ?? '', by);
        return { redirect: PATH, notice: `${block.identity} may use Mwana again.` };
      }
      return { redirect: PATH, error: 'Unknown action.' };
    } catch (error) {
      if (error instanceof BlacklistError) return { redirect: PATH, error: error.message };
      throw error;
    }
  }

  private table(ctx: ConsoleContext, blocks: readonly BlockedPhone[], inForce: boolean): SafeHtml {
    const time = (date: Date | null): string => (date ? formatTime(date, this.timeZone) : '');
    const head = inForce
      ? html`<th>Phone</th><th>Reason</th><th>Blocked by</th><th>Blocked</th><th>Admins told</th><th></th>`
      : html`<th>Phone</th><th>Reason</th><th>Blocked by</th><th>Blocked</th><th>Lifted by</th><th>Lifted</th>`;
    const row = (b: BlockedPhone): SafeHtml => {
      const phone = html`<a href="${href('/console/messages', { phone: b.identity })}">${b.identity}</a>`;
      const common = html`<td class="nowrap">${phone}</td><td>${b.reason ?? ''}</td><td>${b.blockedBy}</td><td class="nowrap">${time(b.blockedAt)}</td>`;
      return inForce
        ? html`<tr>${common}<td class="nowrap">${time(b.adminsToldAt) || html`<span class="muted">not yet</span>`}</td>
<td><form class="inline" method="post" action="${PATH}">${ctx.csrfField()}<input type="hidden" name="action" value="unblock"><input type="hidden" name="phone" value="${b.identity}"><button type="submit">Lift</button></form></td></tr>
`
        : html`<tr>${common}<td>${b.unblockedBy ?? ''}</td><td class="nowrap">${time(b.unblockedAt)}</td></tr>
`;
    };
    return html`<div class="scroll"><table class="log"><thead><tr>${head}</tr></thead><tbody>${blocks.map(row)}</tbody></table></div>`;
  }
}
