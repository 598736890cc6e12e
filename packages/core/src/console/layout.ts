import type { FastifyReply } from 'fastify';
import type { ConsoleAsset } from './assets';
import { consoleStylesheet } from './console.css';
import type { Flash } from './console-sessions.service';
import { html, type SafeHtml } from './html';

export interface LayoutOptions {
  readonly title: string;
  readonly body: SafeHtml;
  /** The deployment's name in the header: `Mwana Zambia`. */
  readonly site: string;
  readonly user?: { readonly username: string; readonly csrfToken: string };
  readonly nav?: ReadonlyArray<{ readonly href: string; readonly title: string; readonly here: boolean }>;
  readonly flash?: Flash | null;
  readonly scripts?: readonly ConsoleAsset[];
}

/** The console's one layout: header (site, user, log out), nav, main. No inline script or style. */
export function layout(options: LayoutOptions): SafeHtml {
  const { user, nav = [], flash } = options;
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${options.site}</title><link rel="stylesheet" href="${consoleStylesheet.url}"></head>
<body><header><a href="/console">${options.site}</a>${
    user
      ? html`<span class="who">${user.username}<form method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit">Log out</button></form></span>`
      : null
  }</header>
${nav.length > 0 ? html`<nav>${nav.map((n) => html`<a href="${n.href}"${n.here ? html` class="here" aria-current="page"` : null}>${n.title}</a>`)}</nav>` : null}
<main>${flash ? html`<p class="${flash.kind}" role="status">${flash.text}</p>` : null}<h1>${options.title}</h1>
${options.body}</main>${(options.scripts ?? []).map((s) => html`<script src="${s.url}"></script>`)}</body></html>`;
}

/**
 * Sends a console page: never cached (it shows people's messages), never framed, scripts
 * and styles only from this server. Old browsers ignore the policy; new ones enforce it.
 */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    )
    .send(page.value);
}
