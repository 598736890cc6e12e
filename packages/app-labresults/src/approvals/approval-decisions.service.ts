import { Clock, ContactsService, type IncomingMessage, SmsReplyError } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { ClinicDirectory, type Place } from '../clinics/clinic-directory';
import { ClinicWorkers } from '../clinics/clinic-workers.service';
import { labresultsTexts as texts } from '../labresults.texts';
import { ApprovalsService } from './approvals.service';

export type Decision = 'approved' | 'rejected';

/**
 * APPROVE and REJECT `<phone>` by SMS: a help admin decides for any clinic worker, an
 * approved clinic worker for a colleague of the same clinic (never for themselves). The
 * worker is told at once; the decider gets a receipt. Who may decide is checked before the
 * phone is looked up, and a worker of another clinic is answered as unknown, so the
 * keywords tell nobody who works where.
 */
@Injectable()
export class ApprovalDecisions {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly workers: ClinicWorkers,
    private readonly contacts: ContactsService,
    private readonly directory: ClinicDirectory,
    private readonly clock: Clock,
  ) {}

  async bySms(msg: IncomingMessage, rest: string, decision: Decision): Promise<void> {
    const words = rest.trim().split(/\s+/).filter(Boolean);
    if (words.length !== 1) throw new SmsReplyError(decision === 'approved' ? texts.approveHelp : texts.rejectHelp);
    const decider = msg.contact;
    const deciderStanding = await this.workers.standing(decider, msg.db);
    const helpAdmin = decider?.active === true && decider.isHelpAdmin;
    if (!decider || (!helpAdmin && deciderStanding.kind !== 'eligible'))
      throw new SmsReplyError(texts.approveNotAllowed);

    const found = await this.contacts.findByPhone(words[0], msg.db);
    const worker = found?.contact?.active && found.contact.roles.includes('clinic-worker') ? found.contact : null;
    const clinic: Place | null =
      worker?.locationId != null ? await this.directory.clinicOf(worker.locationId, msg.db) : null;
    const sameClinic =
      deciderStanding.kind === 'eligible' && clinic !== null && deciderStanding.clinic.id === clinic.id;
    if (!found || !worker || !clinic || (!helpAdmin && !sameClinic)) {
      throw new SmsReplyError(texts.approveUnknown, { phone: words[0] });
    }
    if (worker.id === decider.id) throw new SmsReplyError(texts.approveNotAllowed);

    await this.approvals.decide(
      worker.id,
      clinic.id,
      decision,
      `contact #${decider.id} by SMS`,
      this.clock.now(),
      true,
      msg.db,
    );
    const told = { name: worker.name, clinic: clinic.name };
    msg.notify(found, decision === 'approved' ? texts.approvedNotice : texts.notApproved, told);
    msg.respond(decision === 'approved' ? texts.approvedDone : texts.rejectedDone, {
      name: decider.name,
      worker: worker.name,
      phone: found.connection.identity,
      clinic: clinic.name,
    });
  }
}
