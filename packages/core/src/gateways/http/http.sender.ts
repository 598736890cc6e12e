import { Injectable } from '@nestjs/common';
import { type GatewaySender, GatewaySendError, type OutboundSms, type SendOutcome } from '../gateway';
import { callGateway, statusError } from '../gateway-fetch';
import type { HttpOptions } from './http.options';

/**
 * The generic HTTP gateway's sending half: one JSON POST per SMS,
 * `{ "id": "<Mwana's id>", "to": "+260977000001", "text": "..." }` (field names from
 * `outboundFields`). Any 2xx is sent; the provider id is read from `responseIdField` when
 * set. 5xx, 408, 429, timeouts and refused connections are retried; other 4xx fail.
 *
 * @example
 * backends.gateways.aggregator = { type: 'http', secret: '...', url: 'https://sms.example.org/send' }
 */
@Injectable()
export class HttpSender implements GatewaySender<HttpOptions> {
  async send(sms: OutboundSms, options: HttpOptions, gatewayName: string): Promise<SendOutcome> {
    const what = `HTTP gateway ${gatewayName}`;
    if (!options.url) throw new GatewaySendError(`${what} has no url to send to`, false);
    const fields = options.outboundFields;
    const response = await callGateway(
      what,
      options.url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        body: JSON.stringify({ [fields.id]: sms.id, [fields.to]: sms.to, [fields.text]: sms.text }),
      },
      options.timeoutMs,
    );
    if (response.status < 200 || response.status > 299) throw statusError(what, response.status, response.body);
    return { providerId: options.responseIdField ? providerId(response.body, options.responseIdField) : null };
  }
}

/** The id at a dot path of a JSON answer; null when the answer is not JSON or has none. */
function providerId(body: string, path: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
