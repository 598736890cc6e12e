import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { type ConsoleSettings, consoleConfig } from './console.config';
import { ConsoleUser } from './console-user.entity';
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

/** Console users: added by operators (`mwana users`), checked at login, locked after repeated failures. */
@Injectable()
export class ConsoleUsersService {
  private readonly settings: ConsoleSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
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
      await db.update(ConsoleUser, user.id, { passwordHash, failedLogins: 0, lockedUntil: null });
      await db.query('DELETE FROM console_session WHERE user_id = $1', [user.id]);
    });
  }

  async remove(rawUsername: string): Promise<void> {
    const user = await this.find(rawUsername);
    await this.dataSource.manager.delete(ConsoleUser, user.id); // sessions go with it (ON DELETE CASCADE)
  }

  /**
   * Checks a login. After `lockAfter` wrong passwords in a row the username is locked for
   * `lockMinutes`, even for the right password: guessing costs an attacker hours, not seconds.
   */
  async login(rawUsername: string, password: string): Promise<LoginOutcome> {
    let username: string;
    try {
      username = ConsoleUsersService.normalizeUsername(rawUsername);
    } catch {
      username = '';
    }
    const user = username
      ? await this.dataSource.manager.findOne(ConsoleUser, {
          where: { username },
          select: { id: true, username: true, passwordHash: true, failedLogins: true, lockedUntil: true },
        })
      : null;
    const matches = await verifySecret(password, user?.passwordHash ?? null);
    if (!user) return { ok: false, reason: 'wrong' };
    const now = this.clock.now();
    if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: 'locked' };
    if (!matches) {
      const failed = user.failedLogins + 1;
      const lock = failed >= this.settings.lockAfter;
      await this.dataSource.manager.update(ConsoleUser, user.id, {
        failedLogins: lock ? 0 : failed,
        lockedUntil: lock ? new Date(now.getTime() + this.settings.lockMinutes * 60_000) : null,
      });
      return { ok: false, reason: lock ? 'locked' : 'wrong' };
    }
    await this.dataSource.manager.update(ConsoleUser, user.id, {
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: now,
    });
    return { ok: true, user: await this.dataSource.manager.findOneByOrFail(ConsoleUser, { id: user.id }) };
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
