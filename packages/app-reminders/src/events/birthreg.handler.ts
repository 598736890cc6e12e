import {
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  SmsReplyError,
  Clock,
  maskIdentity,
} from '@mwana/core';
import { Logger } from '@nestjs/common';
import { AgentDirectory } from '../agents/agent-directory';
import { dayMonthYear } from '../names';
import { type Place, Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';

/** The PIN of a BIRTHREG: its first word, or the word after a `PIN` (`BIRTHREG pin: 1234`). */
export function birthregPin(rest: string): string {
  const [first = '', second] = rest.split(/\s+/);
  return /^pin:?$/i.test(first) && second !== undefined ? second : first;
}

/**
 * BIRTHREG <PIN> (docs/keywords.md#birthreg): a registered clinic worker, with their PIN, gets
 * the events registered at the clinic since a clinic worker last asked; those are then marked
 * sent. The PIN is checked as Results160's are, its strikes counted with theirs: wrong five
 * times in a row, the contact's PINs are locked for 30 minutes and the help admins told once.
 */
@KeywordHandler({
  app: 'reminders',
  keyword: 'BIRTHREG',
  aliases: ['NEWBORN', 'NEWBIRTH', 'BETHREG', 'NEWBON', 'NEWBONE', 'NEWBORNE'],
  help: texts.birthregHelp,
})
export class BirthRegHandler extends KeywordHandlerBase {
  private readonly logger = new Logger('BirthReg');

  constructor(
    private readonly directory: AgentDirectory,
    private readonly places: Places,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const worker = msg.contact;
    if (!this.directory.isClinicWorker(worker) || !(await this.directory.hasPin(worker, msg.db)))
      throw new SmsReplyError(texts.birthregNotAllowed);
    const clinic = (await this.places.clinicOf(worker.locationId!, msg.db))!;
    // The PIN is a secret: it goes to the check and nowhere else (the message log keeps it masked).
    const pin = birthregPin(rest);
    msg.markSecret(pin);
    const check = await this.directory.checkPin(worker, pin, msg.db);
    if (check.kind === 'locked') {
      if (check.justLocked) await this.alert(msg, clinic);
      throw new SmsReplyError(texts.birthregLocked, { minutes: 30 });
    }
    if (check.kind === 'wrong') throw new SmsReplyError(texts.birthregBadPin);
    const now = this.clock.now();
    // An UPDATE answers [rows, count].
    const [births]: [Array<{ id: number; patient_id: number; date: string }>, number] = await msg.db.query(
      `UPDATE patient_event SET status = 'sent', reported_at = $2
        WHERE id IN (SELECT id FROM patient_event WHERE clinic_id = $1 AND status = 'new' FOR UPDATE)
       RETURNING id, patient_id, date::text`,
      [clinic.id, now],
    );
    if (births.length === 0) {
      msg.respond(texts.birthregNone, { name: worker.name, location: clinic.name });
      return;
    }
    births.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    const patients = await this.directory.people(
      births.map((b) => b.patient_id),
      msg.db,
    );
    msg.respond(texts.birthregList, {
      name: worker.name,
      location: clinic.name,
      births: births.map((b) => `${patients.get(b.patient_id)?.name ?? ''}:${dayMonthYear(b.date)}`).join(', '),
    });
  }

  private async alert(msg: IncomingMessage, clinic: Place): Promise<void> {
    const worker = msg.contact!;
    this.logger.warn(`contact #${worker.id} (${maskIdentity(msg.connection.identity)}) locked after 5 wrong PINs`);
    for (const admin of await this.directory.helpAdmins(msg.db))
      msg.notify(admin, texts.birthregLockedAlert, {
        name: worker.name,
        phone: msg.connection.identity,
        clinic: clinic.name,
        count: 5,
        minutes: 30,
      });
  }
}
