import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type LockoutOutcome, type LockoutPolicy, Lockouts } from '../security/lockout';
import { ContactsRepository } from './contacts.repository';
import { checkedPin } from './contacts.service';
import { PinHasher } from './pin-hasher';

/**
 * What a PIN attempt found: `right`; `wrong` (counted, `failures` in a row so far); or
 * `locked`, refused without the PIN being looked at. `justLocked` is true for the one
 * attempt that locked the contact: alert the help desk then, and only then.
 */
export type PinCheck = LockoutOutcome;

/** Wrong PINs in a row before a contact is locked, and for how long (the app's config). */
export type PinPolicy = LockoutPolicy;

/**
 * Contacts' PINs: set, reset, and checked with the strikes counted. The PIN a handler reads
 * is a secret: pass it here and nowhere else (no log line, no reply but the one meant to
 * carry it). A check takes the contact's strike row with a row lock before it looks at the
 * PIN, so however many attempts arrive at once, across processes, at most
 * `policy.attempts` are checked per lock, and exactly one returns `justLocked`.
 *
 * @example
 * const check = await pins.check(contact.id, msg.text.trim(), { attempts: 5, lockMinutes: 30 }, msg.db);
 * if (check.kind === 'right') return deliver();
 * if (check.kind === 'locked') {
 *   if (check.justLocked) for (const admin of await contacts.helpAdmins(msg.db)) msg.notify(admin, texts.locked);
 *   return msg.respond(texts.pinLocked);
 * }
 * msg.respond(texts.badPin);
 */
@Injectable()
export class ContactPins {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ContactsRepository,
    private readonly hasher: PinHasher,
    private readonly lockouts: Lockouts,
  ) {}

  /**
   * Checks a PIN, counted. Run it in a transaction (`msg.db` is one): the strike row stays
   * locked until it ends. A contact without a PIN answers `wrong` (and counts) like any
   * wrong PIN. A right PIN under an old scrypt hash is rehashed with the pepper.
   */
  async check(contactId: number, pin: string, policy: PinPolicy, db: EntityManager): Promise<PinCheck> {
    let rehash = false;
    const outcome = await this.lockouts.attempt(db, this.key(contactId), policy, async () => {
      const verdict = await this.hasher.verify(pin, await this.repository.pinHash(contactId, db));
      rehash = verdict.right && verdict.legacy;
      return verdict.right;
    });
    if (rehash) await this.repository.setPinHash(contactId, this.hasher.hash(pin), db);
    return outcome;
  }

  /** Sets a contact's PIN (JOIN). A lock the contact is under stays: a new PIN is no way round it. */
  async set(contactId: number, pin: string, db?: EntityManager): Promise<void> {
    await this.repository.setPinHash(contactId, this.hasher.hash(checkedPin(pin)), db ?? this.dataSource.manager);
  }

  /** The help desk's reset: a new PIN, the strikes forgotten and any lock lifted. */
  async reset(contactId: number, pin: string, db?: EntityManager): Promise<void> {
    const manager = db ?? this.dataSource.manager;
    await this.set(contactId, pin, manager);
    await this.lockouts.clear(manager, this.key(contactId));
  }

  /**
   * Which of `candidates` is the contact's PIN, not counted: for masking what a sender typed
   * (a PIN in a help request), never for an answer the sender sees (that is `check`).
   */
  async pinAmong(contactId: number, candidates: readonly string[], db?: EntityManager): Promise<string[]> {
    if (candidates.length === 0) return [];
    const hash = await this.repository.pinHash(contactId, db ?? this.dataSource.manager);
    if (hash === null) return [];
    const found: string[] = [];
    for (const candidate of new Set(candidates))
      if ((await this.hasher.verify(candidate, hash)).right) found.push(candidate);
    return found;
  }

  async hasPin(contactId: number, db?: EntityManager): Promise<boolean> {
    return (await this.repository.pinHash(contactId, db ?? this.dataSource.manager)) !== null;
  }

  /** Until when a contact's PINs are refused, or null when they are not. */
  lockedUntil(contactId: number, db?: EntityManager): Promise<Date | null> {
    return this.lockouts.lockedUntil(db ?? this.dataSource.manager, this.key(contactId));
  }

  private key(contactId: number): { scope: string; subject: string } {
    return { scope: 'pin', subject: String(contactId) };
  }
}
