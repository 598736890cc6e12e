import { AsyncLocalStorage } from 'node:async_hooks';

/** The shift from the clock's time to a rehearsal's, in milliseconds, for the work run inside it. */
const shift = new AsyncLocalStorage<number>();

/** The rehearsal shift in force for the running work (0 outside a rehearsal). */
export function rehearsalShift(): number {
  return shift.getStore() ?? 0;
}

/**
 * Runs `work` as at `at` (`mwana jobs run <name> --at`, docs/architecture.md): every `Clock.now()`
 * read inside it, and in what it awaits, is moved by the same amount, so time still passes
 * during the run. Only this work sees it: requests and jobs running beside it keep the real time.
 */
export function runAsAt<T>(now: Date, at: Date, work: () => Promise<T>): Promise<T> {
  return shift.run(rehearsalShift() + at.getTime() - now.getTime(), work);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** The offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * `2026-01-05 11:30` (or `2026-01-05T11:30:00`, or a day alone: its midnight) as the instant it
 * is in the country's time zone; a time with `Z` or an offset is taken as it says. Null when
 * it is no date and time.
 */
export function countryTime(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const instant = new Date(trimmed);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  const match = LOCAL.exec(trimmed);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null;
  // Twice: the offset at the guess may differ from the one at the answer across a clock change.
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return new Date(instant);
}
