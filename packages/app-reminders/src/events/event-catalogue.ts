import { configText, type Message, TextRenderer } from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import type { EventSettings, RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { remindersTexts as texts } from '../reminders.texts';

/** An appointment as configured, with its name as a translatable text. */
export interface Appointment {
  readonly name: string;
  readonly days: number;
  readonly label: Message;
}

/** An event as configured: its keywords, its name and appointments as translatable texts. */
export interface ConfiguredEvent {
  readonly slug: string;
  readonly keywords: readonly string[];
  readonly joinedKeywords: readonly string[];
  readonly gender: 'f' | 'm' | null;
  readonly label: Message;
  readonly appointments: readonly Appointment[];
  /** What help replies tell people to send: the first keyword, upper case. */
  readonly keyword: string;
}

function configured(event: EventSettings): ConfiguredEvent {
  return {
    slug: event.slug,
    keywords: event.keywords,
    joinedKeywords: event.joinedKeywords,
    gender: event.gender,
    // Config texts: a catalogue translates them like declared ones (`msgid "Birth"`).
    label: configText('reminders', `event.${event.slug}`, event.name),
    appointments: event.appointments.map((a) => ({
      name: a.name,
      days: a.days,
      label: configText('reminders', `appointment.${event.slug}.${a.name}`, a.name),
    })),
    keyword: event.keywords[0].toUpperCase(),
  };
}

/**
 * The events and appointments a country configures (`reminders.events`), and the words
 * replies say about them in a reader's language: names through the gettext catalogues,
 * lower-cased as Mwana wrote them, pronouns by the event's gender.
 */
@Injectable()
export class EventCatalogue {
  readonly events: readonly ConfiguredEvent[];
  private readonly bySlug: ReadonlyMap<string, ConfiguredEvent>;

  /** The appointment RMDEMO shows: the first configured one, or Mwana's "6 day" where none is. */
  readonly demoAppointment: Appointment;

  constructor(
    @Inject(REMINDERS_OPTIONS) settings: RemindersSettings,
    private readonly renderer: TextRenderer,
  ) {
    this.events = settings.events.map(configured);
    this.bySlug = new Map(this.events.map((e) => [e.slug, e]));
    this.demoAppointment = this.events.flatMap((e) => e.appointments)[0] ?? {
      name: '6 day',
      days: 6,
      label: configText('reminders', 'appointment.rmdemo', '6 day'),
    };
  }

  /** Every keyword of every event. */
  get keywords(): string[] {
    return this.events.flatMap((e) => e.keywords);
  }

  get(slug: string): ConfiguredEvent | undefined {
    return this.bySlug.get(slug);
  }

  /**
   * The event a message is for and the text after its keyword: the first word is one of an
   * event's keywords, or starts with a joined keyword (`mwanaf Mary` is `mwana f Mary`), or
   * is a keyword of four letters or more with digits glued after it (`birth1/2/2026`).
   */
  match(text: string): { event: ConfiguredEvent; rest: string } | null {
    const match = /^\s*(\S+)(?:[\s,;:]+([\s\S]*))?$/.exec(text);
    if (!match) return null;
    const word = match[1].toLowerCase();
    const rest = (match[2] ?? '').trim();
    for (const event of this.events) if (event.keywords.includes(word)) return { event, rest };
    for (const event of this.events) {
      const joined = event.joinedKeywords.find((k) => word.startsWith(k) && word.length > k.length);
      if (joined) return { event, rest: `${match[1].slice(joined.length)} ${rest}`.trim() };
    }
    // A date glued to the keyword (`BIRTH1/2/2026 Mary`), as core's keyword matcher reads digits glued to a keyword.
    const glued = /^(\p{L}{4,})([0-9]\S*)$/u.exec(match[1]);
    const keyword = glued?.[1].toLowerCase();
    for (const event of this.events)
      if (keyword && event.keywords.includes(keyword)) return { event, rest: `${glued![2]} ${rest}`.trim() };
    return null;
  }

  /** `birth` in the reader's language: the name, lower case. */
  eventName(event: ConfiguredEvent, language: string | null): string {
    return this.renderer.render(event.label, {}, language).toLowerCase();
  }

  appointmentName(appointment: Appointment, language: string | null): string {
    return this.renderer.render(appointment.label, {}, language);
  }

  /** "her", "his" or "his or her" next appointment. */
  pronoun(event: ConfiguredEvent, language: string | null): string {
    const text =
      event.gender === 'f' ? texts.pronounHer : event.gender === 'm' ? texts.pronounHis : texts.pronounEither;
    return this.renderer.render(text, {}, language);
  }

  /** Every event's name, as Mwana listed them: `birth`, `birth or death`, `birth, death, or visit`. */
  eventList(language: string | null): string {
    const names = this.events.map((e) => this.eventName(e, language));
    if (names.length <= 1) return names.join('');
    const or = this.renderer.render(texts.or, {}, language);
    if (names.length === 2) return `${names[0]} ${or} ${names[1]}`;
    return [...names.slice(0, -1), `${or} ${names[names.length - 1]}`].join(', ');
  }

  render(text: Message, language: string | null): string {
    return this.renderer.render(text, {}, language);
  }
}
