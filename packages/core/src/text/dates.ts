/**
 * Dates as SMS users type them (docs/keywords.md#text-cleaning): day first, any of `/ . - space` between
 * the parts, or the digits run together.
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

/**
 * Reads a day-first date: `.`, space and `-` count as `/` (a run of them as one), then one
 * of d/m/yy, d/m/yyyy, d/m, ddmmyy, ddmmyyyy, ddmm. A two-digit year is 20yy; a missing
 * year is the current year of `today` (the caller's clock) in `options.timeZone`.
 *
 * @returns the date, or null when the text is no such date or the day does not exist
 *   (31/02, 29/02 outside a leap year). Future and too-old dates are the caller's call.
 * @example parseSmsDate('23 04 2010', clock.now()) // { year: 2010, month: 4, day: 23 }
 */
export function parseSmsDate(text: string, today: Date, options: SmsDateOptions = {}): SmsDate | null {
  const normalised = text
    .trim()
    .replace(/[. -]/g, '/')
    .replace(/\/{2,}/g, '/');
  const match = SEPARATED.exec(normalised) ?? RUN_TOGETHER.exec(normalised);
  if (!match) return null;
  const [, day, month, year] = match;
  const date = {
    year: year === undefined ? currentYear(today, options.timeZone) : Number(year) + (year.length === 2 ? 2000 : 0),
    month: Number(month),
    day: Number(day),
  };
  return exists(date) ? date : null;
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
