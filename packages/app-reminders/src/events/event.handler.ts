import {
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  type KeywordHandlerOptions,
  MwanaConfig,
  SmsReplyError,
  type SmsDate,
  calendarDay,
  countryConfig,
  parseSmsDate,
  runHandler,
  Clock,
} from '@mwana/core';
import { Inject } from '@nestjs/common';
import { collapse } from '../names';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { remindersTexts as texts } from '../reminders.texts';
import { type ConfiguredEvent, EventCatalogue } from './event-catalogue';
import { parseEventText } from './event-parser';
import { PatientEvents } from './patient-events.service';

const iso = (d: SmsDate): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Longer names are refused, as Mwana did (its patient names held 50 characters). */
const MAX_NAME = 49;

/**
 * The event keywords (docs/keywords.md#events): BIRTH, MWANA and whatever a country configures
 * in `reminders.events`, found at boot from the config (the decorator's BIRTH only names the
 * handler). `BIRTH [F|H] [<date>] <name>` registers the event for the patient.
 */
@KeywordHandler({ app: 'reminders', keyword: 'BIRTH', help: texts.eventHelp, advertise: 80 })
export class EventHandler extends KeywordHandlerBase {
  private readonly timeZone: string;

  constructor(
    private readonly catalogue: EventCatalogue,
    private readonly events: PatientEvents,
    private readonly clock: Clock,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
    config: MwanaConfig,
  ) {
    super();
    this.timeZone = config.section(countryConfig).timezone;
  }

  /** Advertised (docs/keywords.md#default-reply) as the first event's keyword; not at all with no event configured. */
  override get options(): KeywordHandlerOptions {
    const first = this.catalogue.events[0];
    const declared = super.options;
    return first ? { ...declared, keyword: first.keyword } : { ...declared, advertise: undefined };
  }

  /** The configured keywords: the registry checks them against every other handler's at boot. */
  override get keywords(): string[] {
    return this.catalogue.keywords.map((k) => k.toUpperCase());
  }

  /** Matches by the catalogue, which also splits a joined keyword (`mwanaf`); the keyword alone gets the event's own help. */
  override async dispatch(msg: IncomingMessage): Promise<boolean> {
    const match = this.catalogue.match(msg.text);
    if (!match) return false;
    await runHandler(msg, () => this.register(msg, match.event, match.rest));
    return true;
  }

  async handle(msg: IncomingMessage): Promise<void> {
    await this.dispatch(msg);
  }

  private async register(msg: IncomingMessage, event: ConfiguredEvent, rest: string): Promise<void> {
    const language = msg.contact?.language ?? null;
    const eventName = this.catalogue.eventName(event, language);
    const parsed = parseEventText(rest);
    const name = collapse(parsed.name);
    if (!name || name.length > MAX_NAME)
      throw new SmsReplyError(texts.eventHelp, { event: eventName, keyword: event.keyword });
    const now = this.clock.now();
    const today = calendarDay(now, this.timeZone);
    const date = parsed.date === null ? today : parseSmsDate(parsed.date, now, { timeZone: this.timeZone });
    if (!date) throw new SmsReplyError(texts.eventBadDate);
    if (iso(date) > iso(today)) throw new SmsReplyError(texts.eventFutureDate, { event: eventName });
    if (date.year < this.settings.earliestYear)
      throw new SmsReplyError(texts.eventTooOld, { year: date.year, currentYear: today.year });

    const registered = await this.events.register(msg, event, { name, date: iso(date), place: parsed.place });
    const sender = msg.contact?.active ? msg.contact : null;
    const params = {
      agent: sender ? ` ${sender.name}` : '',
      event: eventName,
      name: registered.patient,
      date: `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${date.year}`,
      pronoun: this.catalogue.pronoun(event, language),
    };
    if (parsed.place === null) msg.respond(texts.eventRegistered, params);
    else
      msg.respond(texts.eventRegisteredAt, {
        ...params,
        place: this.catalogue.render(parsed.place === 'home' ? texts.placeHome : texts.placeFacility, language),
      });
  }
}
