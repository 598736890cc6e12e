import type { ContactSummary } from '../../contacts/contacts.repository';
import { ContactsService } from '../../contacts/contacts.service';
import {
  ConsolePage,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
} from '../console-page';
import { html, href, type SafeHtml } from '../html';

const SHOWN = 200;

/** Contacts as operators manage them (as `mwana contacts` does): list, deactivate, help admins. */
@ConsolePage({ path: 'contacts', title: 'Contacts', order: 20 })
export class ContactsPage implements ConsolePageHandler {
  constructor(private readonly contacts: ContactsService) {}

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const all = ctx.query.all === '1';
    const q = (ctx.query.q ?? '').trim().toLowerCase();
    const digits = q.replace(/\D/g, '');
    const contacts = (await this.contacts.list({ includeInactive: all })).filter(
      (c) =>
        !q || c.name.toLowerCase().includes(q) || (digits.length > 0 && c.identities.some((i) => i.includes(digits))),
    );
    const confirming = contacts.find((c) => String(c.id) === ctx.query.deactivate && c.active);
    const body = html`${confirming ? this.confirmation(ctx, confirming) : null}
<form class="filters" method="get" action="/console/contacts">
<label>Name or phone <input name="q" value="${ctx.query.q ?? ''}" size="16"></label>
<label><input type="checkbox" name="all" value="1"${all ? html` checked` : null}> inactive too</label>
<button type="submit">Show</button></form>
<p class="muted">${contacts.length} contact(s)${contacts.length > SHOWN ? html`; the first ${SHOWN} are shown, search to narrow` : null}.</p>
<div class="scroll"><table class="log"><thead><tr><th>Name</th><th>Phones</th><th>Roles</th><th>Language</th><th>Active</th><th>Help admin</th><th></th></tr></thead><tbody>
${contacts.slice(0, SHOWN).map((c) => this.row(ctx, c))}</tbody></table></div>`;
    return { body };
  }

  async submit(_ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const back = '/console/contacts';
    const contact = /^\d{1,9}$/.test(form.contact ?? '') ? await this.contacts.findById(Number(form.contact)) : null;
    if (!contact) return { redirect: back, error: 'No such contact.' };
    switch (form.action) {
      case 'deactivate':
        await this.contacts.deactivate(contact.id);
        return { redirect: back, notice: `Deactivated ${contact.name}: kept, no longer reached, phones unlinked.` };
      case 'help-admin-on':
      case 'help-admin-off': {
        const on = form.action === 'help-admin-on';
        await this.contacts.setHelpAdmin(contact.id, on);
        return { redirect: back, notice: `${contact.name} is ${on ? 'now' : 'no longer'} a help admin.` };
      }
      default:
        return { redirect: back, error: 'Unknown action.' };
    }
  }

  private row(ctx: ConsoleContext, c: ContactSummary): SafeHtml {
    return html`<tr><td class="wide"><strong>${c.name}</strong></td>
<td class="nowrap">${c.identities.map((phone, i) => html`${i > 0 ? html` <br>` : null}<a href="${href('/console/messages', { phone })}">${phone}</a>`)}</td>
<td>${c.roles.join(', ')}</td><td data-label="language">${c.language ?? html`<span class="muted">default</span>`}</td>
<td data-label="active">${c.active ? 'yes' : 'no'}</td><td data-label="help admin">${c.isHelpAdmin ? 'yes' : 'no'}</td>
<td class="nowrap wide"><form class="inline" method="post" action="/console/contacts">${ctx.csrfField()}<input type="hidden" name="contact" value="${c.id}">
<input type="hidden" name="action" value="${c.isHelpAdmin ? 'help-admin-off' : 'help-admin-on'}"><button type="submit">${c.isHelpAdmin ? 'Remove help admin' : 'Make help admin'}</button></form>
${c.active ? html` <a href="${href('/console/contacts', { deactivate: c.id, q: ctx.query.q, all: ctx.query.all })}">Deactivate…</a>` : null}</td></tr>
`;
  }

  /** Deactivating unlinks the phones, so it asks first (a GET that changes nothing, then the POST). */
  private confirmation(ctx: ConsoleContext, c: ContactSummary): SafeHtml {
    return html`<form class="confirm" method="post" action="/console/contacts">${ctx.csrfField()}<input type="hidden" name="contact" value="${c.id}">
<p>Deactivate <strong>${c.name}</strong> (${c.identities.join(', ') || 'no phone'})? The contact is kept with its history, but its phones are unlinked and it receives nothing more.</p>
<input type="hidden" name="action" value="deactivate"><button type="submit">Deactivate</button> <a href="/console/contacts">Cancel</a></form>`;
  }
}
