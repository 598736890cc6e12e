const LOG_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,6}))?$/;

/**
 * A lab log's `at` (`2026-01-06 10:58:00,123`, Python logging's format, or with `.`) as a
 * PostgreSQL timestamp in the lab's local time (`2026-01-06 10:58:00.123`); null when unreadable.
 */
export function parseLogTime(at: string): string | null {
  const match = LOG_TIME.exec(at.trim());
  if (!match) return null;
  const [, date, time, fraction] = match;
  const parsed = new Date(`${date}T${time}Z`);
  // Rejects 2026-02-30 and 25:00:00, which Date would roll over.
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 19) !== `${date}T${time}`) return null;
  // PostgreSQL has no year 0.
  if (date.startsWith('0000')) return null;
  return `${date} ${time}.${(fraction ?? '0').padEnd(3, '0').slice(0, 3)}`;
}
