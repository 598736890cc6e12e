import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { ContactsService } from '../contacts/contacts.service';
import { Batcher } from '../database/batcher';
import type { InboundSms } from '../gateways/gateway-inbox';
import {
  InboundRepository,
  type InboundRow,
  type StoredInbound,
  type StoredRow,
} from '../message-log/inbound.repository';
import { InboundSeal, UNROUTED_TEXT } from '../message-log/inbound-seal';
import { MessageRecord } from '../message-log/message.entity';
import { isStorable, storableText } from '../text/storable-text';

/** The longest sender a connection holds (`connection.identity`): a phone number or a short code is far shorter. */
const MAX_IDENTITY = 64;
/** The longest gateway message id kept (`message.provider_id`): Twilio's are 34, Africa's Talking's and Kannel's under 64. */
const MAX_PROVIDER_ID = 255;

/**
 * Inbound SMS, stored before a gateway is answered, by group commit (`Batcher`): the SMS that
 * arrive while store statements run go together in the next one. The sender's number is
 * normalised by contacts, as everywhere.
 */
@Injectable()
export class MessageStore {
  private readonly inbound = new Batcher<InboundRow, StoredRow>((batch) => this.repository.store(batch));

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: InboundRepository,
    private readonly clock: Clock,
    private readonly contacts: ContactsService,
    private readonly seal: InboundSeal,
  ) {}

  /**
   * Stores an inbound SMS (status received) and returns it, or null when the gateway sent
   * this provider id before: the caller acknowledges it and does nothing more. By group
   * commit (`Batcher`): the SMS that arrive while store statements run go together in one.
   */
  async storeInbound(
    sms: InboundSms,
    options: { leaseSeconds?: number; claimedBy?: string; receivedAt?: Date } = {},
  ): Promise<StoredInbound | null> {
    // An SMS replayed from the spool keeps the time it came in.
    const now = options.receivedAt ?? this.clock.now();
    // Routed in this request: leased to it, so no worker takes it meanwhile (a worker does
    // take it once the lease is over, if this process died before routing it).
    const lease = options.leaseSeconds ? new Date(this.clock.now().getTime() + options.leaseSeconds * 1000) : null;
    const identity = this.contacts.normalize(sms.identity);
    // What no phone sends is refused (400) before anything is written; any text is stored.
    if (identity.length === 0 || identity.length > MAX_IDENTITY || !isStorable(identity))
      throw new BadRequestException(`The sender must be 1 to ${MAX_IDENTITY} characters, without NUL`);
    const providerId = sms.providerId ?? null;
    if (providerId !== null && (providerId.length > MAX_PROVIDER_ID || !isStorable(providerId)))
      throw new BadRequestException(`The message id must be at most ${MAX_PROVIDER_ID} characters, without NUL`);
    const { text, original: storable } = storableText(sms.text);
    const original = sms.original ?? storable;
    const stored = await this.inbound.submit({
      gateway: sms.gateway,
      identity,
      // Sealed from the moment it is written: until routed, nobody can tell whether it is a PIN or a result.
      text: UNROUTED_TEXT,
      sealed: this.seal.seal({ text, original }),
      providerId,
      at: now,
      lease,
      claimedBy: lease ? (options.claimedBy ?? null) : null,
    });
    // Another request created this connection in the same instant: this statement could not see it yet.
    if (stored === 'again') return this.storeInbound(sms, options);
    if (stored === 'duplicate') return null;
    const { connection, contact, messageId } = stored;
    const record = this.dataSource.manager.create(MessageRecord, {
      id: messageId,
      direction: 'in',
      connectionId: connection.id,
      contactId: connection.contactId,
      text,
      original,
      sealed: null,
      status: 'received',
      providerId,
      createdAt: now,
      updatedAt: now,
    });
    return { record, connection, contact };
  }
}
