import { type Contact, ContactPins, ContactsService, type Recipient } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApprovalsService } from '../approvals/approvals.service';
import { ClinicDirectory, type Place } from './clinic-directory';

/**
 * Where a contact stands with Results160: `eligible` (results may reach them), `pending` or
 * `rejected` by the people who approve clinic workers, or not a registered clinic worker.
 */
export type WorkerStanding =
  | { readonly kind: 'eligible'; readonly contact: Contact; readonly clinic: Place }
  | { readonly kind: 'pending'; readonly contact: Contact; readonly clinic: Place }
  | { readonly kind: 'rejected'; readonly contact: Contact; readonly clinic: Place }
  | { readonly kind: 'unregistered' };

/**
 * The one home of "a registered clinic worker" (docs/keywords.md#roles): active,
 * with the clinic-worker role, a PIN and a location whose clinic is known; and, where the
 * country requires it, approved by people (`ApprovalsService`). CHECK, RESULT, the PIN
 * reply and every notice about results ask here.
 */
@Injectable()
export class ClinicWorkers {
  constructor(
    private readonly contacts: ContactsService,
    private readonly pins: ContactPins,
    private readonly directory: ClinicDirectory,
    private readonly approvals: ApprovalsService,
  ) {}

  async standing(contact: Contact | null, db: EntityManager): Promise<WorkerStanding> {
    if (!contact?.active || !contact.roles.includes('clinic-worker') || contact.locationId === null) {
      return { kind: 'unregistered' };
    }
    if (!(await this.pins.hasPin(contact.id, db))) return { kind: 'unregistered' };
    const clinic = await this.directory.clinicOf(contact.locationId, db);
    if (!clinic) return { kind: 'unregistered' };
    const withheld = await this.approvals.withheld([contact.id], db);
    if (!withheld.has(contact.id)) return { kind: 'eligible', contact, clinic };
    const refused = (await this.approvals.statusOf(contact.id, db)) === 'rejected';
    return refused ? { kind: 'rejected', contact, clinic } : { kind: 'pending', contact, clinic };
  }

  /**
   * The clinic workers at a clinic and its zones, on their default connections, without those
   * people withheld results from; `atOrZones`: the ids of the clinic and its zones when already read.
   */
  async at(clinicId: number, db: EntityManager, atOrZones?: readonly number[]): Promise<Recipient[]> {
    const recipients = await this.contacts.recipients(
      { roles: ['clinic-worker'], locationIds: atOrZones ?? (await this.directory.clinicAndZones(clinicId, db)) },
      db,
    );
    return this.withoutWithheld(recipients, db);
  }

  /** Drops the recipients results must not reach (waiting for approval, or refused). */
  async withoutWithheld(recipients: readonly Recipient[], db: EntityManager): Promise<Recipient[]> {
    const withheld = await this.approvals.withheld(
      recipients.map((r) => r.contact.id),
      db,
    );
    return recipients.filter((r) => !withheld.has(r.contact.id));
  }
}
