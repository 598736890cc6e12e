import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { maskIdentity } from '../contacts/phone-number';
import { Batcher } from '../database/batcher';
import { poolOf } from '../database/prepared';
import { whenReachable } from '../database/unreachable';
import { type ClaimedRow, OutboundSendRepository } from '../message-log/outbound-send.repository';
import { type OutboundJob, OutboundQueue } from './outbound-queue';
import { OUTBOX, type OutboxStep } from './outbox-transitions';
import { OutgoingHooks } from './outgoing-hooks';

/** How often an outcome not recorded for an outage is tried again. */
const RECORD_RETRY_MS = 500;

/** A message the sender took, with its queue job. */
export type Claimed = OutboundJob & ClaimedRow;

/** How the sender's try of one message ended: the step it takes along `OUTBOX`, the gateway's id, the reason, the next try. */
export interface Finished {
  readonly message: Claimed;
  readonly step: OutboxStep;
  readonly providerId: string | null;
  readonly error: string | null;
  readonly nextAttemptAt: Date | null;
}

/** A part held back behind an earlier one: back to wait until then, no try spent. */
export function waiting(message: Claimed, until: Date, why = 'waits for an earlier part of its text'): Finished {
  return { message, step: 'wait', providerId: null, error: why, nextAttemptAt: until };
}

/**
 * The sender's record of what it learnt (`OutboxSender`): each outcome on its message (only
 * those still `sending`) and its job, those that arrive together in one statement (group
 * commit), the apps of the settled kinds told, and a log line for each.
 */
@Injectable()
export class SentOutcomes {
  private readonly logger = new Logger('Sender');
  /** The gateways' answers, recorded with their jobs as they come, those that arrive together in one statement. */
  private readonly recorder = new Batcher<Finished, void>((batch) => this.record(batch));

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutboundSendRepository,
    private readonly queue: OutboundQueue,
    private readonly hooks: OutgoingHooks,
    private readonly clock: Clock,
  ) {}

  /**
   * Records one outcome with the others that come at the same time; resolves once it is
   * committed. While the database is out of reach it is tried again every half second, until
   * it is back or `stopped()`: the gateway took the SMS, so its answer is kept rather than
   * left `sending` for the lease to hand back (a second send, minutes late).
   */
  submit(result: Finished, stopped: () => boolean = () => false): Promise<void> {
    return whenReachable(() => this.recorder.submit(result), { retryMs: RECORD_RETRY_MS, stopped });
  }

  /** What the gateways answered, on the messages (only those still `sending`) and their jobs, in one statement. */
  private async record(batch: readonly Finished[]): Promise<void[]> {
    // One statement, atomic by itself: the messages and their jobs.
    await this.repository.record(
      poolOf(this.dataSource),
      batch.map((f) => ({
        id: f.message.messageId,
        status: OUTBOX[f.step].to,
        providerId: f.providerId,
        error: f.error,
        nextAttemptAt: f.nextAttemptAt,
      })),
      OUTBOX.sent.from,
      this.clock.now(),
      this.queue.settling(
        batch.flatMap((f) => (f.step === 'wait' ? [{ jobId: f.message.jobId, startAfter: f.nextAttemptAt! }] : [])),
        batch.filter((f) => OUTBOX[f.step].job === 'completed').map((f) => f.message.jobId),
      ),
    );
    // The apps of the settled kinds are told (a results SMS counts as sent when it is).
    await this.hooks.settled(
      batch.map((f) => ({ id: f.message.messageId, status: OUTBOX[f.step].to, error: f.error })),
    );
    return batch.map(() => undefined);
  }

  /** One log line for each outcome of a batch, the number masked. */
  log(finished: readonly Finished[]): void {
    for (const { message, step, error } of finished) {
      const line = `out #${message.messageId} to ${maskIdentity(message.identity)} via ${message.gateway}: ${OUTBOX[step].to}`;
      if (error) this.logger.warn(`${line} (${error})`);
      else this.logger.log(line);
    }
  }
}
