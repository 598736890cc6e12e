import { countryConfig, formatTime, html, type MwanaConfig, type SafeHtml } from '@mwana/core';

export const LABRESULTS_PATH = '/console/labresults';

/** Times as core's pages write them (`2026-01-05 11:00`, the country's time zone); '' for none. */
export function timeFormatter(config: MwanaConfig): (date: Date | null) => string {
  const { timezone } = config.section(countryConfig);
  return (date) => (date ? formatTime(date, timezone) : '');
}

/** A date or time cell, or a muted dash when there is none. */
export function orNone(value: string | null | undefined): SafeHtml {
  return value ? html`${value}` : html`<span class="muted">–</span>`;
}

/** A query value as a whole number in [min, max], or the fallback. */
export function intParam(value: string | undefined, fallback: number, min: number, max: number): number {
  if (!value || !/^\d{1,6}$/.test(value)) return fallback;
  return Math.min(max, Math.max(min, Number(value)));
}
