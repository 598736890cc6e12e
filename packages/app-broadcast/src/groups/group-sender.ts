import { type Contact, type IncomingMessage, SmsReplyError } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { broadcastTexts as texts } from '../broadcast.texts';
import { BroadcastPlaces, type Place } from '../places';
import { Broadcaster, TooManyRecipients } from './broadcaster.service';
import type { Group } from './groups';

/** What the group keywords and MSG share: who may send, to whom, and the sending. */
@Injectable()
export class GroupSender {
  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly places: BroadcastPlaces,
  ) {}

  /**
   * The sender and their clinic (a district for a DHO), with the ids of it and its zones read in
   * the same statement (`atOrChildren`); an unregistered or placeless sender is told to register.
   */
  async registered(msg: IncomingMessage): Promise<{ sender: Contact; clinic: Place; atOrChildren: number[] }> {
    const sender = msg.contact;
    if (!sender?.active || sender.locationId === null) throw new SmsReplyError(texts.notRegistered);
    const found = await this.places.clinicWithZones(sender.locationId, msg.db);
    if (!found) throw new SmsReplyError(texts.notRegistered);
    return { sender, ...found };
  }

  /**
   * Sends `text` to the group (relative to `clinic`; null for everyone); returns how many it
   * reached. `atOrChildren`: the ids of the clinic and its zones, when already read.
   */
  async send(
    msg: IncomingMessage,
    sender: Contact,
    clinic: Place | null,
    group: Group,
    text: string,
    atOrChildren?: readonly number[],
  ): Promise<number> {
    const recipients = await this.broadcaster.recipients(group, clinic, sender.id, msg.db, atOrChildren);
    if (recipients.length === 0) throw new SmsReplyError(texts.nobodyInGroup, { group: group.label });
    try {
      await this.broadcaster.send(
        { group, text, senderName: sender.name, sender, connectionId: msg.connection.id },
        recipients,
        msg.db,
      );
    } catch (error) {
      if (!(error instanceof TooManyRecipients)) throw error;
      throw new SmsReplyError(texts.tooManyRecipients, { group: group.label, count: error.count, max: error.max });
    }
    return recipients.length;
  }
}
