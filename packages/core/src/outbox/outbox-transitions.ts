import type { OutboundStatus } from '../message-log/message.entity';

/** The states of an outbound message's pg-boss job (pg-boss's own names). */
export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** One step of an outbound message's life: the statuses it may leave, where it goes, and what its job does meanwhile. */
export interface Transition {
  /** The message statuses this step applies to; a message in any other is left as it is. */
  readonly from: readonly OutboundStatus[];
  readonly to: OutboundStatus;
  /** The job's state after the step; null when the step leaves the job alone. */
  readonly job: JobState | null;
}

const WAITING: readonly OutboundStatus[] = ['queued', 'retrying'];

/**
 * Every step of an outbound message, for its row and its job together (docs/architecture.md,
 * "The outbox"). The writer, the sender and delivery reports each take their statuses from
 * here, and the SQL they run changes a row only from a `from` status, so a late step (a
 * sender that lost its lease, a report that came first) changes nothing.
 *
 * - written: `queue` (a job is created in the same statement) or `cancel` (an outgoing hook
 *   said no: no job);
 * - sent: `claim` (the sender took the job: `active`), then `sent` or `delivered` (job
 *   `completed`), `retry` (pg-boss backs off), `exhaust` (retries spent) or `refuse` (the
 *   gateway will never take it: job `cancelled`), `expire` (its gateway stayed paused past the
 *   message's age limit: job `cancelled`), or `wait` (an earlier part of the same
 *   reply is still to send: the job goes back to `created`, due with that part, no try spent);
 * - reported: a delivery report moves a message forward only, in any order, any number of
 *   times: `delivered` wins over everything, `failed` does not undo a delivery, a late `sent`
 *   changes nothing. A job whose message a report already settled is completed when fetched.
 */
export const OUTBOX = {
  queue: { from: [], to: 'queued', job: 'created' },
  cancel: { from: [], to: 'cancelled', job: null },
  // `sending` too: a sender that died holding the job left it so, and pg-boss hands the job back.
  claim: { from: [...WAITING, 'sending'], to: 'sending', job: 'active' },
  sent: { from: ['sending'], to: 'sent', job: 'completed' },
  delivered: { from: ['sending'], to: 'delivered', job: 'completed' },
  retry: { from: ['sending'], to: 'retrying', job: 'retry' },
  // Its sender died (its heartbeat stopped, or it restarted) mid-send: due again now, no try spent.
  handBack: { from: ['sending'], to: 'retrying', job: 'retry' },
  // An earlier part of its reply is not sent yet: back to wait, no attempt spent.
  wait: { from: ['sending'], to: 'retrying', job: 'created' },
  exhaust: { from: ['sending'], to: 'failed', job: 'failed' },
  refuse: { from: ['sending'], to: 'failed', job: 'cancelled' },
  // Its gateway stayed paused (circuit breaker open) past the message's age limit.
  expire: { from: ['sending'], to: 'failed', job: 'cancelled' },
  reportSent: { from: [...WAITING, 'sending'], to: 'sent', job: null },
  reportFailed: { from: [...WAITING, 'sending', 'sent'], to: 'failed', job: null },
  reportDelivered: { from: [...WAITING, 'sending', 'sent', 'failed'], to: 'delivered', job: null },
} as const satisfies Record<string, Transition>;

export type OutboxStep = keyof typeof OUTBOX;

/** The step a delivery report of this status takes. */
export const REPORTED = { sent: 'reportSent', failed: 'reportFailed', delivered: 'reportDelivered' } as const;
