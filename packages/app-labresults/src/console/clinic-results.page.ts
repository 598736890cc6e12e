import {
  ConsolePage,
  html,
  MwanaConfig,
  statusBadge,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { LabResult } from '../entities/lab-result.entity';
import { LABRESULTS_PATH, orNone, timeFormatter } from './render';

/** Results listed for one clinic, newest first; older ones are in the database. */
const MAX_RESULTS = 500;

/** One clinic's results: requisition id, where each is, and its dates. Never the result itself. */
@ConsolePage({ path: 'labresults/clinic', title: 'Clinic results', nav: false })
export class ClinicResultsPage implements ConsolePageHandler {
  private readonly time: (date: Date | null) => string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ClinicDirectory,
    config: MwanaConfig,
  ) {
    this.time = timeFormatter(config);
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const clinic = /^\d{1,9}$/.test(ctx.query.id ?? '')
      ? await this.directory.get(Number(ctx.query.id), this.dataSource.manager)
      : null;
    if (!clinic)
      return {
        title: 'No such clinic',
        body: html`<p>No such clinic. <a href="${LABRESULTS_PATH}">Back to the results</a></p>`,
      };
    const results = await this.dataSource
      .getRepository(LabResult)
      .find({ where: { clinicId: clinic.id }, order: { id: 'DESC' }, take: MAX_RESULTS });
    const body = html`<p class="crumbs"><a href="${LABRESULTS_PATH}">Results</a> › <span aria-current="page">${clinic.name}</span> <span class="muted">${clinic.code}</span></p>
${
  results.length === 0
    ? html`<p class="muted">No results for this clinic.</p>`
    : html`${results.length === MAX_RESULTS ? html`<p class="muted">The newest ${MAX_RESULTS} are shown.</p>` : null}
<div class="scroll"><table class="log"><thead><tr><th>Requisition id</th><th>Status</th><th>Collected</th><th>Received at lab</th><th>Tested</th><th>Arrived</th><th>Sent</th></tr></thead><tbody>
${results.map(
  (
    r,
  ) => html`<tr><td class="wide"><strong>${r.requisitionId}</strong></td><td data-label="status">${statusBadge(r.notificationStatus)}</td><td class="nowrap" data-label="collected">${orNone(r.collectedOn)}</td><td class="nowrap" data-label="received">${orNone(r.enteredOn)}</td><td class="nowrap" data-label="tested">${orNone(r.processedOn)}</td><td class="nowrap" data-label="arrived">${orNone(this.time(r.arrivalDate))}</td><td class="nowrap" data-label="sent">${orNone(this.time(r.resultSentDate))}</td></tr>
`,
)}</tbody></table></div>`
}`;
    return { title: `Results: ${clinic.name}`, body };
  }
}
