import { Clock, type Contact, ContactsService, type IncomingMessage } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Place } from '../clinics/clinic-directory';
import { ClinicWorkers } from '../clinics/clinic-workers.service';
import { labresultsTexts as texts } from '../labresults.texts';
import { ApprovalsService } from './approvals.service';
import type { ApprovalStatus } from './worker-approval.entity';

/**
 * A clinic worker just joined (JOIN): where the country requires approval a new one waits
 * for it, and the clinic's approved workers are told someone joined, with how to approve
 * or refuse them. A clinic with no approved worker yet has its joiners announced to the
 * help admins instead (they approve in the console or by SMS).
 */
@Injectable()
export class WorkerJoins {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly workers: ClinicWorkers,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The standing of a worker after JOIN: a new clinic worker waits for approval where the
   * country requires it (a decision made before stands). `isNew` when the contact was no
   * clinic worker before this JOIN; `created` when this JOIN created the contact: no decision
   * can name it yet, so nothing is read.
   */
  async standing(
    contact: Contact,
    clinic: Place,
    joined: { isNew: boolean; created: boolean },
    db: EntityManager,
  ): Promise<ApprovalStatus> {
    if (joined.isNew && this.approvals.required)
      return this.approvals.request(contact.id, clinic.id, this.clock.now(), db);
    return joined.created ? 'approved' : this.approvals.statusOf(contact.id, db);
  }

  /**
   * Tells the clinic's approved workers (or the help admins, for a clinic with none) that a new
   * worker joined; `atOrZones`: the ids of the clinic and its zones, read with the clinic.
   */
  async announce(
    msg: IncomingMessage,
    contact: Contact,
    clinic: Place,
    status: ApprovalStatus,
    atOrZones?: readonly number[],
  ): Promise<void> {
    if (status === 'rejected') return;
    const db = msg.db;
    const colleagues = (await this.workers.at(clinic.id, db, atOrZones)).filter((r) => r.contact.id !== contact.id);
    const params = { name: contact.name, phone: msg.connection.identity, clinic: clinic.name };
    if (status === 'pending') {
      const told = colleagues.length > 0 ? colleagues : await this.contacts.helpAdmins(db);
      for (const to of told) if (to.contact.id !== contact.id) msg.notify(to, texts.joinNoticeApprove, params);
    } else {
      for (const to of colleagues) msg.notify(to, texts.joinNotice, params);
    }
  }
}
