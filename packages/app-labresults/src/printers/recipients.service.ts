import {
  ContactsService,
  type IncomingMessage,
  type Recipient,
  type Role,
  type SendOptions,
  type TextParams,
  type Translatable,
} from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { ClinicWorkers } from '../clinics/clinic-workers.service';

export type { Recipient } from '@mwana/core';

/** Queues an SMS: a job's `send`, or `msg.notify` while a message is routed. */
export type Send = (to: Recipient, text: Translatable, params?: TextParams, options?: SendOptions) => void;

/** What sending needs from its caller: the transaction the SMS commit in, the time, and how to queue them. */
export interface SendContext {
  readonly db: EntityManager;
  readonly now: Date;
  readonly send: Send;
}

/** A handler's send context: SMS to others queued on the message being routed. */
export function messageContext(msg: IncomingMessage, now: Date): SendContext {
  return { db: msg.db, now, send: (to, text, params, options) => msg.notify(to, text, params, options) };
}

/** The people (and printers) a clinic's notices go to, each on its default connection. */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly directory: ClinicDirectory,
    private readonly workers: ClinicWorkers,
  ) {}

  /**
   * Active contacts with the role at the place or its zones, by name; those without a phone
   * are left out, and clinic workers people have not approved (where approval is required).
   */
  async at(placeId: number, role: Role, db: EntityManager): Promise<Recipient[]> {
    if (role === 'clinic-worker') return this.workers.at(placeId, db);
    return this.contacts.recipients(
      { roles: [role], locationIds: await this.directory.clinicAndZones(placeId, db) },
      db,
    );
  }

  /** Every active help admin. */
  helpAdmins(db: EntityManager): Promise<Recipient[]> {
    return this.contacts.helpAdmins(db);
  }
}
