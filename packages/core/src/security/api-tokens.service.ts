import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { poolOf, runPrepared } from '../database/prepared';
import { randomToken, sha256 } from './secrets';

/** What an API token may do: read the message log, send messages, manage contacts. */
export const API_SCOPES = ['read', 'send', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiTokenInfo {
  readonly id: number;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export class ApiTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiTokenError';
  }
}

const NAME = /^[a-z][a-z0-9-]{0,59}$/;
const PREFIX = 'mwana_';

interface Row {
  id: number;
  name: string;
  scopes: ApiScope[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const infoOf = (r: Row): ApiTokenInfo => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/**
 * Bearer tokens for scripts (`mwana api-token add <name> --scope read,send`): a random
 * 256-bit secret shown once, stored only as its SHA-256 (a secret that long needs no slow
 * hash, and the hash finds the row by index), with its scopes. Revoked tokens stay, named,
 * so the log's references keep meaning.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A new token: the secret (show it once) and what is stored. */
  async add(name: string, scopes: readonly string[]): Promise<{ token: string; info: ApiTokenInfo }> {
    if (!NAME.test(name)) {
      throw new ApiTokenError('A token name is lower-case letters, digits and dashes, starting with a letter.');
    }
    const wanted = parseScopes(scopes);
    const token = PREFIX + randomToken(32);
    try {
      const { rows } = await runPrepared<Row>(
        poolOf(this.dataSource),
        `INSERT INTO api_token (name, token_hash, scopes, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id, name, scopes, created_at, last_used_at, revoked_at`,
        [name, sha256(token), wanted, this.clock.now()],
      );
      return { token, info: infoOf(rows[0]) };
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ApiTokenError(`A token named "${name}" exists already; revoke it first.`);
      }
      throw error;
    }
  }

  async list(options: { includeRevoked?: boolean } = {}): Promise<ApiTokenInfo[]> {
    const { rows } = await runPrepared<Row>(
      poolOf(this.dataSource),
      `SELECT id, name, scopes, created_at, last_used_at, revoked_at FROM api_token
        WHERE $1 OR revoked_at IS NULL ORDER BY name, id`,
      [options.includeRevoked === true],
    );
    return rows.map(infoOf);
  }

  async revoke(name: string): Promise<void> {
    const { rows } = await runPrepared(
      poolOf(this.dataSource),
      'UPDATE api_token SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL RETURNING id',
      [name, this.clock.now()],
    );
    if (rows.length === 0) throw new ApiTokenError(`No active token is named "${name}".`);
  }

  /** The active token with this secret (and notes its use), or null. */
  async verify(token: string): Promise<ApiTokenInfo | null> {
    if (!token.startsWith(PREFIX)) return null;
    const { rows } = await runPrepared<Row>(
      poolOf(this.dataSource),
      `UPDATE api_token SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING id, name, scopes, created_at, last_used_at, revoked_at`,
      [sha256(token), this.clock.now()],
    );
    return rows[0] ? infoOf(rows[0]) : null;
  }
}

/** `read,send` (or several arguments) as scopes; a clear error for an unknown one. */
export function parseScopes(given: readonly string[]): ApiScope[] {
  const scopes = given
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (scopes.length === 0) throw new ApiTokenError(`A token needs a scope: ${API_SCOPES.join(', ')}.`);
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new ApiTokenError(`Unknown scope ${unknown.join(', ')}: the scopes are ${API_SCOPES.join(', ')}.`);
  }
  return API_SCOPES.filter((s) => scopes.includes(s));
}
