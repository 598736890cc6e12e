import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { isDatabaseUnreachable } from '../database/unreachable';
import { type Gateway, GatewayRegistry } from '../gateways/gateway.registry';
import { GatewaySendError } from '../gateways/gateway';
import { type GatewaysSettings, gatewaysConfig } from '../gateways/gateways.config';
import { isGsm7 } from '../i18n/sms-encoding';
import { partOf } from '../message-log/outbound-send.repository';
import { BatchClaim, type ClaimedBatch } from './batch-claim';
import { type BreakerView, GatewayBreaker } from './gateway-breaker';
import { waitUntil } from './gateway-rate-limiter';
import { OutboundQueue } from './outbound-queue';
import { pausedOutcome } from './paused-message';
import { ProcessHeartbeat } from './process-heartbeat';
import { SendTimeTexts } from './send-time-text';
import { type Claimed, type Finished, SentOutcomes, waiting } from './sent-outcomes';

/**
 * Sends what the outbound queue holds: takes due jobs (replies before bulk, then oldest),
 * sends up to `backends.sendConcurrency` at once, each gateway at its own rate, and records
 * every outcome on the message along the outbox's transitions (`OUTBOX`): sent (or
 * delivered), retrying (pg-boss backs off exponentially), or failed with the reason. The
 * parts of a long reply leave in order, also after a retry: a part waits (`wait`) while an
 * earlier one is still to send. A gateway that keeps failing is paused by its circuit
 * breaker (`GatewayBreaker`): its messages wait, no attempt spent, while one probe at a time
 * tries it, and fail (`expire`) only past their age limit (`backends.maxWaitHours`). A
 * message whose sender died mid-send is taken again when its job expires: delivery is at
 * least once.
 */
@Injectable()
export class OutboxSender {
  private readonly settings: GatewaysSettings;
  /** Set on SIGTERM (`stop()`): the sends in flight finish, the rest of the batch goes back. */
  private stopping = false;
  /** Settles on `stop()`: a lane waiting for its send slot stops waiting. */
  private readonly stopped$: Promise<void>;
  private signalStop!: () => void;

  constructor(
    private readonly claim: BatchClaim,
    private readonly gateways: GatewayRegistry,
    private readonly texts: SendTimeTexts,
    private readonly clock: Clock,
    private readonly queue: OutboundQueue,
    private readonly heartbeat: ProcessHeartbeat,
    private readonly outcomes: SentOutcomes,
    private readonly breaker: GatewayBreaker,
    config: MwanaConfig,
  ) {
    this.settings = config.section(gatewaysConfig);
    this.stopped$ = new Promise((resolve) => (this.signalStop = resolve));
  }

  /**
   * Sends every message due now (up to `limit`); returns how many it tried. Taking the jobs,
   * marking their messages `sending` (named for this process) and reserving their send slots
   * is one statement (`BatchClaim`); each gateway's answer is then recorded, with its job,
   * as it comes, by group commit (one statement too). Answers once all are committed.
   */
  async sendDue(limit = 100): Promise<number> {
    const { tried, recorded } = await this.sendBatch(limit);
    await recorded;
    return tried;
  }

