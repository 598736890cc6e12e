import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';

/** How many wrong secrets in a row lock a subject, and for how long. */
export interface LockoutPolicy {
  readonly attempts: number;
  readonly lockMinutes: number;
}

/** Whose secret is checked: a kind (`pin`, `console`, `lab`) and who within it (a contact id, a username). */
export interface LockoutKey {
  readonly scope: string;
  readonly subject: string;
}

/**
 * What a counted check found. `locked` is refused without the secret being looked at;
 * `justLocked` is true for exactly one attempt per lock (the one that locked it), so whoever
 * alerts does so once per lock, however many attempts come at once.
 */
export type LockoutOutcome =
  | { readonly kind: 'right' }
  | { readonly kind: 'wrong'; readonly failures: number }
  | { readonly kind: 'locked'; readonly until: Date; readonly justLocked: boolean };

interface Strikes {
  readonly failures: number;
  readonly lockedUntil: Date | null;
}

/** The rule on its own: what a check's verdict does to the strikes, given the policy and the time. */
export function nextStrikes(
  strikes: Strikes,
  right: boolean,
  policy: LockoutPolicy,
  now: Date,
): { strikes: Strikes | null; outcome: LockoutOutcome } {
  if (right) return { strikes: null, outcome: { kind: 'right' } };
  const failures = strikes.failures + 1;
  if (failures < policy.attempts) {
    // A failure never touches the lock: an expired one stays expired, and nothing clears a live one.
    return { strikes: { failures, lockedUntil: strikes.lockedUntil }, outcome: { kind: 'wrong', failures } };
  }
  const until = new Date(now.getTime() + policy.lockMinutes * 60_000);
  return { strikes: { failures: 0, lockedUntil: until }, outcome: { kind: 'locked', until, justLocked: true } };
}

/**
 * Counted secret checks (PINs, console and lab passwords), atomic under any concurrency:
 * each attempt first takes the subject's row in `lockout` with a row lock (an upsert), so
 * attempts on one subject run one after another whatever the number of processes; a
 * locked subject is refused before its secret is checked; a wrong secret adds a strike and
 * the `attempts`-th locks it. The row lock lasts until `db`'s transaction ends, so call it
 * inside one (the routing transaction for an SMS; `dataSource.transaction` for a login).
 * A subject need not exist: an unknown username is counted and locked like a real one.
 *
 * @example
 * const outcome = await lockouts.attempt(db, { scope: 'console', subject: username }, policy, () =>
 *   verifySecret(password, user?.passwordHash ?? null),
 * );
 * if (outcome.kind === 'locked' && outcome.justLocked) alertOnce();
 */
@Injectable()
export class Lockouts {
  constructor(private readonly clock: Clock) {}

  async attempt(
    db: EntityManager,
    key: LockoutKey,
    policy: LockoutPolicy,
    verify: () => Promise<boolean>,
  ): Promise<LockoutOutcome> {
    const now = this.clock.now();
    // ON CONFLICT DO UPDATE takes the row lock (waiting for a concurrent attempt to commit) and returns the latest strikes.
    const [row]: Array<{ failures: number; locked_until: Date | null }> = await db.query(
      `INSERT INTO lockout AS l (scope, subject, failures, updated_at) VALUES ($1, $2, 0, $3)
       ON CONFLICT (scope, subject) DO UPDATE SET updated_at = l.updated_at
       RETURNING l.failures, l.locked_until`,
      [key.scope, key.subject, now],
    );
    if (row.locked_until && row.locked_until > now) {
      return { kind: 'locked', until: row.locked_until, justLocked: false };
    }
    const { strikes, outcome } = nextStrikes(
      { failures: row.failures, lockedUntil: row.locked_until },
      await verify(),
      policy,
      now,
    );
    if (strikes === null) {
      // Right: the strikes end. A clean row (no strike, no lock) stays as it is, a statement saved per right PIN.
      if (row.failures > 0 || row.locked_until !== null)
        await db.query('DELETE FROM lockout WHERE scope = $1 AND subject = $2', [key.scope, key.subject]);
    } else {
      await db.query(
        'UPDATE lockout SET failures = $3, locked_until = $4, updated_at = $5 WHERE scope = $1 AND subject = $2',
        [key.scope, key.subject, strikes.failures, strikes.lockedUntil, now],
      );
    }
    return outcome;
  }

  /** Until when a subject is locked, or null. */
  async lockedUntil(db: EntityManager, key: LockoutKey): Promise<Date | null> {
    const [row]: Array<{ locked_until: Date | null }> = await db.query(
      'SELECT locked_until FROM lockout WHERE scope = $1 AND subject = $2',
      [key.scope, key.subject],
    );
    const until = row?.locked_until ?? null;
    return until && until > this.clock.now() ? until : null;
  }

  /** Forgets a subject's strikes and lifts its lock (a new password, a PIN reset by the help desk). */
  async clear(db: EntityManager, key: LockoutKey): Promise<void> {
    await db.query('DELETE FROM lockout WHERE scope = $1 AND subject = $2', [key.scope, key.subject]);
  }

  /**
   * Drops rows nobody needs: no live lock and untouched for a day (names an attacker made
   * up, strikes long forgotten by their owner's next success).
   */
  async sweep(db: EntityManager): Promise<void> {
    const now = this.clock.now();
    await db.query(`DELETE FROM lockout WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $2)`, [
      new Date(now.getTime() - 86_400_000),
      now,
    ]);
  }
}
