import { Injectable, BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GatewayInbox, GatewayReports, type ReportedStatus } from '../gateway-inbox';
import { validateRequest } from 'twilio';
import { CallbackUrls } from '../callback-urls';
import { field, type GatewayRoutes, type WebhookAnswer, type WebhookCall } from '../gateway-webhooks';
import type { TwilioOptions } from './twilio.options';

/** Twilio's MessageStatus values that move a message; queued, accepted, sending ... change nothing. */
const STATUS: Readonly<Record<string, ReportedStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
};

/** Valid TwiML for "no reply": the router's replies go out through the REST API. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * Twilio's calls, each checked against `X-Twilio-Signature` with the official library and
 * the URL Twilio called (the public URL behind a proxy); 403 and nothing stored otherwise.
 *
 * - `POST /backends/<name>/incoming` (From, Body, MessageSid): stores the SMS (a repeated
 *   MessageSid is only acknowledged) and answers an empty TwiML `<Response/>`.
 * - `POST /backends/<name>/status` (MessageSid, MessageStatus, ErrorCode): moves the message
 *   with that sid to sent, delivered or failed; answers 204.
 */
@Injectable()
export class TwilioWebhooks implements GatewayRoutes<TwilioOptions> {
  private readonly logger = new Logger('TwilioGateway');
  readonly routes = {
    'POST incoming': (call: WebhookCall<TwilioOptions>) => this.incoming(call),
    'POST status': (call: WebhookCall<TwilioOptions>) => this.status(call),
  };

  constructor(
    private readonly inbound: GatewayInbox,
    private readonly reports: GatewayReports,
    private readonly callbacks: CallbackUrls,
  ) {}

  private async incoming({ name, options, request }: WebhookCall<TwilioOptions>): Promise<WebhookAnswer> {
    const params = this.signed(name, options, request);
    const from = field(params, 'From')?.trim();
    if (!from) throw new BadRequestException('Missing From');
    const providerId = field(params, 'MessageSid') ?? field(params, 'SmsSid') ?? null;
    await this.inbound.accept({ gateway: name, identity: from, text: field(params, 'Body') ?? '', providerId });
    return { status: 200, body: EMPTY_TWIML, contentType: 'text/xml; charset=utf-8' };
  }

  private async status({ name, options, request }: WebhookCall<TwilioOptions>): Promise<WebhookAnswer> {
    const params = this.signed(name, options, request);
    const sid = field(params, 'MessageSid') ?? field(params, 'SmsSid');
    const reported = field(params, 'MessageStatus') ?? field(params, 'SmsStatus');
    if (!sid || !reported) throw new BadRequestException('Missing MessageSid or MessageStatus');
    const status = STATUS[reported];
    if (status) {
      const code = field(params, 'ErrorCode');
      const reason = status === 'failed' ? `Twilio: ${reported}${code ? ` (error ${code})` : ''}` : undefined;
      const found = await this.reports.report(name, { providerId: sid }, status, reason);
      if (!found) this.logger.warn(`${name}: status callback for unknown message ${sid}`);
    }
    return { status: 204 };
  }

  /** The form fields, once the signature over the called URL and the fields holds. */
  private signed(name: string, options: TwilioOptions, request: FastifyRequest): Record<string, unknown> {
    const params =
      typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
    const signature = request.headers['x-twilio-signature'];
    const base = this.callbacks.configured(options.publicUrl) ?? `${request.protocol}://${request.host}`;
    const url = `${base}${request.raw.url ?? request.url}`;
    if (typeof signature === 'string' && validateRequest(options.authToken, signature, url, params)) return params;
    this.logger.warn(
      `${name}: ${typeof signature === 'string' ? 'bad' : 'no'} Twilio signature for ${url} from ${request.ip}`,
    );
    throw new ForbiddenException('Invalid Twilio signature');
  }
}
