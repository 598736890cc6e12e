/**
 * Dates as SMS users type them (docs/keywords.md#text-cleaning): day first, any of `/ . - space`
 * between the parts, or the digits run together, or the month in words.
 */

/** A calendar day, with no time and no time zone to get wrong; month 1-12. */
export interface SmsDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface SmsDateOptions {
  /** IANA zone whose calendar gives the current year when the text has none; UTC by default. */
  readonly timeZone?: string;
}

// d/m, d/m/yy, d/m/yyyy (also `23 04 2010`, `23.4.10`, `23-04-2010` once normalised).
const SEPARATED = /^([0-9]{1,2})\/([0-9]{1,2})(?:\/([0-9]{2}|[0-9]{4}))?$/;
// ddmm, ddmmyy, ddmmyyyy: run together, each part needs its two digits to be told apart.
const RUN_TOGETHER = /^([0-9]{2})([0-9]{2})([0-9]{2}|[0-9]{4})?$/;
// yyyy/m/d: a four-digit year first cannot be a day (`2026-02-01`, as computers write dates).
const YEAR_FIRST = /^([0-9]{4})\/([0-9]{1,2})\/([0-9]{1,2})$/;
// d/MON[/y] or MON/d[/y], the month a word (`1 feb 2026`, `Feb 1, 2026`, `1-Feb-26`).
const DAY_MONTH_WORD = /^([0-9]{1,2})\/([a-z]+)(?:\/([0-9]{2}|[0-9]{4}))?$/;
const MONTH_WORD_DAY = /^([a-z]+)\/([0-9]{1,2})(?:\/([0-9]{2}|[0-9]{4}))?$/;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * The month a word names, in English: the whole name or its first three letters or more
 * (`feb`, `Sept`, `JUNE`), else null (`ju` could be June or July).
 */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const index = MONTHS.findIndex((m) => m.startsWith(w));
  return index < 0 ? null : index + 1;
}

/**
 * Reads a day-first date: `.`, space and `-` count as `/` (a run of them as one), then
 * one of d/m/yy, d/m/yyyy, d/m, ddmmyy, ddmmyyyy, ddmm; or yyyy/m/d; or the month in words
 * before or after the day (`1 feb 2026`, `feb 1st 2026`, `1feb26`). A two-digit year is
 * 20yy; a missing year is the current year of `today` (the caller's clock) in
 * `options.timeZone`. Digits that could be two dates (`1122026`: 1/12 or 11/2) are none.
 *
 * @returns the date, or null when the text is no such date or the day does not exist
 *   (31/02, 29/02 outside a leap year). Future and too-old dates are the caller's call.
 * @example parseSmsDate('23 04 2010', clock.now()) // { year: 2010, month: 4, day: 23 }
 */
export function parseSmsDate(text: string, today: Date, options: SmsDateOptions = {}): SmsDate | null {
  const normalised = text
    .trim()
    .toLowerCase()
    .replace(/([0-9])(?:st|nd|rd|th)(?![a-z])/g, '$1')
    .replace(/([0-9])(?=[a-z])|([a-z])(?=[0-9])/g, '$1$2/')
    .replace(/[. -]/g, '/')
    .replace(/\/{2,}/g, '/');
  const parts = readParts(normalised);
  if (!parts) return null;
  const { day, month, year } = parts;
  const date = {
    year: year === undefined ? currentYear(today, options.timeZone) : Number(year) + (year.length === 2 ? 2000 : 0),
    month,
    day: Number(day),
  };
  return exists(date) ? date : null;
}

function readParts(normalised: string): { day: string; month: number; year: string | undefined } | null {
  const digits = SEPARATED.exec(normalised) ?? RUN_TOGETHER.exec(normalised);
  if (digits) return { day: digits[1], month: Number(digits[2]), year: digits[3] };
  const yearFirst = YEAR_FIRST.exec(normalised);
  if (yearFirst) return { day: yearFirst[3], month: Number(yearFirst[2]), year: yearFirst[1] };
  const dayFirst = DAY_MONTH_WORD.exec(normalised);
  if (dayFirst) return withMonthWord(dayFirst[1], dayFirst[2], dayFirst[3]);
  const monthFirst = MONTH_WORD_DAY.exec(normalised);
  if (monthFirst) return withMonthWord(monthFirst[2], monthFirst[1], monthFirst[3]);
  return null;
}

function withMonthWord(day: string, word: string, year: string | undefined) {
  const month = monthNumber(word);
  return month === null ? null : { day, month, year };
}

function currentYear(today: Date, timeZone: string | undefined): number {
  if (timeZone === undefined) return today.getUTCFullYear();
  return calendarDay(today, timeZone).year;
}

/** The day an instant falls on in a time zone: a month's reports go by the country's calendar, not UTC's. */
export function calendarDay(instant: Date, timeZone: string): SmsDate {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(instant)
    .split('-')
    .map(Number);
  return { year, month, day };
}

function exists({ year, month, day }: SmsDate): boolean {
  return Number.isInteger(year) && year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
