import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { AgentDirectory } from '../agents/agent-directory';
import { PinCheckService } from '../agents/pin-check';
import { dayMonthYear } from '../names';
import { Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';

/**
 * BIRTHREG <PIN> (docs/keywords.md#birthreg): a registered clinic worker, with their PIN, gets
 * the events registered at the clinic since a clinic worker last asked; those are then marked
 * sent. The PIN goes through the same check as Results160's (hashed, locked after wrong tries).
 */
@KeywordHandler({
  app: 'reminders',
  keyword: 'BIRTHREG',
  aliases: ['NEWBORN', 'NEWBIRTH', 'BETHREG', 'NEWBON', 'NEWBONE', 'NEWBORNE'],
  help: texts.birthregHelp,
})
export class BirthRegHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly pins: PinCheckService,
    private readonly places: Places,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const worker = msg.contact;
    if (!this.directory.isClinicWorker(worker) || !(await this.directory.hasPin(worker, msg.db)))
      throw new SmsReplyError(texts.birthregNotAllowed);
    const now = this.clock.now();
    const check = await this.pins.check(msg, worker, rest.split(/\s+/)[0], now);
    if (check.outcome === 'locked') throw new SmsReplyError(texts.birthregLocked, { minutes: check.minutes });
    if (check.outcome === 'wrong') throw new SmsReplyError(texts.birthregBadPin);
    const clinic = (await this.places.clinicOf(worker.locationId!, msg.db))!;
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
}
