import {
  Clock,
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  MwanaConfig,
  SmsReplyError,
  countryConfig,
} from '@mwana/core';
import { AgentDirectory } from '../agents/agent-directory';
import { EventCatalogue } from '../events/event-catalogue';
import { noticeSend } from '../outbound';
import { Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';
import { addDays, dayIn } from './calendar';
import { ReminderSender } from './reminder-sender';

/** Mwana's demo patient, when the clinic's agents have registered none. */
const DEMO_PATIENT = 'Maria Malambo';

/**
 * RMDEMO [<code>] (docs/keywords.md#rmdemo), for training: every agent of the clinic (the one
 * whose code is given, or the sender's) gets the reminder they would get for a 6 day visit in
 * three days, of a patient they registered or of Maria Malambo. Nothing is stored.
 */
@KeywordHandler({ app: 'reminders', keyword: 'RMDEMO', help: texts.rmdemoUnknown })
export class RmDemoHandler extends KeywordHandlerBase {
  private readonly timeZone: string;

  constructor(
    private readonly places: Places,
    private readonly directory: AgentDirectory,
    private readonly catalogue: EventCatalogue,
    private readonly sender: ReminderSender,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    super();
    this.timeZone = config.section(countryConfig).timezone;
  }

  // RMDEMO alone is the sender's own clinic.
  override help(msg: IncomingMessage): Promise<void> {
    return this.handle(msg, '');
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const db = msg.db;
    const code = rest.split(/\s+/)[0];
    const sender = msg.contact?.active ? msg.contact : null;
    // A code that names no place is taken as extra words, as Mwana did.
    const named = code ? await this.places.byCode(code, db) : null;
    const locationId = named?.id ?? sender?.locationId ?? null;
    const clinic = locationId === null ? null : await this.places.clinicOf(locationId, db);
    if (!clinic) throw new SmsReplyError(texts.rmdemoUnknown);
    const agents = await this.directory.agentsAmong(await this.places.clinicAndZoneIds(clinic.id, db), db);
    if (agents.length === 0) return;
    const [first]: Array<{ patient_id: number }> = await db.query(
      'SELECT patient_id FROM patient_event WHERE logged_by_id = ANY($1) ORDER BY id LIMIT 1',
      [agents.map((a) => a.contact.id)],
    );
    const patient = first
      ? (await this.directory.people([first.patient_id], db)).get(first.patient_id)?.name
      : undefined;
    const reminder = {
      appointment: this.catalogue.demoAppointment,
      appointmentDate: addDays(dayIn(this.clock.now(), this.timeZone), 3),
      patient: patient ?? DEMO_PATIENT,
      clinic: clinic.name,
      recipients: agents,
    };
    const send = noticeSend(msg);
    for (const sms of this.sender.sms(reminder)) send(sms.to, texts.reminder, sms.params);
  }
}
