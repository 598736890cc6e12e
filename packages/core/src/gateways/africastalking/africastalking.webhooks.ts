import { BadRequestException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { sameSecret } from '../../security/secrets';
import { isAllowed } from '../allow-list';
import { GatewayInbox, GatewayReports } from '../gateway-inbox';
import { field, type GatewayRoutes, type WebhookAnswer, type WebhookCall } from '../gateway-webhooks';
import { REPORT_STATUS } from './africastalking-status';
import type { AfricasTalkingOptions } from './africastalking.options';

/** Africa's Talking wants a 200; it reads nothing in the body. */
const OK: WebhookAnswer = { status: 200, body: '', contentType: 'text/plain; charset=utf-8' };

/**
 * Africa's Talking's callbacks (form POSTs), authenticated by the `secret` in the URL the
 * dashboard was given, or by the caller's address (the TCP peer); 403 and nothing stored
 * otherwise.
 *
 * - `POST /backends/<name>/incoming?secret=S` (`from`, `to`, `text`, `date`, `id`, `linkId`,
 *   `networkCode`): stores the SMS from `from` with `id` as its provider id (a repeated id is
 *   only acknowledged). `to` (the short code), `date`, `linkId` (premium on-demand replies)
 *   and `networkCode` are not kept.
 * - `POST /backends/<name>/dlr?secret=S` (`id`, `status`, `failureReason`, `phoneNumber`,
 *   `networkCode`, `retryCount`): moves the message with that `messageId` to sent
 *   (Sent, Submitted, Buffered), delivered (Success) or failed (Failed, Rejected, with the
 *   failure reason).
 */
@Injectable()
export class AfricasTalkingWebhooks implements GatewayRoutes<AfricasTalkingOptions> {
  private readonly logger = new Logger('AfricasTalkingGateway');
  readonly routes = {
    'POST incoming': (call: WebhookCall<AfricasTalkingOptions>) => this.incoming(call),
    'POST dlr': (call: WebhookCall<AfricasTalkingOptions>) => this.dlr(call),
  };

  constructor(
    private readonly inbound: GatewayInbox,
    private readonly reports: GatewayReports,
  ) {}

  private async incoming({ name, options, request }: WebhookCall<AfricasTalkingOptions>): Promise<WebhookAnswer> {
    const body = this.authenticated(name, options, request);
    const from = field(body, 'from')?.trim();
    if (!from) throw new BadRequestException('Missing from');
    const providerId = field(body, 'id') || null;
    await this.inbound.accept({ gateway: name, identity: from, text: field(body, 'text') ?? '', providerId });
    return OK;
  }

  private async dlr({ name, options, request }: WebhookCall<AfricasTalkingOptions>): Promise<WebhookAnswer> {
    const body = this.authenticated(name, options, request);
    const id = field(body, 'id');
    const reported = field(body, 'status');
    if (!id || !reported) throw new BadRequestException('Missing id or status');
    const status = REPORT_STATUS[reported];
    // A status it may add later changes nothing, and is acknowledged so it is not sent again.
    if (!status) return OK;
    const failure = field(body, 'failureReason');
    const reason = status === 'failed' ? `Africa's Talking: ${reported}${failure ? ` (${failure})` : ''}` : undefined;
    const found = await this.reports.report(name, { providerId: id }, status, reason);
    if (!found) this.logger.warn(`${name}: delivery report for unknown message ${id}`);
    return OK;
  }

  /** The form's fields, once the caller has shown the secret or called from an allowed address. */
  private authenticated(name: string, options: AfricasTalkingOptions, request: FastifyRequest): unknown {
    const given = field(request.query, 'secret');
    if (options.secret && given !== undefined && sameSecret(given, options.secret)) return request.body;
    const peer = request.socket.remoteAddress;
    if (isAllowed(options.allowFrom, peer)) return request.body;
    this.logger.warn(
      `${name}: refused a call from ${peer ?? 'an unknown address'} (${given === undefined ? 'no' : 'wrong'} secret)`,
    );
    throw new ForbiddenException("Not an allowed Africa's Talking");
  }
}
