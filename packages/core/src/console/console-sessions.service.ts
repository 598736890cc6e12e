import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { httpConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { alwaysSecure } from '../security/http-security';
import { type ConsoleSettings, consoleConfig } from './console.config';
import { hmac, randomToken, sameSecret, sha256 } from '../security/secrets';

export const SESSION_COOKIE = 'mwana_session';

export interface ActiveSession {
  readonly idHash: string;
  readonly userId: number;
  readonly username: string;
  readonly csrfToken: string;
  /** The notice left by the last POST, when asked to take it. */
  readonly flash: Flash | null;
}

export interface Flash {
  readonly kind: 'notice' | 'error';
  readonly text: string;
}

/**
 * Console sessions: a random id in a signed cookie, its SHA-256 in `console_session` with
 * the CSRF token, an absolute expiry and an idle timeout (both from the app's clock).
 * The signature lets a forged or stale cookie be refused without a query.
 */
@Injectable()
export class ConsoleSessionsService {
  private readonly logger = new Logger('ConsoleSessions');
  private readonly settings: ConsoleSettings;
  /** Signs cookies and login forms. */
  readonly secret: string;
  private readonly alwaysSecure: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.settings = config.section(consoleConfig);
    this.alwaysSecure = alwaysSecure(config.env, config.section(httpConfig));
    if (this.settings.sessionSecret) {
      this.secret = this.settings.sessionSecret;
    } else if (config.env === 'development' || config.env === 'test') {
      // Sessions end when a laptop's server restarts: a fair price for zero setup.
      this.secret = randomToken();
    } else {
      throw new Error(
        `console.sessionSecret is required in ${config.env}: set MWANA__CONSOLE__SESSION_SECRET to 32 or more random characters.`,
      );
    }
  }

  get lifetimeSeconds(): number {
    return this.settings.sessionHours * 3600;
  }

  /**
   * Whether cookies get the Secure flag for this request: always in staging and production
   * and behind a public https address; else as `console.secureCookie` says (`auto`: when the
   * request came over https, which only a trusted proxy can claim for it).
   */
  secureFor(request: FastifyRequest): boolean {
    if (this.alwaysSecure || this.settings.secureCookie === 'always') return true;
    return this.settings.secureCookie === 'auto' && request.protocol === 'https';
  }

  /** Starts a session; returns the cookie value. Expired sessions are swept at the same time. */
  async create(userId: number): Promise<string> {
    const id = randomToken();
    const now = this.clock.now();
    await this.dataSource.query('DELETE FROM console_session WHERE expires_at < $1', [now]);
    await this.dataSource.query(
      `INSERT INTO console_session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)`,
      [sha256(id), userId, randomToken(24), now, new Date(now.getTime() + this.lifetimeSeconds * 1000)],
    );
    return `${id}.${hmac(this.secret, `session:${id}`)}`;
  }

  /** The live session a cookie names, its idle clock reset; null when forged, ended or expired. */
  async resolve(cookie: string | undefined, options: { takeFlash: boolean }): Promise<ActiveSession | null> {
    const id = this.unsign(cookie);
    if (!id) return null;
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - this.settings.idleMinutes * 60_000);
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Array<{ user_id: number; username: string; csrf_token: string; old_flash: string | null }>, number] =
      await this.dataSource.query(
        `UPDATE console_session s SET last_seen_at = $2, flash = CASE WHEN $4 THEN NULL ELSE s.flash END
         FROM console_user u, (SELECT flash AS old_flash FROM console_session WHERE id_hash = $1) o
        WHERE s.id_hash = $1 AND u.id = s.user_id AND s.expires_at > $2 AND s.last_seen_at > $3
       RETURNING s.user_id, u.username, s.csrf_token, o.old_flash`,
        [sha256(id), now, idleSince, options.takeFlash],
      );
    const [row] = rows;
    if (!row) return null;
    return {
      idHash: sha256(id),
      userId: row.user_id,
      username: row.username,
      csrfToken: row.csrf_token,
      flash: options.takeFlash && row.old_flash ? this.parseFlash(row.old_flash) : null,
    };
  }

  async end(session: ActiveSession): Promise<void> {
    await this.dataSource.query('DELETE FROM console_session WHERE id_hash = $1', [session.idHash]);
  }

  async setFlash(session: ActiveSession, flash: Flash): Promise<void> {
    await this.dataSource.query('UPDATE console_session SET flash = $2 WHERE id_hash = $1', [
      session.idHash,
      JSON.stringify(flash),
    ]);
  }

  /** A token for the login form, bound to a random value in a short-lived cookie (no session yet). */
  loginToken(nonce: string): string {
    return hmac(this.secret, `login:${nonce}`);
  }

  private unsign(cookie: string | undefined): string | null {
    if (!cookie) return null;
    const dot = cookie.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = cookie.slice(0, dot);
    return sameSecret(cookie.slice(dot + 1), hmac(this.secret, `session:${id}`)) ? id : null;
  }

  private parseFlash(raw: string): Flash | null {
    try {
      const value = JSON.parse(raw) as Flash;
      return value.kind === 'error' || value.kind === 'notice' ? value : null;
    } catch {
      this.logger.warn('Dropped an unreadable session notice.');
      return null;
    }
  }
}
