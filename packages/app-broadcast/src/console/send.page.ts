import { randomUUID } from 'node:crypto';
import {
  ApiInputError,
  ConsolePage,
  href,
  html,
  idempotent,
  sha256,
  Clock,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
  type SafeHtml,
} from '@mwana/core';
import { DataSource, type EntityManager } from 'typeorm';
import { TooManyRecipients } from '../groups/broadcaster.service';
import { type Audience, AudienceError, STAFF_TEXT_MAX, StaffBroadcasts } from '../staff/staff-broadcasts.service';
import { BROADCAST_PATH, SEND_PATH } from './render';

/** The form's filter as the query or the form has it: `role` a slug or '', `location` an id or ''. */
interface SendFilter {
  readonly role: string;
  readonly location: string;
  readonly text: string;
}

const peopleCount = (n: number): string => `${n} ${n === 1 ? 'person' : 'people'}`;

const filterOf = (values: Readonly<Record<string, string>>): SendFilter => ({
  role: values.role ?? '',
  location: values.location ?? '',
  // Browsers send a textarea's line breaks as CRLF; an SMS has LF.
  text: (values.text ?? '').replace(/\r\n/g, '\n'),
});

/**
 * Staff send a message to contacts filtered by role and location (a location with all below
 * it). Preview first: how many people, how many SMS and segments each; above
 * `broadcast.confirmAbove` people the sender ticks a confirmation naming the count. Sending
 * queues one bulk message per recipient as one broadcast (the Broadcasts page); a form sent
 * twice (a double click, a reload) queues once.
 */
@ConsolePage({ path: 'broadcast/send', title: 'Send a message', order: 71 })
export class SendPage implements ConsolePageHandler {
  constructor(
    private readonly staff: StaffBroadcasts,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const db = this.dataSource.manager;
    const filter = filterOf(ctx.query);
    const places = await this.staff.choosablePlaces(db);
    const roles = this.staff.choosableRoles();
    const form = html`<form class="send" method="get" action="${SEND_PATH}">
<label>Role <select name="role"><option value="">any role</option>${roles.map(
      (r) => html`<option value="${r}"${r === filter.role ? html` selected` : null}>${r}</option>`,
    )}</select></label>
<label>Location <select name="location"><option value="">everywhere</option>${places.map(
      (p) =>
        html`<option value="${p.id}"${String(p.id) === filter.location ? html` selected` : null}>${p.name} (${p.code}, ${p.kind})</option>`,
    )}</select></label>
<label>Message <textarea name="text" rows="4" cols="60" maxlength="${STAFF_TEXT_MAX}" required>${filter.text}</textarea></label>
<p class="muted">Sent as written: sign it. A location takes everything below it (a district: its clinics and their zones).</p>
<button type="submit" name="preview" value="1">Preview</button>
</form>`;
    const preview = ctx.query.preview === '1' && filter.text !== '' ? await this.preview(ctx, filter, db) : null;
    return { body: html`${form}\n${preview}` };
  }

  private async preview(ctx: ConsoleContext, filter: SendFilter, db: EntityManager): Promise<SafeHtml> {
    let audience: Audience;
    let count: number;
    try {
      audience = this.audience(filter);
      count = (await this.staff.recipients(audience, db)).length;
    } catch (error) {
      if (error instanceof AudienceError) return html`<p class="error">${error.message}</p>`;
      throw error;
    }
    if (count === 0)
      return html`<section class="preview"><p><strong>Nobody</strong> matches this filter.</p></section>`;
    const p = this.staff.preview(filter.text, count);
    const people = peopleCount(count);
    return html`<section class="preview">
<p><strong class="recipients">${count}</strong> recipients. Each gets <strong class="parts">${p.parts}</strong> SMS (<span class="segments">${p.segments}</span> segments, ${p.encoding}); <span class="total-segments">${p.totalSegments}</span> segments in all.</p>
<form method="post" action="${SEND_PATH}">${ctx.csrfField()}
<input type="hidden" name="role" value="${filter.role}"><input type="hidden" name="location" value="${filter.location}"><input type="hidden" name="text" value="${filter.text}">
<input type="hidden" name="count" value="${count}"><input type="hidden" name="nonce" value="${randomUUID()}">
${
  p.needsConfirmation
    ? html`<p><label><input type="checkbox" name="confirm" value="yes" required> Yes, send this to ${people} (more than ${this.staff.confirmAbove})</label></p>`
    : null
}<button type="submit">Send to ${people}</button>
</form></section>`;
  }

  async submit(ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const filter = filterOf(form);
    const back = href(SEND_PATH, { role: filter.role, location: filter.location, text: filter.text, preview: '1' });
    if (!/^[\w-]{8,80}$/.test(form.nonce ?? '')) return { redirect: back, error: 'Preview the message, then send it.' };
    try {
      const outcome = await this.dataSource.transaction(async (db) => {
        const audience = this.audience(filter);
        const recipients = await this.staff.recipients(audience, db);
        if (String(recipients.length) !== form.count)
          throw new AudienceError(
            `The recipients changed since the preview (${form.count ?? '?'} then, ${recipients.length} now): check the new count and send again.`,
          );
        if (recipients.length === 0) throw new AudienceError('Nobody matches this filter.');
        if (this.staff.preview(filter.text, recipients.length).needsConfirmation && form.confirm !== 'yes')
          throw new AudienceError(`Tick the confirmation to send to ${peopleCount(recipients.length)}.`);
        return idempotent(
          db,
          {
            client: `user:${ctx.user.username}`,
            key: `console-broadcast:${form.nonce}`,
            requestHash: sha256(JSON.stringify(['console-broadcast', filter])),
            now: this.clock.now(),
          },
          async () => {
            const sent = await this.staff.send({ audience, text: filter.text, by: ctx.user.username, recipients }, db);
            return { id: sent.id, recipients: sent.recipients };
          },
        );
      });
      return {
        redirect: BROADCAST_PATH,
        notice: outcome.replayed
          ? `This form was sent before: broadcast #${outcome.id} (nothing queued again).`
          : `Queued to ${peopleCount(outcome.recipients)}: broadcast #${outcome.id}.`,
      };
    } catch (error) {
      if (error instanceof AudienceError || error instanceof TooManyRecipients || error instanceof ApiInputError)
        return { redirect: back, error: error.message };
      throw error;
    }
  }

  private audience(filter: SendFilter): Audience {
    if (filter.role !== '' && !/^[a-z][a-z0-9-]{0,39}$/.test(filter.role)) throw new AudienceError('No such role.');
    if (filter.location !== '' && !/^\d{1,9}$/.test(filter.location)) throw new AudienceError('No such location.');
    return {
      roles: filter.role === '' ? [] : [filter.role],
      locationIds: filter.location === '' ? [] : [Number(filter.location)],
    };
  }
}
