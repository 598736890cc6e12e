import { Controller, Get, Logger, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { ConsoleAuthGuard, sessionOf } from './console-auth';
import { ConsoleAuthFilter } from './console-auth.filter';
import { ConsoleSessionsService, SESSION_COOKIE } from './console-sessions.service';
import { ConsoleUsersService } from './console-users.service';
import { appendSetCookie, readCookies, serializeCookie } from './cookies';
import { formValues } from './form';
import { html } from './html';
import { layout, sendPage } from './layout';
import { AuthRateLimiter } from '../security/auth-rate-limiter';
import { randomToken, sameSecret } from '../security/secrets';

const LOGIN_COOKIE = 'mwana_login';

/** Only back into the console: `next` never sends anyone to another site. */
export function safeNext(next: string | undefined): string {
  return next && /^\/console(\/|\?|$)/.test(next) && !next.includes('\\') ? next : '/console';
}

/** Login and logout. The login form has its own CSRF token (no session yet), bound to a cookie. */
@Controller('console')
@UseFilters(ConsoleAuthFilter)
export class LoginController {
  private readonly logger = new Logger('ConsoleLogin');
  private readonly site: string;

  constructor(
    private readonly users: ConsoleUsersService,
    private readonly sessions: ConsoleSessionsService,
    private readonly limiter: AuthRateLimiter,
    config: MwanaConfig,
  ) {
    this.site = `Mwana ${config.section(countryConfig).name}`;
  }

  @Get('login')
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const next = safeNext((request.query as Record<string, string | undefined>).next);
    if (await this.sessions.resolve(readCookies(request)[SESSION_COOKIE], { takeFlash: false })) {
      await reply.redirect(next, 303);
      return;
    }
    await this.showForm(request, reply, next, null, 200);
  }

  @Post('login')
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = formValues(request.body);
    const next = safeNext(form.next);
    // Counted per address before anything is checked, across every process.
    const admission = await this.limiter.admit(request, 'console-login', 'passwords');
    if (!admission.allowed) {
      this.logger.warn('Refused a console login (rate limit of the address)');
      reply.header('retry-after', String(admission.retryAfterSeconds));
      await this.showForm(request, reply, next, 'Too many login attempts from your address. Try again later.', 429);
      return;
    }
    const nonce = readCookies(request)[LOGIN_COOKIE];
    if (!nonce || !sameSecret(form._csrf, this.sessions.loginToken(nonce))) {
      await this.showForm(request, reply, next, 'The login form had expired. Please try again.', 403);
      return;
    }
    const outcome = await this.users.login(form.username ?? '', form.password ?? '');
    if (!outcome.ok) {
      this.logger.warn(`Refused a console login (${outcome.reason})`);
      const message =
        outcome.reason === 'locked'
          ? 'Too many wrong passwords: this user is locked for a while. Try again later.'
          : 'Wrong username or password.';
      await this.showForm(request, reply, next, message, outcome.reason === 'locked' ? 429 : 401);
      return;
    }
    const cookie = await this.sessions.create(outcome.user.id);
    const secure = this.sessions.secureFor(request);
    appendSetCookie(
      reply,
      serializeCookie(SESSION_COOKIE, cookie, { path: '/', maxAge: this.sessions.lifetimeSeconds, secure }),
    );
    appendSetCookie(reply, serializeCookie(LOGIN_COOKIE, '', { path: '/console/login', maxAge: 0, secure }));
    this.logger.log(`${outcome.user.username} logged in to the console`);
    await reply.header('cache-control', 'no-store').redirect(next, 303);
  }

  @Post('logout')
  @UseGuards(ConsoleAuthGuard)
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = sessionOf(request);
    await this.sessions.end(session);
    appendSetCookie(
      reply,
      serializeCookie(SESSION_COOKIE, '', { path: '/', maxAge: 0, secure: this.sessions.secureFor(request) }),
    );
    this.logger.log(`${session.username} logged out of the console`);
    await reply.redirect('/console/login', 303);
  }

  private async showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    next: string,
    error: string | null,
    status: number,
  ): Promise<void> {
    const nonce = randomToken(16);
    appendSetCookie(
      reply,
      serializeCookie(LOGIN_COOKIE, nonce, {
        path: '/console/login',
        maxAge: 3600,
        secure: this.sessions.secureFor(request),
      }),
    );
    const body = html`<form class="login" method="post" action="/console/login">
${error ? html`<p class="error" role="alert">${error}</p>` : null}
<input type="hidden" name="_csrf" value="${this.sessions.loginToken(nonce)}"><input type="hidden" name="next" value="${next}">
<label>Username<br><input name="username" autocomplete="username" autocapitalize="none" required autofocus></label>
<label>Password<br><input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button></form>`;
    await sendPage(reply, layout({ title: 'Log in', body, site: this.site }), status);
  }
}
