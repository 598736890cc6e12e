/// <reference types="jest" />
import { DataSource } from 'typeorm';
import { FakeClock } from '../clock/clock';
import { countryTime } from '../clock/rehearsal';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import type { CountryDefinition } from '../app/country';
import { ContactsService } from '../contacts/contacts.service';
import type { TextParams } from '../i18n/translatable';
import { Scheduler } from '../scheduling/scheduler.service';
import { CatalogueTexts } from './catalogue-texts';
import { type RunningCountry, useCountryApp } from './country-app';
import { FakeGateway } from './fake-gateway';
import { type DeliveredSms, KannelPhones } from './kannel-phones';
import { addDays, checkStep, dayOf, dmy, type Expected, type Person, type WeekCountry } from './week-country';
import { STARTUP_TIMEOUT_MS } from './timeouts';

const NOTIFY = 'labresults.notify-new-results';
const REMIND = 'reminders.send-reminders';
const PATIENTS = ['Ruth Banda', 'Alice Zulu', 'Agnes Tembo', 'Chipo Daka', 'Esther Mbewe'];

/**
 * A week in a clinic, over real HTTP (Kannel in, a fake Kannel out) on the country's app
 * with a fake clock, in one language: on Monday a help admin, two clinic workers and an agent
 * register and choose the language, the lab uploads a result, the morning notice goes out at
 * its scheduled time, a worker sends CHECK and her PIN and gets the result, the agent
 * registers a birth; on Wednesday a worker broadcasts to ALL, on Thursday the agent asks for
 * HELP, on Friday the reminders job reminds the agent of the birth's 6 day visit and the
 * agent answers TOLD and CONFIRM. The clock moves; nothing sleeps. Every SMS to the week's
 * phones is checked, whole, against its text in the language from the country's catalogues
 * (and refused if it is the English one), and nothing else reaches them.
 */
export class WeekInAClinic {
  private readonly texts: CatalogueTexts;
  private readonly timeZone: string;
  private people: Person[] = [];

  constructor(
    private readonly running: RunningCountry,
    private readonly phones: KannelPhones,
    private readonly country: WeekCountry,
  ) {
    this.texts = new CatalogueTexts(running);
    this.timeZone = running.app.get(MwanaConfig).section(countryConfig).timezone;
  }

  private get clock(): FakeClock {
    if (!this.running.clock) throw new Error('a week needs the fake clock (startCountryForTest with clock)');
    return this.running.clock;
  }

  /** The clock to `time` (`HH:MM`) of `day`, in the country's time. */
  private at(day: string, time: string): void {
    this.clock.set(countryTime(`${day} ${time}`, this.timeZone)!);
  }

  private say(person: Person, label: string, params: TextParams = {}): readonly [Person, string[]] {
    return [person, this.texts.sms(label, params, person.language)];
  }

  private check(step: string, got: readonly DeliveredSms[], expected: Expected): void {
    checkStep(step, got, this.people, expected);
  }

  private async send(step: string, from: Person, text: string, expected: (got: DeliveredSms[]) => Expected) {
    const got = await this.phones.send(from.phone, text);
    this.check(step, got, expected(got));
  }

  /** Runs what the scheduler would run at this moment, and checks what it sent. */
  private async tick(step: string, expected: (got: DeliveredSms[]) => Expected): Promise<void> {
    await this.running.app.get(Scheduler).tick();
    const got = await this.phones.settle();
    this.check(step, got, expected(got));
  }

  private nextRun(job: string): Date {
    const found = this.running.app.get(Scheduler).jobs.find((j) => j.options.name === job);
    const next = found?.schedule.nextRun(this.clock.now());
    if (!next) throw new Error(`${job} has no next run`);
    return next;
  }

  private async placeName(code: string): Promise<string> {
    const [row]: Array<{ name: string }> = await this.running.app
      .get(DataSource)
      .query('SELECT name FROM location WHERE code = $1', [code]);
    if (!row) throw new Error(`no place has the code ${code}`);
    return row.name;
  }

  /** Registers a person by `text` (answered in the default language), then sets `language` unless the JOIN did. */
  private async register(person: Person, language: string, text: string, reply: (p: Person) => Expected) {
    await this.send(`${person.name}: ${text}`, person, text, () => reply(person));
    if (person.language === language) return;
    const name = this.running.app
      .get(MwanaConfig)
      .section(countryConfig)
      .languages.find((l) => l.code === language)!.name;
    person.language = language;
    await this.send(`${person.name}: LANGUAGE ${language}`, person, `LANGUAGE ${language}`, () => [
      this.say(person, 'contacts.languageSet', { language: name }),
    ]);
  }

