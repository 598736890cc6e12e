import {
  ConsolePage,
  ContactsService,
  href,
  html,
  MwanaConfig,
  select,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import { DISCLOSURE_VIAS } from '../entities/result-disclosure.entity';
import { LABRESULTS_PATH, timeFormatter } from './render';

const DISCLOSURES_PATH = `${LABRESULTS_PATH}/disclosures`;
const PAGE_SIZE = 100;

interface DisclosureRow {
  readonly id: number;
  readonly disclosed_at: Date;
  readonly requisition_id: string;
  readonly clinic: string | null;
  readonly clinic_code: string | null;
  readonly contact_id: number;
  readonly connection_id: number;
  readonly via: string;
  readonly channel: string;
}

/** A disclosure with whom it went to, from the contacts contract. */
type Disclosure = DisclosureRow & { readonly contact: string; readonly identity: string };

/**
 * The disclosure record (docs/keywords.md#who-sees-results): every result that left the server, to whom, when
 * and through which channel, newest first; searched by requisition id, clinic code or phone.
 * It shows which result went, never what the result was.
 */
@ConsolePage({ path: 'labresults/disclosures', title: 'Disclosures', order: 53 })
export class DisclosuresPage implements ConsolePageHandler {
  private readonly time: (date: Date | null) => string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    config: MwanaConfig,
  ) {
    this.time = timeFormatter(config);
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const q = ctx.query;
    const filters = {
      sample: q.sample?.trim() || undefined,
      clinic: q.clinic?.trim() || undefined,
      phone: q.phone?.replace(/[^\d+]/g, '') || undefined,
      via: DISCLOSURE_VIAS.find((v) => v === q.via),
    };
    const before = /^\d{1,12}$/.test(q.before ?? '') ? Number(q.before) : null;
    const found: DisclosureRow[] = await this.dataSource.query(
      `SELECT d.id, d.disclosed_at, r.requisition_id, l.name AS clinic, l.code AS clinic_code, d.contact_id, d.connection_id, d.via, d.channel
         FROM result_disclosure d
         JOIN lab_result r ON r.id = d.result_id
         LEFT JOIN location l ON l.id = r.clinic_id
        WHERE ($1::text IS NULL OR replace(lower(r.requisition_id), '-', '') = replace(lower($1), '-', ''))
          AND ($2::text IS NULL OR lower(l.code) = lower($2))
          AND ($3::integer[] IS NULL OR d.connection_id = ANY($3))
          AND ($4::text IS NULL OR d.via = $4)
          AND ($5::int IS NULL OR d.id < $5)
        ORDER BY d.id DESC LIMIT $6`,
      [
        filters.sample ?? null,
        filters.clinic ?? null,
        filters.phone ? await this.connectionsMatching(filters.phone) : null,
        filters.via ?? null,
        before,
        PAGE_SIZE,
      ],
    );
    const rows = await this.withRecipients(found);
    const body = html`<form class="filters" method="get" action="${DISCLOSURES_PATH}">
<label>Requisition id <input name="sample" value="${filters.sample ?? ''}" size="12"></label>
<label>Clinic code <input name="clinic" value="${filters.clinic ?? ''}" size="8"></label>
<label>Phone <input name="phone" value="${filters.phone ?? ''}" size="14" inputmode="tel"></label>
<label>Via ${select('via', DISCLOSURE_VIAS, filters.via)}</label>
<button type="submit">Search</button> <a href="${DISCLOSURES_PATH}">Clear</a></form>
${
  rows.length === 0
    ? html`<p>No results left the server${before ? ' before these' : ''} that match.</p>`
    : html`<div class="scroll"><table class="log"><thead><tr><th>When</th><th>Requisition id</th><th>Clinic</th><th>To</th><th>Via</th><th>Channel</th></tr></thead><tbody>
${rows.map(
  (
    d: Disclosure,
  ) => html`<tr><td class="nowrap muted">${this.time(d.disclosed_at)}</td><td class="nowrap"><strong>${d.requisition_id}</strong></td><td>${d.clinic ?? ''} <span class="muted">${d.clinic_code ?? ''}</span></td>
<td class="nowrap">${d.contact} <br><a href="${href('/console/messages/thread', { connection: d.connection_id })}">${d.identity}</a></td><td>${d.via}</td><td>${d.channel}</td></tr>
`,
)}</tbody></table></div>`
}
${rows.length === PAGE_SIZE ? html`<p class="pager"><a href="${href(DISCLOSURES_PATH, { ...filters, before: rows[rows.length - 1].id })}" rel="next">Older »</a></p>` : null}`;
    return { body };
  }

  /** The connections whose phone contains these digits (the phone filter). */
  private async connectionsMatching(digits: string): Promise<number[]> {
    return (await this.contacts.connectionsContaining(digits)).map((c) => c.id);
  }

  private async withRecipients(rows: readonly DisclosureRow[]): Promise<Disclosure[]> {
    const contacts = new Map(
      (await this.contacts.find({ ids: rows.map((r) => r.contact_id), includeInactive: true })).map((c) => [c.id, c]),
    );
    const connections = new Map(
      (await this.contacts.connections(rows.map((r) => r.connection_id))).map((c) => [c.connection.id, c.connection]),
    );
    return rows.map((r) => ({
      ...r,
      contact: contacts.get(r.contact_id)?.name ?? `#${r.contact_id}`,
      identity: connections.get(r.connection_id)?.identity ?? '',
    }));
  }
}
