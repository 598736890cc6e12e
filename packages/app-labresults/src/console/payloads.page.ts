import {
  ConsolePage,
  html,
  MwanaConfig,
  statusBadge,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
  type SafeHtml,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import type { PayloadState } from '../entities/lab-payload.entity';
import { PayloadService } from '../upload/payload.service';
import { LABRESULTS_PATH, timeFormatter } from './render';

const PAYLOADS_PATH = `${LABRESULTS_PATH}/payloads`;
const PAGE_SIZE = 100;

interface PayloadRow {
  readonly id: number;
  readonly incoming_date: Date;
  readonly username: string | null;
  readonly source: string | null;
  readonly parsed_json: boolean;
  readonly state: PayloadState;
  readonly failures: number;
  readonly errors: string[];
  readonly bytes: number;
}

/**
 * Lab uploads, newest first, with what was wrong with those that failed and a button to
 * re-run one (after a fix, or when applying it broke off). Never the raw body: it holds results.
 */
@ConsolePage({ path: 'labresults/payloads', title: 'Lab payloads', order: 51 })
export class PayloadsPage implements ConsolePageHandler {
  private readonly time: (date: Date | null) => string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly payloads: PayloadService,
    config: MwanaConfig,
  ) {
    this.time = timeFormatter(config);
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const failedOnly = ctx.query.failed === '1';
    const rows: PayloadRow[] = await this.dataSource.query(
      `SELECT p.id, p.incoming_date, a.username, p.source, p.parsed_json, p.state, p.failures, p.errors,
              coalesce(octet_length(p.raw_bytes), octet_length(p.raw)) AS bytes
         FROM lab_payload p LEFT JOIN lab_account a ON a.id = p.account_id
        WHERE NOT ($1 AND p.state = 'applied')
        ORDER BY p.id DESC LIMIT $2`,
      [failedOnly, PAGE_SIZE],
    );
    const body = html`<form class="filters" method="get" action="${PAYLOADS_PATH}"><label><input type="checkbox" name="failed" value="1"${failedOnly ? html` checked` : null}> failed only</label> <button>Show</button></form>
${
  rows.length === 0
    ? html`<p class="muted">No payloads${failedOnly ? ' that failed' : ''}.</p>`
    : html`<div class="scroll"><table class="log"><thead><tr><th>#</th><th>Received</th><th>Lab account</th><th>Source</th><th>Size</th><th>Status</th><th>Problems</th></tr></thead><tbody>
${rows.map(
  (
    p,
  ) => html`<tr><td>${p.id}</td><td class="nowrap" data-label="received">${this.time(p.incoming_date)}</td><td data-label="account">${p.username ?? ''}</td><td data-label="source">${p.source ?? ''}</td><td class="nowrap" data-label="size">${p.bytes} bytes</td><td data-label="status">${this.status(p)}</td>
<td class="wide" data-label="problems">${p.errors.length > 0 ? html`<ul>${p.errors.map((e) => html`<li>${e}</li>`)}</ul>` : null}${this.rerun(ctx, p)}</td></tr>
`,
)}</tbody></table></div>`
}`;
    return { body };
  }

  async submit(_ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const id = /^\d{1,9}$/.test(form.payload ?? '') ? Number(form.payload) : null;
    const [outcome] = id === null ? [] : await this.payloads.reprocessFailed([id]);
    if (!outcome)
      return { redirect: PAYLOADS_PATH, error: `Payload #${form.payload ?? ''} is not waiting to be re-run.` };
    if (outcome.failure)
      return { redirect: PAYLOADS_PATH, error: `Payload #${outcome.payloadId} failed again: ${outcome.failure}` };
    if (outcome.errors.length > 0)
      return {
        redirect: PAYLOADS_PATH,
        error: `Payload #${outcome.payloadId} still fails: ${outcome.errors.length} problem(s).`,
      };
    return {
      redirect: PAYLOADS_PATH,
      notice: `Payload #${outcome.payloadId} applied: ${outcome.created} new, ${outcome.changed} changed, ${outcome.unchanged} unchanged, ${outcome.skipped} skipped.`,
    };
  }

  /** refused (waits for a fix and a re-run), failed (re-run hourly), waiting (left half way), applied. */
  private status(p: PayloadRow): SafeHtml {
    if (p.state === 'applied') return statusBadge('applied');
    if (p.state === 'refused') return statusBadge(p.parsed_json ? 'refused' : 'not-json');
    if (p.state === 'failed') return html`${statusBadge('failed')}${p.failures > 1 ? ` ${p.failures} times` : ''}`;
    return statusBadge('waiting');
  }

  /** Only a JSON payload can be re-run: a body that is not JSON stays what it is. */
  private rerun(ctx: ConsoleContext, p: PayloadRow): SafeHtml | null {
    if (p.state === 'applied' || (p.state === 'refused' && !p.parsed_json)) return null;
    return html`<form class="inline" method="post" action="${PAYLOADS_PATH}">${ctx.csrfField()}<input type="hidden" name="payload" value="${p.id}"><button>Re-run</button></form>`;
  }
}