  async run(block: number, language: string): Promise<void> {
    const { country, texts } = this;
    const code = country.clinic(block);
    const clinic = await this.placeName(code);
    const desk = await this.placeName(country.helpDesk);
    const fallback = this.running.app.get(MwanaConfig).section(countryConfig).defaultLanguage;
    const person = (n: number, name: string): Person => ({ phone: country.phone(block, n), name, language: fallback });
    const admin = person(1, 'Help Desk');
    const mary = person(2, 'Mary Phiri');
    const john = person(3, 'John Banda');
    const grace = person(4, 'Grace Mwale');
    const patient = PATIENTS[block % PATIENTS.length];
    this.people = [admin, mary, john, grace];

    // Monday, 06:00: the week starts; what came due before it is not the week's.
    const monday = addDays(dayOf(this.clock.now(), this.timeZone), 1);
    const weekday = new Date(`${monday}T00:00:00Z`).getUTCDay();
    const start = addDays(monday, (8 - weekday) % 7);
    this.at(start, '06:00');
    await this.running.app.get(Scheduler).tick();
    await this.phones.settle();

    await this.register(admin, language, `JOIN clinic ${country.helpDesk} ${admin.name} 5050`, (p) => [
      this.say(p, 'labresults.joinedClinic', { name: p.name, location: desk, pin: '5050' }),
    ]);
    const contacts = this.running.app.get(ContactsService);
    await contacts.setHelpAdmin((await contacts.getByPhone(admin.phone)).id, true);
    await this.register(mary, language, `JOIN clinic ${code} ${mary.name} 1234`, (p) => [
      this.say(p, 'labresults.joinedClinic', { name: p.name, location: clinic, pin: '1234' }),
    ]);
    await this.register(john, language, `JOIN clinic ${code} ${john.name} 4321`, (p) => [
      this.say(p, 'labresults.joinedClinic', { name: p.name, location: clinic, pin: '4321' }),
      this.say(mary, 'labresults.joinNotice', { name: p.name, phone: p.phone, clinic }),
    ]);
    const agent = country.agent(language, code, 3, grace.name);
    if (agent.setsLanguage) grace.language = language;
    await this.register(grace, language, agent.text, (p) => [
      this.say(p, 'reminders.agentRegisteredNotify', {
        name: p.name,
        zone: 3,
        clinic,
        events: texts.word('reminders.event.birth', p.language).toLowerCase(),
      }),
    ]);

    // 06:30, before the morning notice: the lab uploads a result for the clinic, as its uploader does.
    this.at(start, '06:30');
    const sample = `10${block}9023412`;
    const upload = await fetch(`${this.running.url}/labresults/incoming/`, {
      method: 'POST',
      headers: { authorization: country.lab.authorization, 'content-type': 'text/json', accept: 'application/json' },
      body: JSON.stringify({
        source: country.lab.source,
        version: '1.0',
        now: `${start} 06:29:00`,
        info: 'sync',
        logs: [],
        samples: [
          {
            id: `${block}001`,
            fac: country.lab.facility(code),
            pat_id: sample,
            sync: 'new',
            result: 'negative',
            coll_on: addDays(start, -10),
            verified: true,
          },
        ],
      }),
    });
    expect([upload.status, await upload.json()]).toEqual([200, expect.objectContaining({ created: 1 })]);

    // The morning notice, at its scheduled time.
    this.clock.set(this.nextRun(NOTIFY));
    expect(dayOf(this.clock.now(), this.timeZone)).toBe(start);
    await this.tick('the morning notice', () =>
      [mary, john].map((p) => this.say(p, 'labresults.resultsReady', { name: p.name, count: 1 })),
    );

    this.clock.advance('10m');
    await this.send('CHECK', mary, 'CHECK', () => [
      this.say(mary, 'labresults.resultsReady', { name: mary.name, count: 1 }),
    ]);
    await this.send('the PIN', mary, '1234', () => [
      this.say(mary, 'labresults.resultsFirst', { results: `**** ${sample};${country.lab.negative}` }),
      this.say(mary, 'labresults.deleteReminder', { name: mary.name }),
      this.say(john, 'labresults.alreadyCollected', { name: mary.name }),
    ]);

    this.at(start, '14:00');
    await this.send('BIRTH', grace, `BIRTH ${dmy(start)} ${patient}`, () => [
      this.say(grace, 'reminders.eventRegistered', {
        agent: ` ${grace.name}`,
        event: texts.word('reminders.event.birth', grace.language).toLowerCase(),
        name: patient,
        date: dmy(start),
        pronoun: texts.word('reminders.pronounEither', grace.language),
      }),
    ]);

    // Tuesday to Friday: the scheduler's day (its jobs at noon), a broadcast, a HELP, then the reminder.
    const broadcast = 'The clinic opens at 10 tomorrow';
    for (let d = 1; d <= 4; d++) {
      const day = addDays(start, d);
      if (d === 2) {
        this.at(day, '09:00');
        await this.send('MSG ALL', mary, `MSG ALL ${broadcast}`, () => [
          this.say(mary, 'broadcast.msgSent', { count: 2 }),
          ...[john, grace].map((p) => [p, texts.literal(`${broadcast} [from ${mary.name} to ALL]`)] as const),
        ]);
      }
      if (d === 3) {
        this.at(day, '10:00');
        await this.send('HELP', grace, 'HELP', () => [
          this.say(grace, 'broadcast.helpReply', { name: ` ${grace.name}` }),
          this.say(admin, 'broadcast.helpFromClinic', {
            name: grace.name,
            role: texts.word('broadcast.role.cba', admin.language),
            clinic,
            code,
            phone: grace.phone,
          }),
        ]);
      }
      // The reminders job, at its scheduled time of the day.
      this.at(day, '11:00');
      this.clock.set(this.nextRun(REMIND));
      // Two days before the birth's 6 day visit (Sunday), the agents of its zone are reminded.
      const reminded = (p: Person) => {
        const sms = this.say(p, 'reminders.reminder', {
          agent: ` ${p.name}`,
          patient,
          appointment: texts.word('reminders.appointment.birth.6 day', p.language),
          date: dmy(addDays(start, 6)),
          clinic,
        });
        // One SMS with names like these: split, "TOLD" and the patient's name could arrive apart.
        expect([p.language, sms[1]]).toEqual([p.language, [expect.stringMatching(new RegExp(`TOLD ${patient}$`))]]);
        return sms;
      };
      await this.tick(`${day} at noon`, (got) =>
        d < 4
          ? []
          : [grace, ...this.people.filter((p) => p !== grace && got.some((sms) => sms.to === p.phone))].map(reminded),
      );
    }

    const friday = addDays(start, 4);
    this.at(friday, '15:00');
    await this.send('TOLD', grace, `TOLD ${patient}`, () => [
      this.say(grace, 'reminders.toldThanks', { agent: grace.name, name: patient }),
    ]);
    await this.send('CONFIRM', grace, `CONFIRM ${patient}`, () => [
      this.say(grace, 'reminders.confirmThanks', { agent: grace.name, name: patient }),
    ]);
  }
}

