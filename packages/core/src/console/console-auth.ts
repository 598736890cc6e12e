import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { MwanaConfig } from '../config/mwana-config';
import { consoleConfig } from './console.config';
import { type ActiveSession, ConsoleSessionsService, SESSION_COOKIE } from './console-sessions.service';
import { readCookies } from './cookies';
import { AuthRateLimiter } from '../security/auth-rate-limiter';
import { sameSecret } from '../security/secrets';
import { API_SCOPES, type ApiScope, ApiTokensService } from '../security/api-tokens.service';

/** Who is asking: a logged-in browser, or a script with an API token. */
export type ConsoleIdentity =
  | { readonly kind: 'session'; readonly session: ActiveSession }
  | { readonly kind: 'token'; readonly tokenName: string; readonly scopes: readonly ApiScope[] };

/** Who a request's writes belong to (idempotency keys are per client): `token:<name>` or `user:<username>`. */
export function clientOf(identity: ConsoleIdentity): string {
  return identity.kind === 'token' ? `token:${identity.tokenName}` : `user:${identity.session.username}`;
}

export class ConsoleAuthError extends Error {
  constructor(
    readonly reason: 'login' | 'csrf' | 'scope',
    scope?: ApiScope,
  ) {
    super(
      reason === 'login'
        ? 'A console login is required.'
        : reason === 'scope'
          ? `This API token lacks the scope "${scope}".`
          : 'The form is missing its CSRF token, or the token is wrong.',
    );
    this.name = 'ConsoleAuthError';
  }
}

/** A client over its address's budget of token requests (`http.rateLimit.tokens`): answered 429. */
export class ConsoleRateLimitError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests from this address.');
    this.name = 'ConsoleRateLimitError';
  }
}

/** How a route may be reached; the default is a logged-in session only. */
export interface ConsoleAccessOptions {
  /** Scripts may use `Authorization: Bearer <token>` (`mwana api-token add`, or config `console.apiTokens`). */
  readonly apiTokens?: boolean;
  /** The scope a token needs (a console session has every scope); default `read` on GET, else `send`. */
  readonly scope?: ApiScope;
  /** A page shown to a person: it takes (and clears) the notice the last POST left. */
  readonly takesFlash?: boolean;
}

export const ConsoleAccess = Reflector.createDecorator<ConsoleAccessOptions>();

const identities = new WeakMap<object, ConsoleIdentity>();

/** The identity the guard found for this request. */
export function identityOf(request: FastifyRequest): ConsoleIdentity {
  const identity = identities.get(request);
  if (!identity) throw new ConsoleAuthError('login');
  return identity;
}

/** The session of a request that the guard let in with one (pages always are). */
export function sessionOf(request: FastifyRequest): ActiveSession {
  const identity = identityOf(request);
  if (identity.kind !== 'session') throw new ConsoleAuthError('login');
  return identity.session;
}

/**
 * Every console page, console action and API route: a session (or, where allowed, an API
 * token), and on anything but GET/HEAD from a session the CSRF token, from the form field
 * `_csrf` or the `X-CSRF-Token` header. Guards run before the handler, so a refused POST
 * changes nothing. A bearer token needs no CSRF check: browsers never attach one by themselves.
 */
@Injectable()
export class ConsoleAuthGuard implements CanActivate {
  private readonly logger = new Logger('ConsoleAuth');
  private readonly tokens: ReadonlyArray<[string, string]>;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: ConsoleSessionsService,
    private readonly limiter: AuthRateLimiter,
    private readonly apiTokens: ApiTokensService,
    config: MwanaConfig,
  ) {
    this.tokens = Object.entries(config.section(consoleConfig).apiTokens);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const access = this.reflector.getAllAndOverride(ConsoleAccess, [context.getHandler(), context.getClass()]) ?? {};
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer && access.apiTokens) {
      // Every request that brings a token is counted per address before the token is looked at.
      const admission = await this.limiter.admit(request, 'api-token', 'tokens');
      if (!admission.allowed) throw new ConsoleRateLimitError(admission.retryAfterSeconds);
      const name = this.tokenName(bearer);
      const stored = name ? null : await this.apiTokens.verify(bearer);
      if (!name && !stored) throw new ConsoleAuthError('login');
      // A config token (`console.apiTokens`) may do everything; a stored one what its scopes say.
      const identity = stored
        ? { kind: 'token' as const, tokenName: stored.name, scopes: stored.scopes }
        : { kind: 'token' as const, tokenName: name ?? '', scopes: API_SCOPES };
      const perToken = await this.limiter.admit(request, 'api-token-use', 'perToken', identity.tokenName);
      if (!perToken.allowed) throw new ConsoleRateLimitError(perToken.retryAfterSeconds);
      const needed = access.scope ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'send');
      if (!identity.scopes.includes(needed)) throw new ConsoleAuthError('scope', needed);
      identities.set(request, identity);
      return true;
    }
    const unsafe = request.method !== 'GET' && request.method !== 'HEAD';
    const session = await this.sessions.resolve(readCookies(request)[SESSION_COOKIE], {
      takeFlash: !unsafe && access.takesFlash === true,
    });
    if (!session) throw new ConsoleAuthError('login');
    if (unsafe && !sameSecret(this.sentCsrf(request), session.csrfToken)) {
      this.logger.warn(
        `Refused a ${request.method} to ${request.url.split('?')[0]} by ${session.username}: bad CSRF token`,
      );
      throw new ConsoleAuthError('csrf');
    }
    identities.set(request, { kind: 'session', session });
    return true;
  }

  private sentCsrf(request: FastifyRequest): string | undefined {
    const header = request.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const body = request.body;
    if (body && typeof body === 'object' && '_csrf' in body) {
      const value = (body as { _csrf: unknown })._csrf;
      return typeof value === 'string' ? value : undefined;
    }
    return undefined;
  }

  /** Checks every token, so the time taken says nothing about which one nearly matched. */
  private tokenName(given: string): string | null {
    let found: string | null = null;
    for (const [name, token] of this.tokens) if (sameSecret(given, token)) found = name;
    return found;
  }
}
