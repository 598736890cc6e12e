import { z } from 'zod';
import type { Gateway } from '../gateways/gateway.registry';
import type { ApiOperation, ApiResponse } from './openapi-registry';

// The gateways' webhooks, one path per configured gateway (`/backends/<name>/<action>`),
// with the field names that gateway's options set. The webhooks read their fields liberally
// (bytes for Kannel, form or JSON for the HTTP gateway), so these describe what a gateway
// sends rather than gate it.

const FORM = ['application/x-www-form-urlencoded'];
const text = (description: string) => z.string().describe(description);
const optional = (description: string) => z.string().optional().describe(description);
const plain = (description: string): ApiResponse => ({ description, schema: z.string(), contentType: 'text/plain' });
const refused = {
  '400': plain('A field is missing; nothing stored.'),
  '403': plain('Wrong secret or signature, or an address not allowed; nothing stored.'),
};

type Describe = (
  gateway: Gateway,
  action: string,
) => Omit<ApiOperation, 'method' | 'path' | 'operationId' | 'tags' | 'security'> | null;

const KANNEL: Describe = (gateway, action) => {
  const p = (gateway.options as { params: Record<string, string> }).params;
  if (action === 'incoming') {
    return {
      summary: "Kannel's sms-service get-url: an SMS received",
      query: z.object({
        [p.secret]: optional('The shared secret (or call from an address in allowFrom)'),
        [p.from]: text('The sender (%p)'),
        [p.text]: text('The text (%b), bytes in the coding and charset given'),
        [p.charset]: optional('%C'),
        [p.coding]: optional('%c: 0 GSM, 1 8-bit, 2 UCS-2'),
        [p.messageId]: optional("Kannel's id (%I): a repeat is only acknowledged"),
      }),
      responses: { '200': plain('Stored (an empty body: nothing to send back)'), ...refused },
    };
  }
  if (action === 'dlr') {
    return {
      summary: "Kannel's delivery report (the dlr-url the sender sets)",
      query: z.object({
        [p.secret]: optional('The shared secret'),
        message: text("Mwana's message id"),
        status: text('%d: 1 delivered, 2 failed, 4/8 sent, 16 rejected'),
        smsc_id: optional('%F'),
        reason: optional('%A'),
      }),
      responses: { '200': plain('Recorded (or acknowledged)'), ...refused },
    };
  }
  return null;
};

const TWILIO: Describe = (_gateway, action) => {
  const signature = z.object({ 'x-twilio-signature': text("Twilio's signature over the URL and the fields") });
  if (action === 'incoming') {
    return {
      summary: "Twilio's messaging webhook: an SMS received",
      headers: signature,
      body: {
        contentTypes: FORM,
        schema: z.looseObject({
          From: text('The sender, E.164'),
          Body: optional('The text'),
          MessageSid: optional("Twilio's id"),
        }),
      },
      responses: {
        '200': { description: 'Stored: empty TwiML', schema: z.string(), contentType: 'text/xml' },
        ...refused,
      },
    };
  }
  if (action === 'status') {
    return {
      summary: "Twilio's status callback: a sent message's status",
      headers: signature,
      body: {
        contentTypes: FORM,
        schema: z.looseObject({
          MessageSid: text("Twilio's id"),
          MessageStatus: text('queued, sent, delivered, undelivered, failed ...'),
          ErrorCode: optional("Twilio's error code"),
        }),
      },
      responses: { '200': plain('Recorded'), ...refused },
    };
  }
  return null;
};

const AFRICASTALKING: Describe = (_gateway, action) => {
  const query = z.object({ secret: optional('The shared secret, in the callback URL') });
  if (action === 'incoming') {
    return {
      summary: "Africa's Talking incoming-message callback",
      query,
      body: {
        contentTypes: FORM,
        schema: z.looseObject({
          from: text('The sender'),
          text: optional('The text'),
          id: optional("Africa's Talking id"),
        }),
      },
      responses: { '200': plain('Stored'), ...refused },
    };
  }
  if (action === 'dlr') {
    return {
      summary: "Africa's Talking delivery report",
      query,
      body: {
        contentTypes: FORM,
        schema: z.looseObject({
          id: text("Africa's Talking id"),
          status: text('Success, Failed, Rejected ...'),
          failureReason: optional('Why'),
        }),
      },
      responses: { '200': plain('Recorded'), ...refused },
    };
  }
  return null;
};

const HTTP: Describe = (gateway, action) => {
  if (action !== 'incoming') return null;
  const o = gateway.options as { fields: { from: string; text: string; id: string }; secretField: string };
  const schema = z.looseObject({
    [o.fields.from]: text('The sender'),
    [o.fields.text]: text('The text'),
    [o.fields.id]: optional("The gateway's id, for dedupe"),
    [o.secretField]: optional('The shared secret, unless sent in X-Mwana-Secret'),
  });
  return {
    summary: 'The generic HTTP gateway: an SMS received, as a form or JSON',
    headers: z.object({ 'x-mwana-secret': optional('The shared secret') }),
    body: { contentTypes: ['application/json', ...FORM], schema },
    responses: {
      '200': { description: 'Stored', schema: z.object({ status: z.string() }).loose() },
      '401': plain('No secret'),
      ...refused,
    },
  };
};

const BY_TYPE: Readonly<Record<string, Describe>> = {
  kannel: KANNEL,
  twilio: TWILIO,
  africastalking: AFRICASTALKING,
  http: HTTP,
};

/** Every webhook route of every configured gateway, described with that gateway's field names. */
export function gatewayOperations(gateways: readonly Gateway[]): ApiOperation[] {
  return gateways.flatMap((gateway) =>
    Object.keys(gateway.routes).map((route): ApiOperation => {
      const [verb, action] = route.split(' ');
      const described = BY_TYPE[gateway.type]?.(gateway, action) ?? {
        summary: `The ${gateway.type} gateway's ${action} webhook`,
        responses: { '200': { description: 'Taken' } },
      };
      return {
        ...described,
        method: verb.toLowerCase() as ApiOperation['method'],
        path: `/backends/${gateway.name}/${action}`,
        operationId: `${gateway.name}-${action}`.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
        tags: ['gateways'],
        // Gateways authenticate with their own secret or signature, not a token.
        security: [],
      };
    }),
  );
}
