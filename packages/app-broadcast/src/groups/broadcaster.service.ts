import {
  Clock,
  type Contact,
  ContactsService,
  type ContactQuery,
  literal,
  MessageStatuses,
  OutboxWriter,
  type Recipient,
  type StatusCounts,
} from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BROADCAST_OPTIONS } from '../broadcast.module-definition';
import type { BroadcastSettings } from '../broadcast.config';
import { BroadcastPlaces, type Place } from '../places';
import { broadcastText, type Group, NEVER_RECIPIENTS } from './groups';

export interface BroadcastRequest {
  readonly group: Group;
  /** As the sender wrote it: sent verbatim, with the `[from ... to ...]` suffix. */
  readonly text: string;
  /** The name in the suffix; null: the text goes as written (a console or API broadcast, signed by its writer). */
  readonly senderName: string | null;
  readonly sender?: Contact | null;
  readonly connectionId?: number | null;
  /** A console user's name, for a broadcast sent from the console. */
  readonly consoleUser?: string | null;
}

export interface BroadcastRow {
  readonly id: number;
  readonly senderName: string | null;
  readonly consoleUser: string | null;
  readonly group: string;
  readonly text: string;
  readonly recipients: number;
  readonly createdAt: Date;
  readonly counts: StatusCounts;
}

export class TooManyRecipients extends Error {
  constructor(
    readonly count: number,
    readonly max: number,
  ) {
    super(`${count} recipients, more than the ${max} a broadcast may reach (broadcast.maxRecipients)`);
  }
}

/**
 * A broadcast: its recipients (one query through the contacts contract), one bulk message per
 * recipient through the outbox (split and encoded for each; replies to waiting people go
 * first), and its record, whose delivery counts come from those messages' statuses.
 */
@Injectable()
export class Broadcaster {
  constructor(
    private readonly contacts: ContactsService,
    private readonly places: BroadcastPlaces,
    private readonly writer: OutboxWriter,
    private readonly statuses: MessageStatuses,
    private readonly clock: Clock,
    @Inject(BROADCAST_OPTIONS) private readonly settings: BroadcastSettings,
  ) {}

  /**
   * Where a group of the clinic's is: the clinic and its zones (`atOrChildren`, when already
   * read), and for district offices the district above.
   */
  async locationIds(
    group: Group,
    clinic: Place,
    db: EntityManager,
    atOrChildren?: readonly number[],
  ): Promise<number[]> {
    const ids = atOrChildren ? [...atOrChildren] : await this.places.atOrChildrenIds(clinic.id, db);
    if (group.withParent && clinic.parentId !== null) ids.push(clinic.parentId);
    return ids;
  }

  /** A group's recipients relative to the sender's clinic (`null` for BLAST), the sender and hub and lab staff left out. */
  async recipients(
    group: Group,
    clinic: Place | null,
    senderId: number | null,
    db: EntityManager,
    atOrChildren?: readonly number[],
  ): Promise<Recipient[]> {
    const query: ContactQuery = {
      ...(group.roles ? { roles: group.roles } : {}),
      ...(group.everywhere || !clinic ? {} : { locationIds: await this.locationIds(group, clinic, db, atOrChildren) }),
    };
    return this.eligible(await this.contacts.recipients(query, db), senderId);
  }

  /** Contacts found by a console filter, with the same exclusions. */
  async filtered(query: ContactQuery, db: EntityManager): Promise<Recipient[]> {
    return this.eligible(await this.contacts.recipients(query, db), null);
  }

  private eligible(found: readonly Recipient[], senderId: number | null): Recipient[] {
    return found.filter(
      (r) => r.contact.id !== senderId && !r.contact.roles.some((role) => NEVER_RECIPIENTS.has(role)),
    );
  }

  /** Queues the broadcast to these recipients and records it: the record's id, and each recipient's message (its first part's id). */
  async send(
    request: BroadcastRequest,
    recipients: readonly Recipient[],
    db: EntityManager,
  ): Promise<{ id: number; messageIds: string[] }> {
    if (recipients.length > this.settings.maxRecipients)
      throw new TooManyRecipients(recipients.length, this.settings.maxRecipients);
    const text = literal(
      request.senderName === null ? request.text : broadcastText(request.text, request.senderName, request.group),
    );
    const written = await this.writer.write(
      db,
      recipients.map((to) => ({ to, text, params: {}, app: 'broadcast' })),
      { priority: 'bulk' },
    );
    const [row]: Array<{ id: number }> = await db.query(
      `INSERT INTO broadcast (sender_id, connection_id, console_user, group_label, text, recipients, message_ids, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::bigint[], $8) RETURNING id`,
      [
        request.sender?.id ?? null,
        request.connectionId ?? null,
        request.consoleUser ?? null,
        request.group.label,
        request.text,
        recipients.length,
        written.map((m) => m.id),
        this.clock.now(),
      ],
    );
    return { id: row.id, messageIds: written.filter((m) => m.partOfId === null).map((m) => m.id) };
  }

  /** The latest broadcasts with how many of their messages were sent, delivered and failed. */
  async log(limit: number, db: EntityManager): Promise<BroadcastRow[]> {
    const rows: Array<{
      id: number;
      sender: string | null;
      console_user: string | null;
      group_label: string;
      text: string;
      recipients: number;
      message_ids: string[];
      created_at: Date;
    }> = await db.query(
      `SELECT b.id, c.name AS sender, b.console_user, b.group_label, b.text, b.recipients, b.message_ids::text[] AS message_ids, b.created_at
         FROM broadcast b LEFT JOIN contact c ON c.id = b.sender_id ORDER BY b.id DESC LIMIT $1`,
      [limit],
    );
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        senderName: r.sender,
        consoleUser: r.console_user,
        group: r.group_label,
        text: r.text,
        recipients: r.recipients,
        createdAt: r.created_at,
        counts: await this.statuses.count(r.message_ids, db),
      })),
    );
  }
}

/** Sent counts as the log shows them: delivered messages were sent too. */
export function deliveryCounts(counts: StatusCounts): {
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
} {
  const n = (s: keyof StatusCounts): number => counts[s] ?? 0;
  return {
    queued: n('queued') + n('sending') + n('retrying'),
    sent: n('sent') + n('delivered'),
    delivered: n('delivered'),
    failed: n('failed') + n('cancelled'),
  };
}
