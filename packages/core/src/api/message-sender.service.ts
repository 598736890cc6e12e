import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { ContactsService } from '../contacts/contacts.service';
import type { LinkedConnection } from '../contacts/contacts.repository';
import { gatewaysConfig } from '../gateways/gateways.config';
import { literal } from '../i18n/translatable';
import { OutboxWriter } from '../outbox/outbox.writer';
import { sha256 } from '../security/secrets';
import { ApiInputError, idempotent } from './idempotency';
import type { SendMessageBody, SendResult } from './message-schemas';

export { ApiInputError } from './idempotency';

const PHONE = /^\+\d{7,15}$/;

/**
 * `POST /api/messages`: the recipients through `ContactsService`, one bulk message each
 * through the `OutboxWriter` (so outgoing hooks, language, splitting and the queue job all
 * apply), in one transaction with the `Idempotency-Key`'s row: the key's primary key makes
 * a second request with it, even one racing the first, wait for the first and answer what
 * it queued, queueing nothing itself. The same key with another body is refused (422).
 */
@Injectable()
export class ApiMessageSender {
  private readonly gateways: readonly string[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly writer: OutboxWriter,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.gateways = Object.keys(config.section(gatewaysConfig).gateways);
  }

  send(client: string, key: string | undefined, body: SendMessageBody): Promise<SendResult> {
    const requestHash = sha256(JSON.stringify(body));
    return this.dataSource.transaction(async (db) => {
      const work = async (): Promise<Omit<SendResult, 'replayed'>> => {
        const recipients = await this.recipients(body, db);
        const written = await this.writer.write(
          db,
          recipients.map((to) => ({ to, text: literal(body.text), params: {}, app: 'api' })),
          { priority: 'bulk' },
        );
        const messages: Array<SendResult['messages'][number]> = [];
        let r = -1;
        for (const record of written) {
          if (record.partOfId !== null) {
            messages[messages.length - 1].parts++;
            continue;
          }
          r++;
          messages.push({
            id: record.id,
            phone: recipients[r].connection.identity,
            contactId: record.contactId,
            parts: 1,
          });
        }
        return { messages };
      };
      return idempotent(db, { client, key, requestHash, now: this.clock.now() }, work);
    });
  }

  /** Everyone the request names, each connection once, in the order named. */
  private async recipients(body: SendMessageBody, db: EntityManager): Promise<LinkedConnection[]> {
    const found = new Map<number, LinkedConnection>();
    const add = (to: LinkedConnection) => {
      if (!found.has(to.connection.id)) found.set(to.connection.id, to);
    };
    const { phones, contactIds, roles, locationIds } = body.to;
    if (phones) {
      const gateway = body.gateway ?? this.gateways[0];
      if (!this.gateways.includes(gateway)) throw new ApiInputError(`No gateway is named "${body.gateway}".`);
      const bad = phones.filter((p) => !PHONE.test(this.contacts.normalize(p)));
      if (bad.length > 0) throw new ApiInputError(`Not phone numbers: ${bad.join(', ')}.`);
      for (const phone of phones) {
        const known = await this.contacts.findByPhone(phone, db);
        if (known) add({ connection: known.connection, contact: known.contact?.active ? known.contact : null });
        else add({ connection: await this.contacts.connectionFor(gateway, phone, db), contact: null });
      }
    }
    if (contactIds) {
      const reached = await this.contacts.recipients({ ids: contactIds }, db);
      const missing = contactIds.filter((id) => !reached.some((r) => r.contact.id === id));
      if (missing.length > 0) {
        throw new ApiInputError(`No active contact with a phone has the id ${missing.join(', ')}.`);
      }
      const byId = new Map(reached.map((r) => [r.contact.id, r]));
      for (const id of contactIds) add(byId.get(id) as LinkedConnection);
    }
    if (roles || locationIds) {
      for (const to of await this.contacts.recipients({ roles, locationIds }, db)) add(to);
    }
    return [...found.values()];
  }
}
