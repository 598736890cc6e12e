import { AuthRateLimiter, Clock, type RateLimitedRequest } from '@mwana/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LabAccountsService } from './lab-accounts.service';
import { LabResultsError } from '../labresults.error';
import { PayloadService, type RawBody, type UploadOutcome } from './payload.service';

/** What this route needs of Fastify, without depending on Fastify's types. */
interface Request {
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body?: unknown;
}
interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(body: string): unknown;
}
interface Fastify {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    options: { parseAs: 'buffer' },
    parser: (req: unknown, body: Buffer, done: (err: null, body: Buffer) => void) => void,
  ): void;
  route(options: {
    method: string[];
    url: string;
    bodyLimit: number;
    onRequest: (req: Request, reply: Reply, done: () => void) => void;
    handler: (req: Request, reply: Reply) => Promise<unknown>;
  }): void;
}

export interface UploadAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON answer, for a client that asks for it with `Accept: application/json`. */
  readonly body: object;
  /** The text answer, what the labs' uploader reads: exactly `SUCCESS` when the payload was applied. */
  readonly text: string;
}

export interface UploadRequest {
  readonly method: string;
  readonly authorization?: string;
  readonly body?: RawBody;
  readonly contentType?: string | null;
}

// Mwana's labs post to the path with its slash; Nest would strip it, so the route is Fastify's own.
const URLS = ['/labresults/incoming', '/labresults/incoming/'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/**
 * Every body reaches this route as bytes, whatever its content type (none, `text/json`, a
 * malformed one): the request's type is moved aside for this one, which only this route reads.
 */
const RAW_TYPE = 'application/x-mwana-lab-upload';
const SENT_TYPE = 'x-mwana-sent-content-type';
/** A lab's catch-up after weeks offline: larger than the site-wide limit. */
const BODY_LIMIT = 64 * 1024 * 1024;

const wantsJson = (accept: string | string[] | undefined): boolean =>
  (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).toLowerCase().includes('application/json');

/**
 * `POST /labresults/incoming/` (docs/keywords.md#lab-upload): a lab's computer uploads samples and logs with
 * HTTP Basic credentials. The body is kept first, whatever its content type. A payload applied is
 * answered `200` with the text `SUCCESS`, which is what the labs' uploader waits for (JSON with the
 * counts when the client asks with `Accept: application/json`); every other answer is a failure it
 * retries. Unlike Mwana (200 `CANNOT PARSE`), a body that is not JSON or not the shape is answered 400
 * with the list of problems, so lab staff see what to fix.
 */
@Injectable()
export class LabUploadRoute implements OnModuleInit {
  constructor(
    private readonly accounts: LabAccountsService,
    private readonly payloads: PayloadService,
    private readonly limiter: AuthRateLimiter,
    private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    // Workers and command-line runs have no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<Fastify>();
    if (!fastify) return;
    if (!fastify.hasContentTypeParser(RAW_TYPE)) {
      fastify.addContentTypeParser(RAW_TYPE, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    }
    for (const url of URLS) {
      fastify.route({
        method: METHODS,
        url,
        bodyLimit: BODY_LIMIT,
        onRequest: (req, _reply, done) => {
          const sent = req.headers['content-type'];
          delete req.headers[SENT_TYPE];
          if (typeof sent === 'string') req.headers[SENT_TYPE] = sent;
          req.headers['content-type'] = RAW_TYPE;
          done();
        },
        handler: async (req, reply) => {
          const json = wantsJson(req.headers.accept);
          const send = (answer: UploadAnswer) => {
            for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
            reply.code(answer.status);
            if (json) return reply.header('content-type', 'application/json').send(JSON.stringify(answer.body));
            return reply.header('content-type', 'text/plain; charset=utf-8').send(answer.text);
          };
          // Every request counts against its address's budget before a credential is looked at.
          const admission = await this.limiter.admit(req as unknown as RateLimitedRequest, 'lab-upload', 'passwords');
          if (!admission.allowed) {
            return send({
              status: 429,
              headers: { 'retry-after': String(admission.retryAfterSeconds) },
              body: { status: 'TOO MANY REQUESTS' },
              text: 'TOO MANY REQUESTS',
            });
          }
          const authorization = req.headers.authorization;
          const sent = req.headers[SENT_TYPE];
          return send(
            await this.answer({
              method: req.method,
              authorization: typeof authorization === 'string' ? authorization : undefined,
              body: Buffer.isBuffer(req.body) ? req.body : undefined,
              contentType: typeof sent === 'string' ? sent : null,
            }),
          );
        },
      });
    }
  }

  async answer(request: UploadRequest): Promise<UploadAnswer> {
    if (request.method !== 'POST')
      return {
        status: 405,
        headers: { allow: 'POST' },
        body: { status: 'METHOD NOT ALLOWED' },
        text: 'METHOD NOT ALLOWED',
      };
    const login = await this.accounts.authenticate(request.authorization);
    // A locked name is answered alike whether an account has it or not.
    if (!login.ok && login.reason === 'locked') {
      const seconds = Math.max(1, Math.ceil((login.until.getTime() - this.clock.now().getTime()) / 1000));
      return { status: 429, headers: { 'retry-after': String(seconds) }, body: { status: 'LOCKED' }, text: 'LOCKED' };
    }
    if (!login.ok)
      return {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="Lab Results"' },
        body: { status: 'UNAUTHORIZED' },
        text: 'UNAUTHORIZED',
      };
    let outcome: UploadOutcome;
    try {
      outcome = await this.payloads.receive(request.body ?? '', login.account.id, request.contentType ?? null);
    } catch (error) {
      // Kept as failed, and re-run hourly; the message names no value. 503: the uploader tries again.
      if (!(error instanceof LabResultsError)) throw error;
      return {
        status: 503,
        headers: { 'retry-after': '60' },
        body: { status: 'ERROR', message: error.message },
        text: `ERROR\n${error.message}`,
      };
    }
    if (outcome.errors.length > 0)
      return {
        status: 400,
        headers: {},
        body: { status: 'INVALID', payload: outcome.payloadId, errors: outcome.errors },
        text: ['INVALID', `payload #${outcome.payloadId}`, ...outcome.errors].join('\n'),
      };
    const { payloadId, created, changed, unchanged, skipped, flaggedLogs } = outcome;
    return {
      status: 200,
      headers: {},
      body: { status: 'SUCCESS', payload: payloadId, created, changed, unchanged, skipped, flaggedLogs },
      text: 'SUCCESS',
    };
  }
}
