import { z } from 'zod';
import { secret } from '../../config/config-section';

const fieldName = z.string().min(1).max(64);

/**
 * `backends.gateways.<name>` of type `http`: a generic gateway (an aggregator, a bridge to
 * a modem pool) that POSTs what phones send and takes a POST for each SMS to send.
 *
 * @example
 * gateways:
 *   aggregator:
 *     type: http
 *     secret: change-me-long-and-random
 *     url: https://sms.example.org/send
 *     headers: { Authorization: Bearer abc }
 *     responseIdField: message.id
 */
export const httpOptions = z.strictObject({
  /** Inbound: the shared secret, in the `X-Mwana-Secret` header or the `secretField` field. */
  secret: secret(z.string().min(8)),
  secretField: fieldName.default('secret'),
  /** Inbound field names (form or JSON): the sender, the text and the gateway's message id (optional, for dedupe). */
  fields: z
    .strictObject({ from: fieldName.default('from'), text: fieldName.default('text'), id: fieldName.default('id') })
    .prefault({}),
  /** Outbound: where each SMS is POSTed as JSON; a gateway without it only receives. */
  url: z.url().optional(),
  /** Outbound JSON field names for Mwana's message id, the recipient (E.164) and the text. */
  outboundFields: z
    .strictObject({ id: fieldName.default('id'), to: fieldName.default('to'), text: fieldName.default('text') })
    .prefault({}),
  /** Extra request headers (the gateway's API key): all masked by `mwana config`. */
  headers: secret(z.record(z.string(), z.string()).default({})),
  /** Dot path of the gateway's message id in its JSON answer (`id`, `message.id`); none: no provider id. */
  responseIdField: z.string().min(1).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});

export type HttpOptions = z.output<typeof httpOptions>;
