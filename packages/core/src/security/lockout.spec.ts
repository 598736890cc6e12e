import { nextStrikes } from './lockout';

const policy = { attempts: 3, lockMinutes: 30 };
const now = new Date('2026-01-06T09:00:00Z');

describe('the lockout rule', () => {
  it('counts wrong secrets in a row and locks at the last allowed one, for lockMinutes', () => {
    let strikes = { failures: 0, lockedUntil: null as Date | null };
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      const next = nextStrikes(strikes, false, policy, now);
      outcomes.push(next.outcome);
      strikes = next.strikes!;
    }
    expect(outcomes).toEqual([
      { kind: 'wrong', failures: 1 },
      { kind: 'wrong', failures: 2 },
      { kind: 'locked', until: new Date('2026-01-06T09:30:00Z'), justLocked: true },
    ]);
    expect(strikes).toEqual({ failures: 0, lockedUntil: new Date('2026-01-06T09:30:00Z') });
  });

  it('never clears a lock on a failure: an old lock stays as it was', () => {
    const old = new Date('2026-01-06T08:00:00Z');
    expect(nextStrikes({ failures: 0, lockedUntil: old }, false, policy, now).strikes).toEqual({
      failures: 1,
      lockedUntil: old,
    });
  });

  it('forgets the strikes on the right secret', () => {
    expect(nextStrikes({ failures: 2, lockedUntil: null }, true, policy, now)).toEqual({
      strikes: null,
      outcome: { kind: 'right' },
    });
  });
});
