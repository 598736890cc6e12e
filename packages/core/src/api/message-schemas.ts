import { z } from 'zod';
import { INBOUND_STATUSES, OUTBOUND_STATUSES } from '../message-log/message.entity';

// The messaging API's shapes: the routes validate with these, and the OpenAPI document is
// generated from them (`openapi.ts`), so the two cannot disagree.

const STATUSES = [...INBOUND_STATUSES, ...OUTBOUND_STATUSES] as const;
const id = z.string().regex(/^\d{1,18}$/);
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const errorBody = z.object({ error: z.string(), message: z.string() }).meta({
  id: 'Error',
  description: '`error` is a short code (invalid, unauthorized, forbidden ...); `message` says why.',
});

export const messagesQuery = z.strictObject({
  phone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('A phone number in any writing (0977123456, +260977123456), or some of its digits'),
  direction: z.enum(['in', 'out']).optional().describe('in (received) or out (sent)'),
  status: z.enum(STATUSES).optional().describe('The message status'),
  app: z.string().trim().min(1).max(60).optional().describe('The app that handled (in) or sent (out) the message'),
  text: z.string().trim().min(1).max(200).optional().describe('Text the message contains, any case'),
  since: z.iso.datetime({ offset: true }).optional().describe('Created at or after (ISO 8601 with offset)'),
  until: z.iso.datetime({ offset: true }).optional().describe('Created before (ISO 8601 with offset)'),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "a cursor from a previous page's `next`")
    .optional()
    .describe('The `next` of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Messages per page'),
  order: z
    .enum(['desc', 'asc'])
    .default('desc')
    .describe('desc: newest first; asc: oldest first (to follow new messages)'),
});

export const message = z
  .object({
    id: id.describe('Increasing; a string as it may exceed 2^53'),
    direction: z.enum(['in', 'out']),
    status: z.enum(STATUSES).describe("Of a split text: its first part's (each part's is in GET /api/messages/{id})"),
    text: z.string().describe("As the message log keeps it; a split text's parts joined by a space"),
    connectionId: z.number().int(),
    phone: z.string().describe('E.164 for phone numbers'),
    backend: z.string(),
    contactId: nullable(z.number().int()),
    contactName: nullable(z.string()),
    app: nullable(z.string()).describe('The app that handled (in) or sent (out) it'),
    handler: nullable(z.string()),
    inResponseToId: nullable(id),
    error: nullable(z.string()),
    encoding: nullable(z.enum(['GSM-7', 'UCS-2'])),
    segments: nullable(z.number().int()).describe('SMS segments, all parts together'),
    parts: z.number().int().min(1).describe('The SMS the text was split into'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Message' });

export const messagePage = z
  .object({
    messages: z.array(message),
    next: nullable(z.string()).describe('Pass as `cursor` for the next page; null on the last'),
  })
  .meta({ id: 'MessagePage' });

export const messageIdParams = z.strictObject({ id: id.describe('A message id (a later part answers its message)') });

export const messageDetail = z
  .object({
    id,
    direction: z.enum(['in', 'out']),
    phone: z.string(),
    backend: z.string(),
    contactId: nullable(z.number().int()),
    contactName: nullable(z.string()),
    app: nullable(z.string()),
    inResponseToId: nullable(id),
    createdAt: z.iso.datetime(),
    parts: z
      .array(
        z.object({
          id,
          part: nullable(z.number().int().min(1)).describe('From 1; null for a message of one SMS'),
          text: z.string(),
          status: z.enum(STATUSES),
          error: nullable(z.string()),
          encoding: nullable(z.string()),
          segments: nullable(z.number().int()),
          sentAt: nullable(z.iso.datetime()),
          deliveredAt: nullable(z.iso.datetime()),
          failedAt: nullable(z.iso.datetime()),
        }),
      )
      .describe('The SMS it went out as, first part first'),
    history: z
      .array(
        z.object({
          messageId: id.describe('The part this status is of'),
          status: z.enum(STATUSES),
          at: z.iso.datetime(),
          detail: nullable(z.string()).describe("A failure's or retry's reason"),
        }),
      )
      .describe('Every status change of every part, oldest first'),
  })
  .meta({ id: 'MessageDetail' });

export const sendMessageBody = z
  .strictObject({
    to: z
      .strictObject({
        phones: z.array(z.string().trim().min(3).max(64)).min(1).max(1000).optional(),
        contactIds: z.array(z.number().int().positive()).min(1).max(1000).optional(),
        roles: z.array(z.string().trim().min(1).max(40)).min(1).max(20).optional(),
        locationIds: z.array(z.number().int().positive()).min(1).max(5000).optional(),
      })
      .refine((to) => Object.keys(to).length > 0, 'name phones, contactIds, or roles and/or locationIds')
      .describe(
        'Phones, contacts, and the active contacts with any of `roles` at any of `locationIds` (both when both are given); each recipient once',
      ),
    text: z.string().min(1).max(1600).describe('Sent as written, split into SMS of the country length'),
    gateway: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .optional()
      .describe('For a phone that never wrote: the gateway to send through (default: the first configured)'),
  })
  .meta({ id: 'SendMessage' });

export const sendResult = z
  .object({
    messages: z
      .array(z.object({ id, phone: z.string(), contactId: nullable(z.number().int()), parts: z.number().int() }))
      .describe('One per recipient: the message id (its first part), GET /api/messages/{id} for its status'),
    replayed: z.boolean().describe('True when this Idempotency-Key was used before: nothing new was queued'),
  })
  .meta({ id: 'SendResult' });

export type SendMessageBody = z.output<typeof sendMessageBody>;
export type SendResult = z.output<typeof sendResult>;

/** A zod failure as a 400's message: each field and what is wrong with it. */
export function describeIssues(error: z.ZodError, where = 'body'): string {
  return error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`).join('; ');
}