  /**
   * As `sendDue`, but answers once the batch is sent, before its outcomes are committed
   * (`recorded` settles then): the worker's next batch need not wait for this one's record.
   */
  async sendBatch(limit = 100): Promise<{ tried: number; recorded: Promise<void> }> {
    if (this.stopping) return { tried: 0, recorded: Promise.resolve() };
    // Each gateway's breaker, as read at most `backends.breaker.cacheMs` ago (one query for all):
    // a paused gateway's messages take no send slot.
    await this.breaker.refresh();
    const slotted = this.gateways.names().filter((gateway) => !this.breaker.paused(gateway));
    const { jobs, claimed, behind, slots } = await this.claim.take(
      limit,
      slotted,
      this.clock.now(),
      this.heartbeat.name,
    );
    if (jobs.length === 0) return { tried: 0, recorded: Promise.resolve() };
    const claimedJobs = new Set(claimed.map((c) => c.jobId));
    // Nothing left to send for the others (cancelled, or a report already settled them).
    const done = jobs.filter((job) => !claimedJobs.has(job.jobId)).map((job) => job.jobId);
    const finished: Finished[] = [];
    // Each answer is recorded as it comes (group commit): a crash repeats only the sends in flight.
    const recorded: Array<Promise<void>> = [];
    const finishedIds = new Set<string>();
    const finish = (result: Finished): void => {
      finishedIds.add(result.message.messageId);
      finished.push(result);
      const recording = this.outcomes.submit(result, () => this.stopping);
      // Awaited after the lanes; handled now, so a failure meanwhile is not an unhandled rejection (a crash).
      recording.catch(() => undefined);
      recorded.push(recording);
    };
    // The database went out of reach after the claim: what is not yet sent goes back (recorded once it is back).
    const outage = await this.sendClaimed(claimed, behind, slots, finish).catch((error: unknown) => {
      if (!isDatabaseUnreachable(error)) throw error;
      return error;
    });
    if (outage)
      for (const message of claimed)
        if (!finishedIds.has(message.messageId))
          finish(waiting(message, new Date(), 'handed back: the database went out of reach before it was sent'));
    const settled = Promise.all(recorded)
      .then(() => this.queue.complete(done))
      .then(() => this.outcomes.log(finished));
    return { tried: jobs.length, recorded: settled };
  }

  /**
   * Sends what was claimed, `finish`ing each; resolves with the error that stopped it when the
   * database went out of reach (each lane stops there; what it did not finish is the caller's).
   */
  private async sendClaimed(
    claimed: readonly Claimed[],
    behind: ReadonlyMap<string, Date>,
    slots: ClaimedBatch['slots'],
    finish: (result: Finished) => void,
  ): Promise<unknown> {
    // The parts of one text go one after the other, in order, in one lane; a part that must
    // wait (for an earlier part not taken here, or one that failed just now) holds the rest back.
    const texts = new Map<string, Claimed[]>();
    // In the order fetched (replies first), each text's parts by id.
    for (const message of claimed) texts.set(partOf(message), [...(texts.get(partOf(message)) ?? []), message]);
    const queue: Claimed[][] = [];
    for (const parts of texts.values()) {
      // A paused gateway: its texts wait for its next probe (or expire), no slot taken, no attempt spent.
      const paused = this.breaker.paused(parts[0].gateway);
      if (paused) for (const message of parts) finish(await this.pausedFor(message, paused));
      else queue.push(parts.sort((a, b) => Number(a.messageId) - Number(b.messageId)));
    }
    // Send slots in the order the lanes take the messages, reserved across every worker process with the claim.
    const slotOf = new Map<string, number>();
    const taken = new Map<string, number>();
    for (const message of queue.flat()) {
      const slot = slots.get(message.gateway);
      if (!slot) continue;
      const i = taken.get(message.gateway) ?? 0;
      taken.set(message.gateway, i + 1);
      slotOf.set(message.messageId, slot.firstMs + i * slot.intervalMs);
    }
    let outage: unknown = null;
    const lane = async (): Promise<void> => {
      for (let parts = queue.shift(); parts && outage === null; parts = queue.shift()) {
        let holdUntil: Date | null = null;
        for (const message of parts) {
          holdUntil ??= behind.get(message.messageId) ?? null;
          if (holdUntil) {
            finish(waiting(message, holdUntil));
            continue;
          }
          // Its send slot (the gateway's rate, across processes): a stop cuts the wait short.
          await waitUntil(slotOf.get(message.messageId) ?? 0, this.stopped$);
          // Stopping: what is not yet sent goes back to the queue, due now, its try not counted.
          if (this.stopping) {
            finish(waiting(message, new Date(), 'handed back: the process stopped before sending it'));
            continue;
          }
          const admitted = await this.breaker.admit(message.gateway);
          if (admitted.go === 'wait') {
            const result = await this.pausedFor(message, admitted.breaker);
            finish(result);
            holdUntil = result.nextAttemptAt ?? new Date();
            continue;
          }
          const result = await this.sendOne(message, admitted.go === 'probe');
          finish(result);
          if (result.step === 'retry' || result.step === 'wait') holdUntil = result.nextAttemptAt ?? new Date();
        }
      }
    };
    const guarded = (): Promise<void> =>
      lane().catch((error: unknown) => {
        if (!isDatabaseUnreachable(error)) throw error;
        outage ??= error;
      });
    await Promise.all(Array.from({ length: Math.min(this.settings.sendConcurrency, queue.length) }, guarded));
    return outage;
  }

