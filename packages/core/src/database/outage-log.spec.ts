import { Logger } from '@nestjs/common';
import { OutageLog } from './outage-log';

/** A Logger that keeps its lines. */
class Lines extends Logger {
  readonly lines: string[] = [];
  override log(message: string): void {
    this.lines.push(`log ${message}`);
  }
  override warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  override error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('OutageLog', () => {
  it('logs an outage once when it starts and once when a pass goes through, and every other failure each time', () => {
    const logger = new Lines();
    const outage = new OutageLog(logger, 'outbox pass');
    outage.succeeded();
    for (let pass = 0; pass < 40; pass++) outage.failed(refused);
    outage.failed(new Error('syntax error at or near "SELEC"'));
    outage.failed(new Error('syntax error at or near "SELEC"'));
    outage.succeeded();
    outage.succeeded();
    outage.failed(refused);
    expect(logger.lines).toEqual([
      'warn outbox pass: the database is out of reach (connect ECONNREFUSED 127.0.0.1:5432); trying again until it is back',
      'error outbox pass failed: syntax error at or near "SELEC"',
      'error outbox pass failed: syntax error at or near "SELEC"',
      'log outbox pass: the database is back',
      'warn outbox pass: the database is out of reach (connect ECONNREFUSED 127.0.0.1:5432); trying again until it is back',
    ]);
  });
});
