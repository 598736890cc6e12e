import { countryConfig, formatTime, type MwanaConfig } from '@mwana/core';

export const BROADCAST_PATH = '/console/broadcast';
export const SEND_PATH = `${BROADCAST_PATH}/send`;
export const HELP_PATH = `${BROADCAST_PATH}/help`;

/** Times as core's pages write them (`2026-01-05 11:00`, the country's time zone); '' for none. */
export function timeFormatter(config: MwanaConfig): (date: Date | null) => string {
  const { timezone } = config.section(countryConfig);
  return (date) => (date ? formatTime(date, timezone) : '');
}
