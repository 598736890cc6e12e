import { calendarDay, href, html, type SafeHtml } from '@mwana/core';
import type { Place } from '../places/places';

export const REMINDERS_PATH = '/console/reminders';

/** The link to a table's CSV, with the page's filters. */
export function csvLink(name: string, query: Record<string, string | undefined> = {}): SafeHtml {
  return html`<p><a href="${href(`${REMINDERS_PATH}/export/${name}.csv`, query)}">Download CSV</a></p>`;
}

/** A clinic filter: the clinics with zones, by name; the form posts the clinic's code. */
export function clinicFilter(action: string, clinics: readonly Place[], current: Place | undefined): SafeHtml {
  return html`<form class="filters" method="get" action="${action}"><label>Clinic <select name="clinic"><option value="">all</option>${clinics.map(
    (c) => html`<option value="${c.code}"${c.id === current?.id ? html` selected` : null}>${c.name}</option>`,
  )}</select></label> <button type="submit">Show</button></form>`;
}

/** `2026-01` for an instant on the country's calendar, `back` months before. */
export function monthOf(date: Date, timeZone: string, back = 0): string {
  const { year, month } = calendarDay(date, timeZone);
  const index = year * 12 + (month - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `2025-11` .. `2026-02` as every month between, both ends included. */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const months: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1 && months.length < 120; i++)
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return months;
}
