import {
  ContactRoleRegistry,
  countryConfig,
  MwanaConfig,
  type Recipient,
  type Role,
  segmentInfo,
  type SmsEncoding,
  splitSms,
} from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BROADCAST_OPTIONS } from '../broadcast.module-definition';
import type { BroadcastSettings } from '../broadcast.config';
import { Broadcaster } from '../groups/broadcaster.service';
import { NEVER_RECIPIENTS } from '../groups/groups';
import { BroadcastPlaces, type Place } from '../places';

/** Who a staff broadcast goes to: contacts with any of `roles` (none: any role) under any of `locationIds` (none: everywhere). */
export interface Audience {
  readonly roles: readonly Role[];
  readonly locationIds: readonly number[];
}

/** What a text costs each recipient, and all of them together. */
export interface Preview {
  readonly recipients: number;
  readonly encoding: SmsEncoding;
  /** The SMS each recipient gets (a longer text is split between words). */
  readonly parts: number;
  /** The segments the network bills per recipient, every part together. */
  readonly segments: number;
  readonly totalSegments: number;
  /** Above `broadcast.confirmAbove`: the console asks its sender to confirm the count. */
  readonly needsConfirmation: boolean;
}

/** A filter that names an unknown role or place, or a text too long: nothing is sent. */
export class AudienceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudienceError';
  }
}

/** The largest text a staff broadcast takes, as `POST /api/messages`. */
export const STAFF_TEXT_MAX = 1600;

/**
 * Broadcasts written by staff (the console's send form, `POST /api/broadcasts`): contacts by
 * role and location, a location taking its whole subtree (a district: its clinics and their
 * zones), hub and lab staff left out as for every broadcast; the text sent as written, one
 * bulk message per recipient, recorded as one broadcast.
 */
@Injectable()
export class StaffBroadcasts {
  private readonly maxLength: number;

  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly places: BroadcastPlaces,
    private readonly roles: ContactRoleRegistry,
    @Inject(BROADCAST_OPTIONS) private readonly settings: BroadcastSettings,
    config: MwanaConfig,
  ) {
    this.maxLength = config.section(countryConfig).smsMaxLength;
  }

  get confirmAbove(): number {
    return this.settings.confirmAbove;
  }

  /** The roles a staff broadcast may pick: every declared one but those never messaged. */
  choosableRoles(): Role[] {
    return this.roles
      .all()
      .map((r) => r.slug)
      .filter((slug) => !NEVER_RECIPIENTS.has(slug));
  }

  /** The places a filter may name (zones are reached through their clinic). */
  choosablePlaces(db: EntityManager): Promise<Place[]> {
    return this.places.all(db);
  }

  /** The recipients of an audience, each contact once; an unknown role or place is an `AudienceError`. */
  async recipients(audience: Audience, db: EntityManager): Promise<Recipient[]> {
    const choosable = this.choosableRoles();
    const bad = audience.roles.filter((r) => !choosable.includes(r));
    if (bad.length > 0) throw new AudienceError(`No role a broadcast may go to is named ${bad.join(', ')}.`);
    const locationIds = new Set<number>();
    for (const id of audience.locationIds) {
      if (!(await this.places.get(id, db))) throw new AudienceError(`No location has the id ${id}.`);
      for (const below of await this.places.subtreeIds(id, db)) locationIds.add(below);
    }
    return this.broadcaster.filtered(
      {
        ...(audience.roles.length > 0 ? { roles: audience.roles } : {}),
        ...(audience.locationIds.length > 0 ? { locationIds: [...locationIds] } : {}),
      },
      db,
    );
  }

  /** What the text costs sent to `recipients` people. */
  preview(text: string, recipients: number): Preview {
    const parts = splitSms(text, this.maxLength).map(segmentInfo);
    const segments = parts.reduce((sum, p) => sum + p.segments, 0);
    return {
      recipients,
      encoding: parts.some((p) => p.encoding === 'UCS-2') ? 'UCS-2' : 'GSM-7',
      parts: parts.length,
      segments,
      totalSegments: segments * recipients,
      needsConfirmation: recipients > this.settings.confirmAbove,
    };
  }

  /** How the broadcast log names an audience: `cba, clinic-worker at Ndola` (at most 40 characters). */
  async label(audience: Audience, db: EntityManager): Promise<string> {
    const names: string[] = [];
    for (const id of audience.locationIds) names.push((await this.places.get(id, db))?.name ?? `#${id}`);
    const who = audience.roles.length > 0 ? audience.roles.join(', ') : 'everyone';
    const label = names.length > 0 ? `${who} at ${names.join(', ')}` : who;
    return label.length > 40 ? `${label.slice(0, 39)}…` : label;
  }

  /**
   * Queues the text to the audience as one broadcast, in `db`'s transaction; returns the
   * record's id and how many it reached. Refused (`TooManyRecipients`) past `broadcast.maxRecipients`.
   */
  async send(
    request: { audience: Audience; text: string; by: string; recipients?: readonly Recipient[] },
    db: EntityManager,
  ): Promise<{ id: number; recipients: number; messageIds: string[] }> {
    if (request.text.trim() === '') throw new AudienceError('The message is empty.');
    if (request.text.length > STAFF_TEXT_MAX)
      throw new AudienceError(`The message is longer than ${STAFF_TEXT_MAX} characters.`);
    const recipients = request.recipients ?? (await this.recipients(request.audience, db));
    const label = await this.label(request.audience, db);
    const sent = await this.broadcaster.send(
      {
        group: {
          label,
          roles: request.audience.roles,
          withParent: false,
          everywhere: request.audience.locationIds.length === 0,
        },
        text: request.text,
        senderName: null,
        consoleUser: request.by,
      },
      recipients,
      db,
    );
    return { id: sent.id, recipients: recipients.length, messageIds: sent.messageIds };
  }
}
