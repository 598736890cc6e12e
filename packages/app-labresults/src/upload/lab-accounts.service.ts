import { hashSecret, Lockouts, verifySecret } from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LabAccount } from '../entities/lab-account.entity';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { VerifiedPasswords } from './verified-passwords';

/** How a lab's credentials were judged: the account, or why not (the route answers each alike for every name). */
export type LabLogin =
  | { readonly ok: true; readonly account: LabAccount }
  | { readonly ok: false; readonly reason: 'wrong' }
  | { readonly ok: false; readonly reason: 'locked'; readonly until: Date };

/** Lab logins' strikes in core's `lockout`, by account name. */
const LOCKOUT_SCOPE = 'lab';

/** Lab accounts: who may upload results. */
@Injectable()
export class LabAccountsService {
  private readonly verified = new VerifiedPasswords();

  constructor(
    private readonly dataSource: DataSource,
    private readonly lockouts: Lockouts,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  async add(username: string, password: string): Promise<LabAccount> {
    return this.dataSource
      .getRepository(LabAccount)
      .save({ username: username.trim().toLowerCase(), passwordHash: await hashSecret(password), active: true });
  }

  /**
   * The active account an `Authorization: Basic ...` header names with its right password.
   * Counted like console logins: `labLockAfter` wrong passwords in a row lock the name for
   * `labLockMinutes` (attempts on one name run one after another: a row lock); a name no
   * account has is counted and locked alike and checked against a dummy hash, so the
   * answers do not tell names apart.
   */
  async authenticate(header: string | undefined): Promise<LabLogin> {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'wrong' };
    const username = decoded.slice(0, colon).trim().toLowerCase().slice(0, 100);
    const policy = { attempts: this.settings.labLockAfter, lockMinutes: this.settings.labLockMinutes };
    return this.dataSource.transaction(async (db): Promise<LabLogin> => {
      const account = await db
        .getRepository(LabAccount)
        .createQueryBuilder('a')
        .addSelect('a.passwordHash')
        .where('a.username = :username AND a.active', { username })
        .getOne();
      const outcome = await this.lockouts.attempt(db, { scope: LOCKOUT_SCOPE, subject: username }, policy, async () => {
        const password = decoded.slice(colon + 1);
        if (account && this.verified.matches(account.id, account.passwordHash, password)) return true;
        const ok = await verifySecret(password, account?.passwordHash ?? null);
        if (ok && account) this.verified.remember(account.id, account.passwordHash, password);
        return ok && account !== null;
      });
      if (outcome.kind === 'right' && account) return { ok: true, account };
      return outcome.kind === 'locked'
        ? { ok: false, reason: 'locked', until: outcome.until }
        : { ok: false, reason: 'wrong' };
    });
  }
}
