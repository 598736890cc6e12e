import {
  ConsolePage,
  html,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import { HelpDesk } from '../help/help-desk.service';
import { BroadcastPlaces } from '../places';
import { BROADCAST_PATH } from './render';

const ADMINS_PATH = `${BROADCAST_PATH}/help-admins`;
const ID = /^\d{1,9}$/;

/**
 * The help admins (made on the Contacts page) and the places each answers HELP for: a sender
 * whose clinic is one of them or lies under one; an admin with no places answers for everyone.
 */
@ConsolePage({ path: 'broadcast/help-admins', title: 'Help admins', order: 73 })
export class HelpAdminsPage implements ConsolePageHandler {
  constructor(
    private readonly helpDesk: HelpDesk,
    private readonly places: BroadcastPlaces,
    private readonly dataSource: DataSource,
  ) {}

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const db = this.dataSource.manager;
    const admins = await this.helpDesk.admins(db);
    const places = await this.places.all(db);
    const options = places.map((p) => html`<option value="${p.id}">${p.name} (${p.code}, ${p.kind})</option>`);
    const body = html`<p>A help admin hears the HELP requests of the places listed (and of everything under them); one with no places hears every request. Make someone a help admin on the <a href="/console/contacts">Contacts</a> page.</p>
${
  admins.length === 0
    ? html`<p class="muted">No help admins.</p>`
    : html`<div class="scroll"><table class="log help-admins"><thead><tr><th>Name</th><th>Phone</th><th>Answers for</th><th></th></tr></thead><tbody>${admins.map(
        (
          a,
        ) => html`<tr data-admin="${a.id}"><td><strong>${a.name}</strong></td><td class="nowrap">${a.phone ?? ''}</td><td>${
          a.places.length === 0
            ? html`<span class="muted">everyone</span>`
            : a.places.map(
                (p) =>
                  html`<form class="inline" method="post" action="${ADMINS_PATH}">${ctx.csrfField()}<input type="hidden" name="contact" value="${a.id}"><input type="hidden" name="location" value="${p.id}"><input type="hidden" name="action" value="remove">${p.name} (${p.code}) <button title="Remove">×</button></form> `,
              )
        }</td><td><form class="inline" method="post" action="${ADMINS_PATH}">${ctx.csrfField()}<input type="hidden" name="contact" value="${a.id}"><input type="hidden" name="action" value="add"><select name="location" aria-label="place">${options}</select> <button>Add</button></form></td></tr>
`,
      )}</tbody></table></div>`
}`;
    return { body };
  }

  async submit(_ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const db = this.dataSource.manager;
    if (!ID.test(form.contact ?? '') || !ID.test(form.location ?? '') || !['add', 'remove'].includes(form.action ?? ''))
      return { redirect: ADMINS_PATH, error: 'Choose a help admin and a place.' };
    const admin = (await this.helpDesk.admins(db)).find((a) => a.id === Number(form.contact));
    const place = await this.places.get(Number(form.location), db);
    if (!admin || !place) return { redirect: ADMINS_PATH, error: 'There is no such help admin or place.' };
    if (form.action === 'add') await this.helpDesk.addPlace(admin.id, place.id, db);
    else await this.helpDesk.removePlace(admin.id, place.id, db);
    return {
      redirect: ADMINS_PATH,
      notice:
        form.action === 'add'
          ? `${admin.name} now answers for ${place.name}.`
          : `${admin.name} no longer answers for ${place.name}.`,
    };
  }
}
