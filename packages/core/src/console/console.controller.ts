import {
  Controller,
  Get,
  Logger,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { findConsoleAsset } from './assets';
import { ConsoleAccess, ConsoleAuthGuard, sessionOf } from './console-auth';
import { ConsoleAuthFilter } from './console-auth.filter';
import type { ConsoleContext, ConsoleSubmitResult, ConsoleView } from './console-page';
import { ConsolePages, type RegisteredPage } from './console-pages.registry';
import type { ActiveSession, Flash } from './console-sessions.service';
import { ConsoleSessionsService } from './console-sessions.service';
import { formValues } from './form';
import { html } from './html';
import { layout, sendPage } from './layout';

/** Serves every page apps contribute, inside the layout, behind the login and CSRF checks. */
@Controller('console')
@UseFilters(ConsoleAuthFilter)
export class ConsoleController {
  private readonly logger = new Logger('Console');
  private readonly site: string;

  constructor(
    private readonly pages: ConsolePages,
    private readonly sessions: ConsoleSessionsService,
    config: MwanaConfig,
  ) {
    this.site = `Mwana ${config.section(countryConfig).name}`;
  }

  /** Static and public (no data in them): cached for a year, as each version has its own name. */
  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): FastifyReply {
    const asset = findConsoleAsset(file);
    if (!asset) throw new NotFoundException();
    return reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset.body);
  }

  @Get()
  @UseGuards(ConsoleAuthGuard)
  home(@Res() reply: FastifyReply): FastifyReply {
    const first = this.pages.nav()[0];
    return reply.redirect(first ? `/console/${first.options.path}` : '/console/login', 303);
  }

  @Get('*')
  @UseGuards(ConsoleAuthGuard)
  @ConsoleAccess({ takesFlash: true })
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const session = sessionOf(request);
    if (this.pagePath(request) === '') return this.home(reply); // /console/
    const page = this.pages.find(this.pagePath(request));
    if (!page)
      return this.send(reply, session, null, { title: 'Not found', body: html`<p>There is no such page.</p>` }, 404);
    const ctx = this.context(request, session);
    try {
      return this.send(reply, session, page, await page.handler.render(ctx), 200, session.flash);
    } catch (error) {
      this.logger.error(
        `/console/${page.options.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return this.send(
        reply,
        session,
        page,
        { title: 'Something went wrong', body: html`<p>This page failed; the error is in the server's log.</p>` },
        500,
      );
    }
  }

  @Post('*')
  @UseGuards(ConsoleAuthGuard)
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const session = sessionOf(request);
    const page = this.pages.find(this.pagePath(request));
    if (!page?.handler.submit)
      return this.send(
        reply,
        session,
        page ?? null,
        { title: 'Not found', body: html`<p>Nothing here takes a form.</p>` },
        404,
      );
    const { _csrf: _token, ...form } = formValues(request.body);
    let result: ConsoleSubmitResult;
    try {
      result = await page.handler.submit(this.context(request, session), form);
    } catch (error) {
      this.logger.error(
        `POST /console/${page.options.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      result = {
        redirect: `/console/${page.options.path}`,
        error: "That did not work; the error is in the server's log.",
      };
    }
    const flash: Flash | null = result.error
      ? { kind: 'error', text: result.error }
      : result.notice
        ? { kind: 'notice', text: result.notice }
        : null;
    if (flash) await this.sessions.setFlash(session, flash);
    return reply.redirect(result.redirect.startsWith('/console') ? result.redirect : '/console', 303);
  }

  private pagePath(request: FastifyRequest): string {
    return (request.params as { '*'?: string })['*']?.replace(/\/+$/, '') ?? '';
  }

  private context(request: FastifyRequest, session: ActiveSession): ConsoleContext {
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.query as Record<string, string | string[] | undefined>)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') query[key] = first;
    }
    return {
      user: { id: session.userId, username: session.username },
      path: request.url.split('?')[0],
      query,
      csrfToken: session.csrfToken,
      csrfField: () => html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`,
    };
  }

  private send(
    reply: FastifyReply,
    session: ActiveSession,
    page: RegisteredPage | null,
    view: ConsoleView,
    status: number,
    flash: Flash | null = null,
  ): FastifyReply {
    const entries = this.pages.nav();
    // The page itself, or the nav entry it lies under most closely (a conversation under Messages).
    const here =
      (page && entries.includes(page) ? page : undefined) ??
      entries
        .filter((p) => page?.options.path.startsWith(`${p.options.path}/`))
        .sort((a, b) => b.options.path.length - a.options.path.length)[0];
    const nav = entries.map((p) => ({ href: `/console/${p.options.path}`, title: p.options.title, here: p === here }));
    const title = view.title ?? page?.options.title ?? 'Console';
    return sendPage(
      reply,
      layout({
        title,
        body: view.body,
        site: this.site,
        user: { username: session.username, csrfToken: session.csrfToken },
        nav,
        flash,
        scripts: view.scripts,
      }),
      status,
    );
  }
}
