import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { type ConsoleSettings, consoleConfig } from './console.config';
import { ConsoleUser } from './console-user.entity';
import { Lockouts } from '../security/lockout';
import { hashSecret, verifySecret } from '../security/secrets';

export enum ConsoleUserErrorCode {
  BadUsername = 'bad-username',
  WeakPassword = 'weak-password',
  Exists = 'exists',
  NotFound = 'not-found',
}

export class ConsoleUserError extends Error {
  constructor(
    readonly code: ConsoleUserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleUserError';
  }
}

export type LoginOutcome = { ok: true; user: ConsoleUser } | { ok: false; reason: 'wrong' | 'locked' };

export const MIN_PASSWORD_LENGTH = 10;

/** Console logins' strikes in `lockout`, by username. */
const LOCKOUT_SCOPE = 'console';

/** Console users: added by operators (`mwana users`), checked at login, locked after repeated failures. */
@Injectable()
export class ConsoleUsersService {
  private readonly settings: ConsoleSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly lockouts: Lockouts,
    config: MwanaConfig,
  ) {
    this.settings = config.section(consoleConfig);
  }

  static normalizeUsername(raw: string): string {
    const username = raw.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._@-]{1,59}$/.test(username)) {
      throw new ConsoleUserError(
        ConsoleUserErrorCode.BadUsername,
        `"${raw}" is not a username: 2 to 60 letters, digits, and . _ @ -`,
      );
    }
    return username;
  }

  list(): Promise<ConsoleUser[]> {
    return this.dataSource.manager.find(ConsoleUser, { order: { username: 'ASC' } });
  }

  count(): Promise<number> {
    return this.dataSource.manager.count(ConsoleUser);
  }

  async add(rawUsername: string, password: string): Promise<ConsoleUser> {
    const username = ConsoleUsersService.normalizeUsername(rawUsername);
    const passwordHash = await this.checkedHash(password);
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `INSERT INTO console_user (username, password_hash, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [username, passwordHash, this.clock.now()],
    );
    if (rows.length === 0)
      throw new ConsoleUserError(ConsoleUserErrorCode.Exists, `A console user "${username}" exists already.`);
    return this.dataSource.manager.findOneByOrFail(ConsoleUser, { id: rows[0].id });
  }

  /** Adds a user only while there is none at all (one statement, so two processes cannot both). */
  async addFirst(username: string, password: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO console_user (username, password_hash, created_at)
       SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM console_user) RETURNING id`,
      [ConsoleUsersService.normalizeUsername(username), await this.checkedHash(password), this.clock.now()],
    );
    return rows.length === 1;
  }

  /** Sets a new password and ends the user's sessions (whoever knew the old one is out). */
  async setPassword(rawUsername: string, password: string): Promise<void> {
    const user = await this.find(rawUsername);
    const passwordHash = await this.checkedHash(password);
    await this.dataSource.transaction(async (db) => {
      await db.update(ConsoleUser, user.id, { passwordHash });
      await this.lockouts.clear(db, { scope: LOCKOUT_SCOPE, subject: user.username });
      await db.query('DELETE FROM console_session WHERE user_id = $1', [user.id]);
    });
  }

  async remove(rawUsername: string): Promise<void> {
    const user = await this.find(rawUsername);
    await this.dataSource.manager.delete(ConsoleUser, user.id); // sessions go with it (ON DELETE CASCADE)
  }

  /**
   * Checks a login, counted: after `lockAfter` wrong passwords in a row the username is
   * locked for `lockMinutes`, even for the right password, so guessing costs an attacker
   * hours, not seconds. Attempts on one username run one after another (a row lock in
   * `lockout`), so no number in flight gets past the count. A name that is no user is
   * counted and locked alike, and checked against a dummy hash: the answers (and their
   * timing) do not tell real names from made-up ones.
   */
  async login(rawUsername: string, password: string): Promise<LoginOutcome> {
    let username: string;
    try {
      username = ConsoleUsersService.normalizeUsername(rawUsername);
    } catch {
      username = '';
    }
    // A name that cannot be a user is still counted, under what was typed (bounded).
    const subject = username || rawUsername.trim().toLowerCase().slice(0, 100);
    const now = this.clock.now();
    const policy = { attempts: this.settings.lockAfter, lockMinutes: this.settings.lockMinutes };
    const found = await this.dataSource.transaction(async (db) => {
      const user = username
        ? await db.findOne(ConsoleUser, { where: { username }, select: { id: true, passwordHash: true } })
        : null;
      const outcome = await this.lockouts.attempt(db, { scope: LOCKOUT_SCOPE, subject }, policy, async () => {
        const matches = await verifySecret(password, user?.passwordHash ?? null);
        return matches && user !== null;
      });
      if (outcome.kind !== 'right' || !user) return outcome.kind === 'locked' ? 'locked' : 'wrong';
      await db.update(ConsoleUser, user.id, { lastLoginAt: now });
      await this.lockouts.sweep(db);
      return user.id;
    });
    if (found === 'locked' || found === 'wrong') return { ok: false, reason: found };
    return { ok: true, user: await this.dataSource.manager.findOneByOrFail(ConsoleUser, { id: found }) };
  }

  /** Until when a user is locked out, or null. */
  lockedUntil(user: Pick<ConsoleUser, 'username'>): Promise<Date | null> {
    return this.lockouts.lockedUntil(this.dataSource.manager, { scope: LOCKOUT_SCOPE, subject: user.username });
  }

  private async find(rawUsername: string): Promise<ConsoleUser> {
    const username = ConsoleUsersService.normalizeUsername(rawUsername);
    const user = await this.dataSource.manager.findOneBy(ConsoleUser, { username });
    if (!user) throw new ConsoleUserError(ConsoleUserErrorCode.NotFound, `No console user "${username}".`);
    return user;
  }

  private checkedHash(password: string): Promise<string> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new ConsoleUserError(
        ConsoleUserErrorCode.WeakPassword,
        `A console password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      );
    }
    return hashSecret(password);
  }
}
