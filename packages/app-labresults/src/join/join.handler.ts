import {
  type Contact,
  ContactPins,
  ContactsService,
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  type Role,
  SmsReplyError,
} from '@mwana/core';
import { Inject } from '@nestjs/common';
import { WorkerJoins } from '../approvals/worker-joins.service';
import { ClinicDirectory, type CodeLevel, type Place, type PlaceKind } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { PinAttempts } from '../results/pin-attempts.service';
import { type JoinProblem, type StaffJoin, parseJoin } from './join-parser';

/** Where each role registers: JOIN looks the code up among these kinds only. */
const PLACE_KINDS: Partial<Record<Role, readonly PlaceKind[]>> = {
  'district-worker': ['district'],
  'province-worker': ['province'],
  // Hubs and labs sit at facilities that are not always typed as clinics.
  'hub-worker': ['clinic', 'other'],
  'lab-worker': ['clinic', 'other'],
};

const ROLE_OF_LEVEL: Record<CodeLevel, Role> = {
  province: 'province-worker',
  district: 'district-worker',
  facility: 'clinic-worker',
};

function problemReply(problem: JoinProblem, secret: string): SmsReplyError {
  switch (problem.kind) {
    case 'malformed':
      return new SmsReplyError(texts.joinMalformed);
    case 'pin-too-long':
    case 'bad-pin':
      // Mwana says the same for a long pin and for a pin that is not digits.
      return new SmsReplyError(
        problem.typed ? texts.joinInvalidPinTyped : texts.joinInvalidPinUntyped,
        { word: problem.word },
        { secrets: [secret] },
      );
    case 'no-space-before-pin':
      return new SmsReplyError(problem.typed ? texts.joinNoSpaceBeforePinTyped : texts.joinNoSpaceBeforePinUntyped);
    case 'bad-name':
      return new SmsReplyError(texts.joinBadName);
    case 'cba':
      // The agent form belongs to RemindMi (AGENT); until it lands, say how to send it.
      return new SmsReplyError(texts.joinCbaHelp);
  }
}

/** JOIN for staff (docs/keywords.md#join): registers the phone to a named contact with a role, a place and a PIN. */
@KeywordHandler({
  app: 'labresults',
  keyword: 'JOIN',
  aliases: ['J0IN', 'JIN', 'JOHN', 'JO1N', 'JION', 'J01N', 'JON'],
  help: texts.joinHelp,
  advertise: 10,
})
export class JoinHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: ClinicDirectory,
    private readonly contacts: ContactsService,
    private readonly pins: ContactPins,
    private readonly attempts: PinAttempts,
    private readonly joins: WorkerJoins,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const parsed = parseJoin(rest, this.settings.joinTypes);
    // The PIN (or what was meant for one) is kept masked in the message log and in the reply.
    const secret = parsed.kind === 'staff' ? parsed.pin : 'word' in parsed && /\d/.test(parsed.word) ? parsed.word : '';
    msg.markSecret(secret);
    if (parsed.kind !== 'staff') throw problemReply(parsed, secret);
    const role = parsed.role ?? ROLE_OF_LEVEL[this.directory.levelOfCode(parsed.code) ?? 'facility'];
    // The place and, in the same statement, the ids of it and its zones (whose workers hear of the joiner).
    const found = await this.directory.findWithZones(parsed.code, PLACE_KINDS[role] ?? ['clinic'], msg.db);
    if (!found) throw new SmsReplyError(texts.joinUnknownLocation, { code: parsed.code });
    const { place, atOrZones } = found;

    const current = await this.reusable(msg, parsed, role, place);
    const roles: Role[] = [role, ...(this.settings.joinAddsCbaRole ? ['cba'] : [])];
    let contact: Contact;
    if (current) {
      contact = await this.contacts.update(
        current.id,
        { name: parsed.name, locationId: current.locationId ?? place.id, addRoles: roles },
        msg.db,
      );
      await this.pins.set(contact.id, parsed.pin, msg.db);
      await this.contacts.link(msg.connection, contact.id, msg.db);
    } else {
      contact = await this.contacts.register(
        { name: parsed.name, roles, locationId: place.id, pin: parsed.pin, connection: msg.connection },
        msg.db,
      );
    }
    msg.contact = contact;
    const params = { name: parsed.name, location: place.name, pin: parsed.pin };
    if (role !== 'clinic-worker') {
      msg.respond(this.joinedText(role), params, { secrets: [parsed.pin] });
      return;
    }
    const isNew = !current?.roles.includes('clinic-worker');
    const standing = await this.joins.standing(contact, place, { isNew, created: !current }, msg.db);
    if (standing === 'rejected') msg.respond(texts.notApproved, { name: contact.name, clinic: place.name });
    else
      msg.respond(standing === 'pending' ? texts.joinedClinicPending : texts.joinedClinic, params, {
        secrets: [parsed.pin],
      });
    // The joiner hears first; then their colleagues.
    if (isNew) await this.joins.announce(msg, contact, place, standing, atOrZones);
  }

  /** The sender's active contact when it may take this registration; null for a new one. */
  private async reusable(msg: IncomingMessage, join: StaffJoin, role: Role, place: Place): Promise<Contact | null> {
    const current = msg.contact?.active ? msg.contact : null;
    if (!current) return null;
    // Comparing the PIN is a PIN check like any other: counted.
    if (
      current.roles.includes(role) &&
      current.locationId === place.id &&
      (await this.attempts.attempt(msg, current, join.pin)).kind === 'right'
    ) {
      throw new SmsReplyError(texts.joinAlreadyRegistered, { name: current.name, location: place.name });
    }
    const clinic = current.locationId === null ? null : await this.directory.clinicOf(current.locationId, msg.db);
    if (clinic && clinic.id !== place.id) {
      throw new SmsReplyError(texts.joinAlreadyRegistered, { name: current.name, location: clinic.name });
    }
    return current;
  }

  private joinedText(role: Role): (typeof texts)[keyof typeof texts] {
    if (role === 'hub-worker') return texts.joinedHub;
    if (role === 'district-worker') return texts.joinedDistrict;
    if (role === 'province-worker') return texts.joinedProvince;
    return texts.joinedClinic;
  }
}
