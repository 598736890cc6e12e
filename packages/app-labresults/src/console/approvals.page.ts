import {
  Clock,
  ConsolePage,
  ContactsService,
  html,
  MwanaConfig,
  Scheduler,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
  type SafeHtml,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import { ApprovalsService } from '../approvals/approvals.service';
import type { WorkerApproval } from '../approvals/worker-approval.entity';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { LABRESULTS_PATH, timeFormatter } from './render';

const APPROVALS_PATH = `${LABRESULTS_PATH}/approvals`;

/**
 * The help desk's list of new clinic workers waiting for approval (where the country
 * requires it), with Approve and Refuse, and the latest decisions. The worker is told by
 * SMS (`labresults.approval-notices`, run at once).
 */
@ConsolePage({ path: 'labresults/approvals', title: 'Approvals', order: 52 })
export class ApprovalsPage implements ConsolePageHandler {
  private readonly time: (date: Date | null) => string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly approvals: ApprovalsService,
    private readonly contacts: ContactsService,
    private readonly directory: ClinicDirectory,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.time = timeFormatter(config);
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const db = this.dataSource.manager;
    const pending = await this.approvals.pending(db);
    const decided = await this.approvals.decided(20, db);
    const people = await this.describe([...pending, ...decided]);
    const row = (a: WorkerApproval, actions: boolean): SafeHtml => {
      const who = people.get(a.contactId);
      return html`<tr><td><strong>${who?.name ?? `#${a.contactId}`}</strong></td><td class="nowrap">${who?.phone ?? ''}</td><td>${who?.clinic ?? ''}</td>
<td class="nowrap muted">${this.time(actions ? a.requestedAt : a.decidedAt)}</td><td>${actions ? this.buttons(ctx, a) : html`${a.status} <span class="muted">${a.decidedBy ?? ''}</span>`}</td></tr>
`;
    };
    const body = html`<p>${this.approvals.required ? 'New clinic workers receive results once approved here, by SMS (APPROVE &lt;phone&gt;) or by an approved colleague.' : 'This country does not require approval; a clinic worker refused here receives no results.'}</p>
<h2>Waiting (${pending.length})</h2>
${pending.length === 0 ? html`<p class="muted">Nobody waits for approval.</p>` : html`<div class="scroll"><table class="log"><thead><tr><th>Name</th><th>Phone</th><th>Clinic</th><th>Joined</th><th></th></tr></thead><tbody>${pending.map((a) => row(a, true))}</tbody></table></div>`}
<h2>Latest decisions</h2>
${decided.length === 0 ? html`<p class="muted">None yet.</p>` : html`<div class="scroll"><table class="log"><thead><tr><th>Name</th><th>Phone</th><th>Clinic</th><th>Decided</th><th>Decision</th></tr></thead><tbody>${decided.map((a) => row(a, false))}</tbody></table></div>`}`;
    return { body };
  }

  async submit(ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const decision = form.action === 'approve' ? 'approved' : form.action === 'reject' ? 'rejected' : null;
    const contactId = /^\d{1,9}$/.test(form.contact ?? '') ? Number(form.contact) : null;
    const db = this.dataSource.manager;
    const approval =
      contactId === null ? undefined : (await this.approvals.pending(db)).find((a) => a.contactId === contactId);
    if (!decision || !approval) return { redirect: APPROVALS_PATH, error: 'That worker is not waiting for approval.' };
    await this.approvals.decide(
      approval.contactId,
      approval.clinicId,
      decision,
      `console user ${ctx.user.username}`,
      this.clock.now(),
      false,
      db,
    );
    await this.scheduler.run('labresults.approval-notices');
    const name = (await this.contacts.findById(approval.contactId))?.name ?? `#${approval.contactId}`;
    return {
      redirect: APPROVALS_PATH,
      notice: decision === 'approved' ? `${name} can now receive results.` : `${name} will not receive results.`,
    };
  }

  private buttons(ctx: ConsoleContext, a: WorkerApproval): SafeHtml {
    const form = (action: string, label: string) =>
      html`<form class="inline" method="post" action="${APPROVALS_PATH}">${ctx.csrfField()}<input type="hidden" name="contact" value="${a.contactId}"><input type="hidden" name="action" value="${action}"><button>${label}</button></form>`;
    return html`${form('approve', 'Approve')} ${form('reject', 'Refuse')}`;
  }

  private async describe(
    approvals: readonly WorkerApproval[],
  ): Promise<Map<number, { name: string; phone: string; clinic: string }>> {
    const ids = [...new Set(approvals.map((a) => a.contactId))];
    const db = this.dataSource.manager;
    const contacts = await this.contacts.find({ ids, includeInactive: true }, db);
    const phones = await this.contacts.defaultConnections(ids, db);
    const clinics = new Map<number, string>();
    for (const a of approvals) {
      if (!clinics.has(a.clinicId)) clinics.set(a.clinicId, (await this.directory.get(a.clinicId, db))?.name ?? '');
    }
    const byId = new Map(contacts.map((c) => [c.id, c]));
    return new Map(
      approvals.map((a) => [
        a.contactId,
        {
          name: byId.get(a.contactId)?.name ?? `#${a.contactId}`,
          phone: phones.get(a.contactId)?.identity ?? '',
          clinic: clinics.get(a.clinicId) ?? '',
        },
      ]),
    );
  }
}
