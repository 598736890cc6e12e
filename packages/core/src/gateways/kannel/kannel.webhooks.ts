import { Injectable, BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GatewayInbox, GatewayReports, type ReportedStatus } from '../gateway-inbox';
import { type GatewayRoutes, type WebhookAnswer, type WebhookCall } from '../gateway-webhooks';
import { sameSecret } from '../../security/secrets';
import { decodeKannelBytes, queryBytes } from './kannel-text';
import { isAllowed } from '../allow-list';
import type { KannelOptions } from './kannel.options';

/** Kannel's delivery report types (`%d`), as outbox statuses. Buffered means the SMSC holds it. */
const DLR_STATUS: Readonly<Record<string, ReportedStatus>> = {
  '1': 'delivered',
  '2': 'failed',
  '4': 'sent',
  '8': 'sent',
  '16': 'failed',
};

/** Kannel sends nothing back when the answer is empty (with `max-messages = 0` it never does). */
const EMPTY: WebhookAnswer = { status: 200, body: '', contentType: 'text/plain; charset=utf-8' };

/**
 * Kannel's calls, authenticated by the `secret` field or the caller's address (the TCP
 * peer, never X-Forwarded-For, which anyone can write); 403 and nothing stored otherwise.
 *
 * - `GET /backends/<name>/incoming?secret=S&id=%p&text=%b&charset=%C&coding=%c&message_id=%I`:
 *   Kannel's `sms-service` get-url. Stores the SMS (a repeated `%I` is only acknowledged) and
 *   answers 200 with an empty body. Use `%b`: Kannel's `%a` splits the text at space bytes,
 *   which corrupts UCS-2 text.
 * - `GET /backends/<name>/dlr?message=<id>&status=%d&smsc_id=%F&reason=%A`: the dlr-url
 *   the sender sets; moves the message to sent, delivered or failed.
 */
@Injectable()
export class KannelWebhooks implements GatewayRoutes<KannelOptions> {
  private readonly logger = new Logger('KannelGateway');
  readonly routes = {
    'GET incoming': (call: WebhookCall<KannelOptions>) => this.incoming(call),
    'GET dlr': (call: WebhookCall<KannelOptions>) => this.dlr(call),
  };

  constructor(
    private readonly inbound: GatewayInbox,
    private readonly reports: GatewayReports,
  ) {}

  private async incoming({ name, options, request }: WebhookCall<KannelOptions>): Promise<WebhookAnswer> {
    const query = this.authenticated(name, options, request);
    const names = options.params;
    const from = text(query.get(names.from))?.trim();
    if (!from) throw new BadRequestException(`Missing the sender (${names.from}=%p)`);
    const coding = text(query.get(names.coding));
    const body = decodeKannelBytes(query.get(names.text) ?? Buffer.alloc(0), coding, text(query.get(names.charset)));
    const providerId = text(query.get(names.messageId)) || null;
    await this.inbound.accept({ gateway: name, identity: from, text: body.text, original: body.original, providerId });
    return EMPTY;
  }

  private async dlr({ name, options, request }: WebhookCall<KannelOptions>): Promise<WebhookAnswer> {
    const query = this.authenticated(name, options, request);
    const messageId = text(query.get('message'));
    const type = text(query.get('status'));
    if (!messageId || !/^\d+$/.test(messageId) || !type)
      throw new BadRequestException('Expected message=<id>&status=%d');
    const status = DLR_STATUS[type];
    // Kannel only sends the types in dlr-mask, all known; anything else changes nothing.
    if (!status) return EMPTY;
    const reason = status === 'failed' ? text(query.get('reason')) || `Kannel delivery report ${type}` : undefined;
    const found = await this.reports.report(name, { messageId }, status, reason);
    if (!found) this.logger.warn(`${name}: delivery report for unknown message #${messageId}`);
    // Acknowledged even then: Kannel would only retry a report nobody can use.
    return EMPTY;
  }

  /** The query's fields as bytes, once the caller has shown the secret or called from an allowed address. */
  private authenticated(name: string, options: KannelOptions, request: FastifyRequest): Map<string, Buffer> {
    const url = request.raw.url ?? request.url;
    const query = queryBytes(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const given = text(query.get(options.params.secret));
    if (options.secret && given !== undefined && sameSecret(given, options.secret)) return query;
    const peer = request.socket.remoteAddress;
    if (isAllowed(options.allowFrom, peer)) return query;
    this.logger.warn(
      `${name}: refused a call from ${peer ?? 'an unknown address'} (${given === undefined ? 'no' : 'wrong'} secret)`,
    );
    throw new ForbiddenException('Not an allowed Kannel');
  }
}

function text(bytes: Buffer | undefined): string | undefined {
  return bytes?.toString('utf8');
}
