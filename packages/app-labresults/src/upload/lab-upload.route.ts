import { AuthRateLimiter, Clock, type RateLimitedRequest } from '@mwana/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LabAccountsService } from './lab-accounts.service';
import { LabResultsError } from '../labresults.error';
import { PayloadService, type UploadOutcome } from './payload.service';

/** What this route needs of Fastify, without depending on Fastify's types. */
interface Request {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
}
interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(body: object): unknown;
}
interface Fastify {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    options: { parseAs: 'string' },
    parser: (req: unknown, body: string, done: (err: null, body: string) => void) => void,
  ): void;
  route(options: { method: string[]; url: string; handler: (req: Request, reply: Reply) => Promise<unknown> }): void;
}

export interface UploadAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: object;
}

// Mwana's labs post to the path with its slash; Nest would strip it, so the route is Fastify's own.
const URLS = ['/labresults/incoming', '/labresults/incoming/'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * `POST /labresults/incoming/` (docs/keywords.md#lab-upload): a lab's computer uploads samples and logs with
 * HTTP Basic credentials. Unlike Mwana (200 `CANNOT PARSE`), a body that is not JSON or not
 * the shape is answered 400 with the list of problems, so lab staff see what to fix.
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
    // Mwana's labs send `text/json`, which Fastify does not read: kept as text, like the raw payload.
    if (!fastify.hasContentTypeParser('text/json')) {
      fastify.addContentTypeParser('text/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    }
    for (const url of URLS) {
      fastify.route({
        method: METHODS,
        url,
        handler: async (req, reply) => {
          // Every request counts against its address's budget before a credential is looked at.
          const admission = await this.limiter.admit(req as unknown as RateLimitedRequest, 'lab-upload', 'passwords');
          if (!admission.allowed) {
            return reply
              .code(429)
              .header('retry-after', String(admission.retryAfterSeconds))
              .send({ status: 'TOO MANY REQUESTS' });
          }
          const authorization = req.headers.authorization;
          const answer = await this.answer(
            req.method,
            typeof authorization === 'string' ? authorization : undefined,
            req.body,
          );
          for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
          return reply.code(answer.status).send(answer.body);
        },
      });
    }
  }

  async answer(method: string, authorization: string | undefined, body: unknown): Promise<UploadAnswer> {
    if (method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: { status: 'METHOD NOT ALLOWED' } };
    const login = await this.accounts.authenticate(authorization);
    // A locked name is answered alike whether an account has it or not.
    if (!login.ok && login.reason === 'locked') {
      const seconds = Math.max(1, Math.ceil((login.until.getTime() - this.clock.now().getTime()) / 1000));
      return { status: 429, headers: { 'retry-after': String(seconds) }, body: { status: 'LOCKED' } };
    }
    if (!login.ok)
      return {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="Lab Results"' },
        body: { status: 'UNAUTHORIZED' },
      };
    const account = login.account;
    // application/json arrives parsed: its text again is the payload as the lab meant it.
    const raw = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    let outcome: UploadOutcome;
    try {
      outcome = await this.payloads.receive(raw, account.id);
    } catch (error) {
      // Kept, and re-run hourly; the message names no value.
      if (!(error instanceof LabResultsError)) throw error;
      return { status: 500, headers: {}, body: { status: 'ERROR', message: error.message } };
    }
    if (outcome.errors.length > 0)
      return {
        status: 400,
        headers: {},
        body: { status: 'INVALID', payload: outcome.payloadId, errors: outcome.errors },
      };
    const { payloadId, created, changed, unchanged, skipped } = outcome;
    return {
      status: 200,
      headers: {},
      body: { status: 'SUCCESS', payload: payloadId, created, changed, unchanged, skipped },
    };
  }
}
