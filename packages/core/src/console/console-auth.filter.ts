import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleAuthError, ConsoleRateLimitError } from './console-auth';
import { html, href } from './html';
import { layout, sendPage } from './layout';

/**
 * A refused console request: a person at a page is sent to the login (and back after it),
 * or told that the form was stale; a script gets 401 or 403 as JSON, or 429 when its
 * address (or its token) sent too many requests; a token without the route's scope gets 403.
 */
@Catch(ConsoleAuthError, ConsoleRateLimitError)
export class ConsoleAuthFilter implements ExceptionFilter {
  catch(error: ConsoleAuthError | ConsoleRateLimitError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof ConsoleRateLimitError) {
      void reply
        .status(429)
        .header('retry-after', String(error.retryAfterSeconds))
        .send({ error: 'rate-limited', message: error.message });
      return;
    }
    if (error.reason === 'scope') {
      void reply.status(403).send({ error: 'forbidden', message: error.message });
      return;
    }
    const isPage =
      request.url === '/console' || request.url.startsWith('/console/') || request.url.startsWith('/console?');
    if (error.reason === 'login') {
      if (isPage) {
        const next = request.method === 'GET' ? request.url : undefined;
        void reply.status(303).header('cache-control', 'no-store').redirect(href('/console/login', { next }), 303);
        return;
      }
      void reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="mwana"')
        .send({ error: 'unauthorized', message: error.message });
      return;
    }
    if (isPage) {
      const body = html`<p>The form was out of date or did not come from this console, so nothing was changed.</p><p><a href="/console">Back to the console</a></p>`;
      void sendPage(reply, layout({ title: 'Refused', body, site: 'Mwana' }), 403);
      return;
    }
    void reply.status(403).send({ error: 'csrf', message: error.message });
  }
}
