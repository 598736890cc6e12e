import { Injectable } from '@nestjs/common';
import { type GatewaySender, GatewaySendError, type OutboundSms, type SendOutcome } from '../gateway';
import { callGateway, statusError } from '../gateway-fetch';
import { accepted, retryable, SEND_STATUS } from './africastalking-status';
import { type AfricasTalkingOptions, messagingUrl } from './africastalking.options';

interface Recipient {
  readonly statusCode?: number;
  readonly status?: string;
  readonly messageId?: string;
  readonly cost?: string;
}

/**
 * Sends through Africa's Talking's SMS API: one `POST <base>/version1/messaging` per SMS,
 * a form of `username`, `to`, `message` and `from` (when set), with the `apiKey` header and
 * `Accept: application/json`. The answer's `SMSMessageData.Recipients[0]` says what became
 * of it: `statusCode` 100-102 is taken, its `messageId` the provider id delivery reports
 * carry; any other code fails the message, for good or to be tried again
 * (`africastalking-status.ts`). An HTTP error is judged as for every gateway (5xx, 408 and
 * 429 tried again; 401 bad credentials and other 4xx not).
 *
 * @example
 * backends.gateways.at = { type: 'africastalking', username: 'sandbox', apiKey: '...', secret: '...' }
 */
@Injectable()
export class AfricasTalkingSender implements GatewaySender<AfricasTalkingOptions> {
  async send(sms: OutboundSms, options: AfricasTalkingOptions, gatewayName: string): Promise<SendOutcome> {
    const what = `Africa's Talking ${gatewayName}`;
    const form = new URLSearchParams({ username: options.username, to: sms.to, message: sms.text });
    if (options.from) form.set('from', options.from);
    const response = await callGateway(
      what,
      messagingUrl(options),
      {
        method: 'POST',
        headers: {
          apiKey: options.apiKey,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
      },
      options.timeoutMs,
    );
    if (response.status < 200 || response.status > 299) throw statusError(what, response.status, response.body);
    const answer = parse(response.body);
    // A 2xx whose answer cannot be read: it was taken (sending it again could send it twice).
    if (!answer) return { providerId: null };
    const [recipient] = answer.recipients;
    if (!recipient) throw new GatewaySendError(`${what} sent it to nobody: ${answer.message ?? 'no recipient'}`, false);
    const code = recipient.statusCode ?? 0;
    if (accepted(code)) return { providerId: recipient.messageId || null };
    const name = recipient.status ?? SEND_STATUS[code]?.name ?? 'an unknown status';
    throw new GatewaySendError(`${what} refused it: ${code} ${name}`, retryable(code));
  }
}

function parse(body: string): { message?: string; recipients: Recipient[] } | null {
  try {
    const value = JSON.parse(body) as { SMSMessageData?: { Message?: unknown; Recipients?: unknown } };
    const data = value?.SMSMessageData;
    if (typeof data !== 'object' || data === null || !Array.isArray(data.Recipients)) return null;
    return {
      message: typeof data.Message === 'string' ? data.Message : undefined,
      recipients: data.Recipients.filter((r): r is Recipient => typeof r === 'object' && r !== null),
    };
  } catch {
    return null;
  }
}
