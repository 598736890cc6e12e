import { z } from 'zod';
import { STAFF_TEXT_MAX } from './staff-broadcasts.service';

// POST /api/broadcasts: the route validates with these and the OpenAPI document is generated from them.

export const sendBroadcastBody = z
  .strictObject({
    to: z
      .strictObject({
        roles: z
          .array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/))
          .min(1)
          .max(20)
          .optional()
          .describe('Contacts with any of these roles (`mwana contacts roles`); absent: any role'),
        locationIds: z
          .array(z.number().int().positive())
          .min(1)
          .max(100)
          .optional()
          .describe(
            'Contacts at any of these locations or anywhere below them (a district: its clinics and zones); absent: everywhere',
          ),
      })
      .refine((to) => Object.keys(to).length > 0, 'name roles and/or locationIds')
      .describe('The active contacts matching both filters (at least one); hub and lab staff never'),
    text: z
      .string()
      .min(1)
      .max(STAFF_TEXT_MAX)
      .describe('Sent as written (sign it), split into SMS of the country length'),
    dryRun: z.boolean().default(false).describe('Only count: the recipients and segments, nothing queued or recorded'),
  })
  .meta({ id: 'SendBroadcast' });

export const broadcastResult = z
  .object({
    id: z
      .number()
      .int()
      .nullable()
      .describe('The broadcast record (the console’s Broadcasts page); null for a dry run'),
    label: z.string().describe('How the broadcast log names the audience'),
    recipients: z.number().int(),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    parts: z.number().int().describe('SMS per recipient'),
    segments: z.number().int().describe('Segments per recipient, all parts together'),
    totalSegments: z.number().int(),
    messageIds: z
      .array(z.string().regex(/^\d{1,18}$/))
      .describe('One per recipient (its first part): GET /api/messages/{id} for its status; empty for a dry run'),
    replayed: z.boolean().describe('True when this Idempotency-Key was used before: nothing new was queued'),
  })
  .meta({ id: 'BroadcastResult' });

export type SendBroadcastBody = z.output<typeof sendBroadcastBody>;
export type BroadcastResult = z.output<typeof broadcastResult>;
