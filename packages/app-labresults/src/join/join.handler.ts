import {
  Connection,
  Contact,
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  type Role,
  SmsReplyError,
  hashPin,
  verifyPin,
} from '@mwana/core';
import { Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClinicDirectory, type CodeLevel, type Place, type PlaceKind } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
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

function problemReply(problem: JoinProblem): SmsReplyError {
  switch (problem.kind) {
    case 'malformed':
      return new SmsReplyError(texts.joinMalformed);
    case 'pin-too-long':
    case 'bad-pin':
      // Mwana says the same for a long pin and for a pin that is not digits.
      return new SmsReplyError(problem.typed ? texts.joinInvalidPinTyped : texts.joinInvalidPinUntyped, {
        word: problem.word,
      });
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
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const parsed = parseJoin(rest, this.settings.joinTypes);
    if (parsed.kind !== 'staff') throw problemReply(parsed);
    const role = parsed.role ?? ROLE_OF_LEVEL[this.directory.levelOfCode(parsed.code) ?? 'facility'];
    const place = await this.directory.findByCode(parsed.code, PLACE_KINDS[role] ?? ['clinic'], msg.db);
    if (!place) throw new SmsReplyError(texts.joinUnknownLocation, { code: parsed.code });

    const contact = await this.contactFor(msg, parsed, role, place);
    contact.name = parsed.name;
    contact.pinHash = await hashPin(parsed.pin);
    contact.locationId ??= place.id;
    const roles = new Set<Role>([...contact.roles, role, ...(this.settings.joinAddsCbaRole ? (['cba'] as const) : [])]);
    contact.roles = [...roles];
    const saved = await msg.db.getRepository(Contact).save(contact);
    await msg.db.update(Connection, msg.connection.id, { contactId: saved.id });
    msg.contact = saved;
    msg.respond(this.joinedText(role), { name: parsed.name, location: place.name, pin: parsed.pin });
  }

  /** The sender's active contact when it may take this registration, or a new one. */
  private async contactFor(msg: IncomingMessage, join: StaffJoin, role: Role, place: Place): Promise<Contact> {
    const current = msg.contact?.active ? await this.withPin(msg.contact.id, msg.db) : null;
    if (!current)
      return msg.db
        .getRepository(Contact)
        .create({ name: join.name, language: null, roles: [], active: true, isHelpAdmin: false, locationId: null });
    if (
      current.roles.includes(role) &&
      current.locationId === place.id &&
      (await verifyPin(join.pin, current.pinHash))
    ) {
      throw new SmsReplyError(texts.joinAlreadyRegistered, { name: current.name, location: place.name });
    }
    const clinic = current.locationId === null ? null : await this.directory.clinicOf(current.locationId, msg.db);
    if (clinic && clinic.id !== place.id) {
      throw new SmsReplyError(texts.joinAlreadyRegistered, { name: current.name, location: clinic.name });
    }
    return current;
  }

  private withPin(id: number, db: EntityManager): Promise<Contact | null> {
    return db
      .getRepository(Contact)
      .createQueryBuilder('c')
      .addSelect('c.pinHash')
      .where('c.id = :id', { id })
      .getOne();
  }

  private joinedText(role: Role): (typeof texts)[keyof typeof texts] {
    if (role === 'hub-worker') return texts.joinedHub;
    if (role === 'district-worker') return texts.joinedDistrict;
    if (role === 'province-worker') return texts.joinedProvince;
    return texts.joinedClinic;
  }
}
