import type { Logger } from '@nestjs/common';
import { isDatabaseUnreachable } from './unreachable';

/**
 * The log of a loop that runs every few hundred milliseconds (a worker's pass, a heartbeat):
 * a failure for the database being out of reach is one warning when it starts and one line
 * when a pass goes through again, not a stack trace a pass for the whole outage; any other
 * failure is logged each time, as before.
 */
export class OutageLog {
  private down = false;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  failed(error: Error): void {
    if (!isDatabaseUnreachable(error)) {
      this.logger.error(`${this.what} failed: ${error.message}`, error.stack);
      return;
    }
    if (this.down) return;
    this.down = true;
    this.logger.warn(`${this.what}: the database is out of reach (${error.message}); trying again until it is back`);
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`${this.what}: the database is back`);
  }
}
