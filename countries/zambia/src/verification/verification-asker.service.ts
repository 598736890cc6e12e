import {
  type Contact,
  ContactsService,
  type JobContext,
  type Message,
  MessageActivity,
  type Recipient,
} from '@mwana/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ZambiaPlaces } from '../places/zambia-places.service';
import type { VerifiedRole, ZambiaSettings } from '../zambia.config';
import { ZAMBIA_OPTIONS } from '../zambia.module-definition';
import { zambiaTexts as texts } from '../zambia.texts';
import type { QuestionKind } from './verification-question.entity';
import { VerificationQuestions } from './verification-questions.service';

const DAY_MS = 86_400_000;

/** A contact in verification's scope, and since when they have sent nothing. */
export interface Silent {
  readonly contact: Contact;
  readonly since: Date;
}

interface Wording {
  readonly text: Message;
  readonly params: Record<string, string>;
  readonly locationId: number;
}

/**
 * Who user verification asks, and in which words (docs/keywords.md#user-verification): active
 * contacts of the configured roles, at a location in scope, silent for long enough. One
 * `ask` is one run of a question job: at most `perRun` questions, the longest silent first,
 * each recorded with its send in the job's transaction.
 */
@Injectable()
export class VerificationAsker {
  private readonly logger = new Logger('UserVerification');

  constructor(
    private readonly contacts: ContactsService,
    private readonly activity: MessageActivity,
    private readonly places: ZambiaPlaces,
    private readonly questions: VerificationQuestions,
    @Inject(ZAMBIA_OPTIONS) private readonly settings: ZambiaSettings,
  ) {}

  async ask(kind: QuestionKind, ctx: JobContext): Promise<void> {
    const { silentDays, perRun } = this.settings.verification[kind];
    const cutoff = new Date(ctx.now.getTime() - silentDays * DAY_MS);
    const recipients = new Map((await this.inScope(ctx.db)).map((r) => [r.contact.id, r]));
    const silent = (
      await this.silent(
        [...recipients.values()].map((r) => r.contact),
        ctx.db,
      )
    ).filter((s) => s.since <= cutoff);
    const asked = await this.questions.askedSince(
      kind,
      silent.map((s) => s.contact.id),
      cutoff,
      ctx.db,
    );
    const due = silent
      .filter((s) => !asked.has(s.contact.id))
      .sort((a, b) => a.since.getTime() - b.since.getTime() || a.contact.id - b.contact.id)
      .slice(0, perRun);
    for (const { contact } of due) {
      const wording = await this.wording(contact, ctx.db);
      if (!wording) {
        this.logger.warn(`contact #${contact.id}: no place to name in a verification question, not asked`);
        continue;
      }
      await this.questions.record(contact.id, kind, wording.locationId, ctx.now, ctx.db);
      ctx.send(recipients.get(contact.id)!, wording.text, { name: contact.name, ...wording.params });
    }
  }

  /** Active contacts of the verified roles with a location in scope, each on the phone to ask them on. */
  async inScope(db: EntityManager): Promise<Recipient[]> {
    const { roles, locations } = this.settings.verification;
    const within = await this.places.within(locations, db);
    return (await this.contacts.recipients({ roles }, db)).filter(
      ({ contact }) => contact.locationId !== null && (within === null || within.has(contact.locationId)),
    );
  }

  /** Since when each contact has sent nothing: their last SMS, or their registration if they never wrote. */
  async silent(contacts: readonly Contact[], db: EntityManager): Promise<Silent[]> {
    const phones = await this.contacts.connectionsOf(
      contacts.map((c) => c.id),
      db,
    );
    const received = await this.activity.lastReceived(
      [...phones.values()].flatMap((connections) => connections.map((c) => c.id)),
      db,
    );
    return contacts.map((contact) => {
      // Any phone of theirs: the newest SMS from any of them.
      const times = (phones.get(contact.id) ?? []).flatMap((c) => received.get(c.id) ?? []);
      const last = times.reduce<Date | null>((newest, at) => (!newest || at > newest ? at : newest), null);
      return { contact, since: last ?? contact.createdAt };
    });
  }

  /** The question for the contact's first verified role: the place it names is theirs (a clinic, district or province). */
  private async wording(contact: Contact, db: EntityManager): Promise<Wording | null> {
    const role = this.settings.verification.roles.find((r) => contact.roles.includes(r));
    if (!role || contact.locationId === null) return null;
    const place = await this.placeFor(role, contact.locationId, db);
    if (!place) return null;
    const at = { locationId: place.id };
    switch (role) {
      case 'clinic-worker':
      case 'hub-worker':
        return { ...at, text: texts.askClinic, params: { clinic: place.name } };
      case 'district-worker':
        return { ...at, text: texts.askDistrict, params: { district: place.name } };
      case 'province-worker':
        return { ...at, text: texts.askProvince, params: { province: place.name } };
      case 'cba':
        return { ...at, text: texts.askAgent, params: { clinic: place.name } };
    }
  }

  private placeFor(role: VerifiedRole, locationId: number, db: EntityManager) {
    // District and province staff are registered at their district or province itself.
    return role === 'district-worker' || role === 'province-worker'
      ? this.places.get(locationId, db)
      : this.places.clinicOf(locationId, db);
  }
}
