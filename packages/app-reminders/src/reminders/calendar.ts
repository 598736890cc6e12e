import { calendarDay } from '@mwana/core';

/** `YYYY-MM-DD` of the day an instant falls on in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const { year, month, day } = calendarDay(instant, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A `YYYY-MM-DD` day moved by whole days (calendar arithmetic in UTC, where no day is skipped). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** True for a real `YYYY-MM-DD` day. */
export function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && addDays(text, 0) === text;
}
