import { rehearsalShift } from './rehearsal';

/**
 * The time as the app sees it. Production uses the system clock; tests and conversation
 * scripts use a FakeClock they move, so schedules and dates are testable.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The system's time; inside a rehearsal (`runAsAt`), moved to the rehearsal's. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date(Date.now() + rehearsalShift());
  }
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-05T09:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current + rehearsalShift());
  }

  set(to: Date | string): void {
    const time = new Date(to).getTime();
    if (Number.isNaN(time)) throw new Error(`FakeClock: "${String(to)}" is not a date`);
    this.current = time;
  }

  /** Moves forward by milliseconds or by a span such as `2d`, `3h`, `90m`, `30s`. */
  advance(by: number | string): void {
    if (typeof by === 'number') {
      this.current += by;
      return;
    }
    const match = /^(\d+)\s*([smhd])$/.exec(by.trim());
    if (!match) throw new Error(`FakeClock: "${by}" is not a span like 2d, 3h, 90m or 30s`);
    this.current += Number(match[1]) * UNITS[match[2]];
  }
}