  /** The process is stopping: finish the sends in flight, hand the rest of the batch back, take no more. */
  stop(): void {
    this.stopping = true;
    this.signalStop();
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /**
   * Sends one message (`probe`: as its paused gateway's probe); a failure goes back to pg-boss
   * (to retry or to fail) at once, unless the gateway's breaker is open after it: then the
   * message waits for the gateway, its attempt not counted.
   */
  private async sendOne(message: Claimed, probe = false): Promise<Finished> {
    const gateway = this.gateways.get(message.gateway);
    const result = gateway
      ? await this.attempt(message, gateway)
      : ({ step: 'refuse', error: `no gateway named "${message.gateway}" is configured`, reached: false } as const);
    if (result.step === 'retry' || result.step === 'exhaust') {
      const breaker = await this.breaker.failed(message.gateway, result.error, probe);
      if (breaker.state !== 'closed') return this.pausedFor(message, breaker);
    } else if ('reached' in result && result.reached) await this.breaker.succeeded(message.gateway, probe);
    let nextAttemptAt: Date | null = null;
    if (result.step === 'retry' || result.step === 'exhaust')
      nextAttemptAt = await this.queue.fail(message, result.error);
    if (result.step === 'refuse') await this.queue.cancel([message.jobId]);
    return {
      message,
      step: result.step,
      providerId: 'providerId' in result ? result.providerId : null,
      error: 'error' in result ? result.error : null,
      nextAttemptAt,
    };
  }

  private async attempt(
    message: Claimed,
    gateway: Gateway,
  ): Promise<
    | { step: 'sent' | 'delivered'; providerId: string | null; reached: true }
    | { step: 'retry' | 'exhaust'; error: string }
    | { step: 'refuse'; error: string; reached: boolean }
  > {
    if (message.kind !== null && !this.texts.has(message.kind))
      return {
        step: 'refuse',
        error: `no send-time text is declared for messages of kind "${message.kind}"`,
        reached: false,
      };
    try {
      const text = message.kind === null ? message.text : await this.sendTimeText(message, message.kind);
      const encoding = message.kind === null ? (message.encoding ?? 'GSM-7') : isGsm7(text) ? 'GSM-7' : 'UCS-2';
      const sent = await gateway.sender.send(
        { id: message.messageId, to: message.identity, text, encoding },
        gateway.options,
        gateway.name,
      );
      return { step: sent.delivered ? 'delivered' : 'sent', providerId: sent.providerId ?? null, reached: true };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof GatewaySendError) || error.retryable;
      if (retryable && message.canRetry) return { step: 'retry', error: reason };
      if (retryable) return { step: 'exhaust', error: `${reason} (after ${message.attempt} attempts)` };
      // The gateway answered (a number it refuses): it is up.
      return { step: 'refuse', error: reason, reached: true };
    }
  }

  /** A message for a paused gateway: back to wait for its next probe, no attempt spent, or past its age limit, failed. */
  private async pausedFor(message: Claimed, breaker: BreakerView): Promise<Finished> {
    const outcome = pausedOutcome(message, breaker, this.settings.maxWaitHours, this.clock.now());
    if ('wait' in outcome) return waiting(message, this.breaker.resumeAt(breaker), outcome.wait);
    await this.queue.cancel([message.jobId]);
    return { message, step: 'expire', providerId: null, error: outcome.expire, nextAttemptAt: null };
  }

  private sendTimeText(message: Claimed, kind: string): Promise<string> {
    return this.texts.render({
      id: message.messageId,
      kind,
      storedText: message.text,
      to: message.identity,
      ref: message.ref,
    });
  }
}
