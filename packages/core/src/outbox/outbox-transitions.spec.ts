import { OUTBOUND_STATUSES, type OutboundStatus } from '../message-log/message.entity';
import { OUTBOX, REPORTED, type Transition } from './outbox-transitions';

const steps = Object.entries(OUTBOX) as Array<[keyof typeof OUTBOX, Transition]>;
/** How far along a message is: a report never moves it back. */
const RANK: Record<OutboundStatus, number> = {
  queued: 0,
  retrying: 0,
  sending: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  cancelled: 5,
};

describe("the outbox's transition table", () => {
  it('moves only between outbound statuses', () => {
    for (const [, step] of steps) {
      expect(OUTBOUND_STATUSES).toContain(step.to);
      for (const from of step.from) expect(OUTBOUND_STATUSES).toContain(from);
    }
  });

  it('never leaves delivered or cancelled: both are final', () => {
    for (const [, step] of steps) expect(step.from).not.toContain('delivered');
    for (const [, step] of steps) expect(step.from).not.toContain('cancelled');
  });

  it('lets a delivery report move a message forward only, from every status behind it', () => {
    for (const status of ['sent', 'failed', 'delivered'] as const) {
      const step = OUTBOX[REPORTED[status]];
      expect(step.to).toBe(status);
      expect(step.job).toBeNull();
      expect([...step.from].sort()).toEqual(OUTBOUND_STATUSES.filter((s) => RANK[s] < RANK[status]).sort());
    }
  });

  it("has the sender take what is written or retried, and settle only what it holds; each with its job's state", () => {
    expect(OUTBOX.claim.from).toEqual(expect.arrayContaining([OUTBOX.queue.to, OUTBOX.retry.to, 'sending']));
    for (const step of [OUTBOX.sent, OUTBOX.delivered, OUTBOX.retry, OUTBOX.exhaust, OUTBOX.refuse])
      expect(step.from).toEqual([OUTBOX.claim.to]);
    expect([OUTBOX.sent.job, OUTBOX.retry.job, OUTBOX.exhaust.job, OUTBOX.refuse.job]).toEqual([
      'completed',
      'retry',
      'failed',
      'cancelled',
    ]);
    expect([OUTBOX.queue.job, OUTBOX.cancel.job]).toEqual(['created', null]);
  });
});
