import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a lab password checked right is taken again without its scrypt check. */
const TTL_MS = 10 * 60_000;

/**
 * Lab passwords checked right recently, one per account, as an HMAC under a key of this
 * process only (never the password): a lab's uploader sends its chunks one after another with
 * the same credentials, and each scrypt check costs tens of milliseconds of CPU. An entry is
 * bound to the stored hash, so a changed password is checked again at once; wrong passwords
 * are never remembered, so guessing costs what it did (and is counted as before).
 */
export class VerifiedPasswords {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<number, { mac: Buffer; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  matches(accountId: number, passwordHash: string, password: string): boolean {
    const entry = this.entries.get(accountId);
    if (!entry || entry.until < this.now()) return false;
    return timingSafeEqual(entry.mac, this.mac(passwordHash, password));
  }

  remember(accountId: number, passwordHash: string, password: string): void {
    this.entries.set(accountId, { mac: this.mac(passwordHash, password), until: this.now() + TTL_MS });
  }

  private mac(passwordHash: string, password: string): Buffer {
    return createHmac('sha256', this.key).update(passwordHash).update('\0').update(password).digest();
  }
}
