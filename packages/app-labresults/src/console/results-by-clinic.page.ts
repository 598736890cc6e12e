import { ConsolePage, href, html, type ConsolePageHandler, type ConsoleView } from '@mwana/core';
import { DataSource } from 'typeorm';
import { LABRESULTS_PATH } from './render';

interface ClinicCounts {
  readonly clinic_id: number | null;
  readonly name: string | null;
  readonly code: string | null;
  readonly pending: string;
  readonly updated: string;
  readonly notified: string;
  readonly sent: string;
}

/**
 * Results160 by clinic: how many results are pending (no result yet, or not yet announced),
 * changed by the lab, announced and waiting for a PIN, and sent. Never a result value.
 */
@ConsolePage({ path: 'labresults', title: 'Results', order: 50 })
export class ResultsByClinicPage implements ConsolePageHandler {
  constructor(private readonly dataSource: DataSource) {}

  async render(): Promise<ConsoleView> {
    const rows: ClinicCounts[] = await this.dataSource.query(
      `SELECT r.clinic_id, l.name, l.code,
              count(*) FILTER (WHERE r.notification_status IN ('unprocessed', 'new')) AS pending,
              count(*) FILTER (WHERE r.notification_status = 'updated') AS updated,
              count(*) FILTER (WHERE r.notification_status = 'notified') AS notified,
              count(*) FILTER (WHERE r.notification_status = 'sent') AS sent
         FROM lab_result r LEFT JOIN location l ON l.id = r.clinic_id
        GROUP BY r.clinic_id, l.name, l.code
        ORDER BY l.name NULLS LAST, r.clinic_id`,
    );
    if (rows.length === 0) return { body: html`<p class="muted">No results from the labs yet.</p>` };
    const body = html`<p class="muted">Pending: no result yet, or not announced yet. Updated: changed by the lab since. Notified: announced, waiting for a PIN.</p>
<div class="scroll"><table class="log"><thead><tr><th>Clinic</th><th>Code</th><th>Pending</th><th>Updated</th><th>Notified</th><th>Sent</th></tr></thead><tbody>
${rows.map(
  (r) => html`<tr><td class="wide">${
    r.clinic_id === null
      ? html`<span class="muted">Unknown facility code</span>`
      : html`<a href="${href(`${LABRESULTS_PATH}/clinic`, { id: r.clinic_id })}"><strong>${r.name ?? ''}</strong></a>`
  }</td><td data-label="code">${r.code ?? ''}</td><td data-label="pending">${r.pending}</td><td data-label="updated">${r.updated}</td><td data-label="notified">${r.notified}</td><td data-label="sent">${r.sent}</td></tr>
`,
)}</tbody></table></div>`;
    return { body };
  }
}
