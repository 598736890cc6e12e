import { Injectable, BadRequestException, ForbiddenException, Logger, UnauthorizedException } from '@nestjs/common';
import { GatewayInbox } from '../gateway-inbox';
import { field, type GatewayRoutes, type WebhookAnswer, type WebhookCall } from '../gateway-webhooks';
import type { HttpOptions } from './http.options';
import { sameSecret } from '../../security/secrets';

export const SECRET_HEADER = 'x-mwana-secret';

/**
 * The generic HTTP gateway's inbound route: `POST /backends/<name>/incoming`, a form or a
 * JSON object with the sender, the text and optionally the gateway's id (field names from
 * `fields`), and the shared secret in `X-Mwana-Secret` or the `secretField` field.
 * 401 without a secret, 403 with a wrong one, 400 without a sender or text; otherwise the
 * message is stored (a repeated id only acknowledged) and the answer is
 * `200 {"id": "<Mwana's id>", "duplicate": false}`.
 */
@Injectable()
export class HttpWebhooks implements GatewayRoutes<HttpOptions> {
  private readonly logger = new Logger('HttpGateway');
  readonly routes = { 'POST incoming': (call: WebhookCall<HttpOptions>) => this.incoming(call) };

  constructor(private readonly inbound: GatewayInbox) {}

  private async incoming({ name, options, request }: WebhookCall<HttpOptions>): Promise<WebhookAnswer> {
    const body: unknown = request.body;
    const header = request.headers[SECRET_HEADER];
    const given = (typeof header === 'string' ? header : undefined) ?? field(body, options.secretField);
    if (given === undefined)
      throw new UnauthorizedException(`Send the secret in ${SECRET_HEADER} or "${options.secretField}"`);
    if (!sameSecret(given, options.secret)) {
      this.logger.warn(`${name}: wrong secret from ${request.ip}`);
      throw new ForbiddenException('Wrong secret');
    }
    const from = field(body, options.fields.from)?.trim();
    const text = field(body, options.fields.text);
    if (!from || text === undefined) {
      throw new BadRequestException(
        `Expected a form or JSON object with "${options.fields.from}" and "${options.fields.text}"`,
      );
    }
    const providerId = field(body, options.fields.id) || null;
    const accepted = await this.inbound.accept({ gateway: name, identity: from, text, providerId });
    return { status: 200, body: { id: accepted.messageId, duplicate: accepted.duplicate } };
  }
}
