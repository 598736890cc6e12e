/// <reference types="jest" />
import type { DeliveredSms } from './kannel-phones';

/** What differs between countries in a week at a clinic: their phones, places, lab and keywords. */
export interface WeekCountry {
  /** A phone of the block of week `block` (a fresh block per week), person `n` of it, E.164. */
  phone(block: number, n: number): string;
  /** The clinic of week `block`: a clinic of its own, so no week hears another's results or broadcasts. */
  clinic(block: number): string;
  /** Where the help admins sit (every week's admin: they hear every HELP). */
  readonly helpDesk: string;
  readonly lab: {
    /** The lab's `Authorization` header for the lab upload route. */
    readonly authorization: string;
    readonly source: string;
    /** The facility code the lab writes for a clinic (Zambia adds a trailing zero). */
    facility(clinic: string): string;
    /** What a negative result reads as, in the country's result words. */
    readonly negative: string;
  };
  /** The SMS that registers an agent, and whether its language word sets the agent's language. */
  agent(language: string, clinic: string, zone: number, name: string): { text: string; setsLanguage: boolean };
}

export interface Person {
  readonly phone: string;
  readonly name: string;
  language: string;
}

/** The expected SMS of a step, phone by phone, in order. */
export type Expected = Array<readonly [Person, string[]]>;

const DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dayOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** What reached the people's phones in a step, phone by phone, must be exactly `expected` (others' are not looked at). */
export function checkStep(
  step: string,
  got: readonly DeliveredSms[],
  people: readonly Person[],
  expected: Expected,
): void {
  const byPhone = (pairs: Array<readonly [string, string]>) => {
    const map: Record<string, string[]> = {};
    for (const [phone, text] of pairs) (map[phone] ??= []).push(text);
    return map;
  };
  const mine = new Set(people.map((p) => p.phone));
  const actual = byPhone(got.filter((sms) => mine.has(sms.to)).map((sms) => [sms.to, sms.text] as const));
  const wanted = byPhone(expected.flatMap(([person, parts]) => parts.map((part) => [person.phone, part] as const)));
  expect({ step, sms: actual }).toEqual({ step, sms: wanted });
}
