import { Injectable } from '@nestjs/common';
import type { GatewaySender, OutboundSms, SendOutcome } from '../gateway';
import { CallbackUrls } from '../callback-urls';
import { callGateway, statusError } from '../gateway-fetch';
import type { TwilioOptions } from './twilio.options';

/**
 * Sends through Twilio's REST API: `POST <apiBaseUrl>/2010-04-01/Accounts/<sid>/Messages.json`
 * with To, From (or MessagingServiceSid), Body and a StatusCallback to
 * `/backends/<name>/status`. Twilio's message sid is the provider id its status callbacks
 * carry. 5xx, 429, timeouts and refused connections are retried; other 4xx (an invalid
 * number, a blocked recipient: Twilio's error code is in the reason) fail the message.
 *
 * @example
 * backends.gateways.twilio = { type: 'twilio', accountSid: 'AC...', authToken: '...', from: '+15005550006' }
 */
@Injectable()
export class TwilioSender implements GatewaySender<TwilioOptions> {
  constructor(private readonly callbacks: CallbackUrls) {}

  async send(sms: OutboundSms, options: TwilioOptions, gatewayName: string): Promise<SendOutcome> {
    const what = `Twilio ${gatewayName}`;
    const form = new URLSearchParams({ To: sms.to, Body: sms.text });
    if (options.messagingServiceSid) form.set('MessagingServiceSid', options.messagingServiceSid);
    if (options.from) form.set('From', options.from);
    if (options.statusCallback)
      form.set('StatusCallback', `${this.callbacks.base(options.publicUrl)}/backends/${gatewayName}/status`);
    const url = `${options.apiBaseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
    const credentials = Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64');
    const response = await callGateway(
      what,
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${credentials}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
      },
      options.timeoutMs,
    );
    const answer = parse(response.body);
    if (response.status < 200 || response.status > 299) {
      const detail = answer.code !== undefined ? `error ${answer.code}: ${answer.message ?? ''}` : response.body;
      throw statusError(what, response.status, detail);
    }
    // A 2xx means Twilio took it: without a sid it is still sent (retrying would send it twice).
    return { providerId: answer.sid ?? null };
  }
}

interface TwilioAnswer {
  readonly sid?: string;
  readonly code?: number;
  readonly message?: string;
}

function parse(body: string): TwilioAnswer {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null) return {};
    const { sid, code, message } = value as Record<string, unknown>;
    return {
      sid: typeof sid === 'string' ? sid : undefined,
      code: typeof code === 'number' ? code : undefined,
      message: typeof message === 'string' ? message : undefined,
    };
  } catch {
    return {};
  }
}
