import { type ApiResponse, errorBody, idempotencyKeyHeaders, OpenApiRegistry } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { broadcastResult, sendBroadcastBody } from './broadcast-schemas';

const error = (description: string): ApiResponse => ({ description, schema: errorBody });

/** `POST /api/broadcasts` in the OpenAPI document, from the schemas the route validates with. */
@Injectable()
export class BroadcastOperations {
  constructor(registry: OpenApiRegistry) {
    registry.add({
      method: 'post',
      path: '/api/broadcasts',
      operationId: 'sendBroadcast',
      tags: ['messages'],
      summary: 'Queue a text to contacts by role and location, as one broadcast (scope send)',
      description:
        'One bulk message per recipient, recorded as one broadcast (its sent, delivered and failed counts on the console’s Broadcasts page). A location takes everything below it. `dryRun: true` only counts.',
      headers: idempotencyKeyHeaders,
      body: { schema: sendBroadcastBody },
      responses: {
        '201': { description: 'Queued: one message per recipient', schema: broadcastResult },
        '200': {
          description: 'A dry run, or this Idempotency-Key was used with this request before: what it queued',
          schema: broadcastResult,
        },
        '400': error('A bad body, an unknown role or location; nothing queued.'),
        '422': error(
          'Nobody matches, more recipients than broadcast.maxRecipients, or an Idempotency-Key used with another body; nothing queued.',
        ),
        '401': error('No console session and no valid API token.'),
        '403': error('A token without the send scope, or a session POST without its CSRF token.'),
        '429': {
          ...error('Too many requests from this token or address.'),
          headers: { 'retry-after': 'Seconds to wait' },
        },
      },
    });
  }
}
