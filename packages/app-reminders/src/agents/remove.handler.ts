import { type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { collapse } from '../names';
import { type Place, Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';
import { type Agent, AgentDirectory } from './agent-directory';

interface Candidate extends Agent {
  readonly zone: Place;
}

/** A phone number as typed: nine characters or more, digits after the first (`+260977...`, `0977...`). */
const PHONE = /^.\d{8,}$/;

/** The digits a phone ends with, as typed: `0977123456` ends `+260977123456`. */
function endsWith(identity: string, typed: string): boolean {
  const digits = typed.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length > 0 && identity.replace(/\D/g, '').endsWith(digits);
}

/**
 * REMOVE / DEREGISTER (docs/keywords.md#remove): a registered clinic worker deactivates an
 * agent of one of the clinic's zones, by phone (its last digits) or by part of the name.
 */
@KeywordHandler({
  app: 'reminders',
  keyword: 'REMOVE',
  aliases: [
    'DEREGISTER',
    'DE-REGISTER',
    'DEREGISTRE',
    'DIREGISTER',
    'RIMOVE',
    'DIREGISTRE',
    'DEREGSTER',
    'DE-REGISTRE',
  ],
  help: texts.removeHelp,
})
export class RemoveHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly places: Places,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const worker = msg.contact;
    if (!this.directory.isClinicWorker(worker) || !(await this.directory.hasPin(worker, msg.db)))
      throw new SmsReplyError(texts.removeNotAllowed);
    const clinic = await this.places.clinicOf(worker.locationId!, msg.db);
    if (!clinic) throw new SmsReplyError(texts.removeNotAllowed);
    const text = collapse(rest);
    const candidates = await this.agentsOf(clinic, msg);
    // A number as people write it: `0977 000 003`, `0977-000-003`, `0977.000.003` (cleaning keeps dots between digits).
    const phone = text.replace(/[\s.-]/g, '');
    if (PHONE.test(phone)) {
      const matches = candidates.filter((c) => endsWith(c.connection.identity, phone));
      if (matches.length === 0) throw new SmsReplyError(texts.removePhoneUnknown, { phone: text, clinic: clinic.name });
      if (matches.length > 1) return this.sharedPhone(msg, text, clinic);
      return this.remove(msg, matches[0], clinic);
    }
    const fragment = text.toLowerCase();
    const matches = candidates.filter((c) => c.contact.name.toLowerCase().includes(fragment));
    if (matches.length === 0) throw new SmsReplyError(texts.removeNameUnknown, { name: text, clinic: clinic.name });
    if (matches.length >= 5)
      throw new SmsReplyError(texts.removeTooMany, { count: matches.length, name: text, clinic: clinic.name });
    if (matches.length > 1)
      throw new SmsReplyError(texts.removeWhich, {
        cbas: matches.map((m) => `${m.contact.name}:${m.connection.identity}`).join(' or '),
      });
    await this.remove(msg, matches[0], clinic);
  }

  /** The active agents of the clinic's zones, each with its zone. */
  private async agentsOf(clinic: Place, msg: IncomingMessage): Promise<Candidate[]> {
    const zones = await this.places.zonesOf(clinic.id, msg.db);
    const agents = await this.directory.agentsAt(
      zones.map((z) => z.id),
      msg.db,
    );
    return zones.flatMap((zone) => (agents.get(zone.id) ?? []).map((agent) => ({ ...agent, zone })));
  }

  private async remove(msg: IncomingMessage, agent: Candidate, clinic: Place): Promise<void> {
    await this.directory.deactivate(agent.contact, msg.db);
    const params = {
      cba: agent.contact.name,
      phone: agent.connection.identity,
      zone: agent.zone.name,
      clinic: clinic.name,
    };
    msg.respond(texts.removeDone, params);
    for (const admin of await this.directory.helpAdmins(msg.db))
      msg.notify(admin, texts.removeAdminNotice, {
        ...params,
        worker: msg.contact!.name,
        workerPhone: msg.connection.identity,
      });
  }

  /** One phone's digits end two agents' numbers: nobody is removed, the help admins follow it up. */
  private async sharedPhone(msg: IncomingMessage, phone: string, clinic: Place): Promise<void> {
    msg.respond(texts.removeSharedPhone, { name: msg.contact!.name, phone });
    for (const admin of await this.directory.helpAdmins(msg.db))
      msg.notify(admin, texts.removeSharedPhoneAdmin, {
        phone,
        worker: msg.contact!.name,
        workerPhone: msg.connection.identity,
        clinic: clinic.name,
      });
  }
}