/**
 * A country's app on a fake clock with Kannel phones, started once for the enclosing
 * `describe` (after `setup`, e.g. its places and lab account); `week(block, language)` then
 * plays a week in a clinic, each on the next week of the clock and a fresh block of phones.
 */
export function useWeekInAClinic(
  country: CountryDefinition,
  data: WeekCountry,
  setup: (running: RunningCountry) => Promise<void>,
): (block: number, language: string) => Promise<void> {
  let kannel: FakeGateway | undefined;
  beforeAll(async () => {
    kannel = await FakeGateway.start();
    kannel.answer = () => ({ status: 202, body: '0: Accepted for delivery' });
  });
  afterAll(async () => kannel?.close());
  const clock = new FakeClock('2026-01-04T10:00:00Z');
  const running = useCountryApp(country, () => ({
    clock,
    // Days pass between ticks: the scheduler's warnings of ticks passed unrun are the week's own.
    logLevel: 'error',
    // The test runs the scheduler's ticks itself, when the clock says.
    variables: { MWANA__SCHEDULER__ENABLED: 'false', ...KannelPhones.variables(kannel!) },
  }));
  let phones: KannelPhones | undefined;
  beforeAll(async () => {
    await setup(running());
    phones = new KannelPhones(running, kannel!);
  }, STARTUP_TIMEOUT_MS);
  return (block, language) => new WeekInAClinic(running(), phones!, data).run(block, language);
}
