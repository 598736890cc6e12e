import {
  type Connection,
  Contact,
  type IncomingMessage,
  type Role,
  type TextParams,
  type Translatable,
} from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { ResultsService } from '../results/results.service';

/** Someone to write to: a contact on its first connection (Mwana's "default connection"). */
export interface Recipient {
  readonly connection: Connection;
  readonly contact: Contact;
}

/** Queues an SMS: a job's `send`, or `msg.notify` while a message is routed. */
export type Send = (to: Recipient, text: Translatable, params?: TextParams) => void;

/** What sending needs from its caller: the transaction the SMS commit in, the time, and how to queue them. */
export interface SendContext {
  readonly db: EntityManager;
  readonly now: Date;
  readonly send: Send;
}

/** A handler's send context: SMS to others queued on the message being routed. */
export function messageContext(msg: IncomingMessage, now: Date): SendContext {
  return { db: msg.db, now, send: (to, text, params) => msg.notify(to, text, params) };
}

/** The people (and printers) a clinic's notices go to, each with the connection to use. */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly directory: ClinicDirectory,
    private readonly results: ResultsService,
  ) {}

  /** Active contacts with the role at the clinic or its zones, by name; those without a phone are left out. */
  async at(clinicId: number, role: Role, db: EntityManager): Promise<Recipient[]> {
    return this.reachable(await this.directory.staffAt(clinicId, role, db), db);
  }

  /** Every active help admin. */
  async helpAdmins(db: EntityManager): Promise<Recipient[]> {
    return this.reachable(
      await db.find(Contact, { where: { isHelpAdmin: true, active: true }, order: { id: 'ASC' } }),
      db,
    );
  }

  private async reachable(contacts: readonly Contact[], db: EntityManager): Promise<Recipient[]> {
    const connections = await this.results.connectionsOf(
      contacts.map((c) => c.id),
      db,
    );
    return contacts.flatMap((contact) => {
      const connection = connections.get(contact.id);
      return connection ? [{ connection, contact }] : [];
    });
  }
}
