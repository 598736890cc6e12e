import { ContactsService, type JobContext, type JobRunner, ScheduledJob } from '@mwana/core';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { labresultsTexts as texts } from '../labresults.texts';
import { ApprovalsService } from './approvals.service';

/**
 * Tells clinic workers of the decisions made about them in the console (an SMS decision
 * tells them at once). The console runs it right after a decision; the schedule catches
 * any decision whose run found the tick taken.
 */
@ScheduledJob({
  name: 'labresults.approval-notices',
  cron: '*/5 * * * *',
  description: 'tell clinic workers they were approved or refused in the console',
})
export class ApprovalNoticesJob implements JobRunner {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly contacts: ContactsService,
    private readonly directory: ClinicDirectory,
  ) {}

  async run({ db, now, send }: JobContext): Promise<void> {
    const untold = await this.approvals.untold(db);
    if (untold.length === 0) return;
    const workers = new Map(
      (await this.contacts.recipients({ ids: untold.map((a) => a.contactId) }, db)).map((r) => [r.contact.id, r]),
    );
    for (const approval of untold) {
      const worker = workers.get(approval.contactId);
      const clinic = await this.directory.get(approval.clinicId, db);
      if (!worker || !clinic) continue;
      const params = { name: worker.contact.name, clinic: clinic.name };
      send(worker, approval.status === 'approved' ? texts.approvedNotice : texts.notApproved, params);
    }
    await this.approvals.markTold(
      untold.map((a) => a.contactId),
      now,
      db,
    );
  }
}
