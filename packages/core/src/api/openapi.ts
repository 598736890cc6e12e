import { INBOUND_STATUSES, OUTBOUND_STATUSES } from '../message-log/message.entity';
import { SESSION_COOKIE } from '../console/console-sessions.service';

const STATUSES = [...INBOUND_STATUSES, ...OUTBOUND_STATUSES];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string) => ({ type: [type, 'null'] });
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const json = (schema: Record<string, unknown>, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': json(ref('Error'), 'The query or body is not valid; `message` says which field.'),
  '401': json(ref('Error'), 'No console session and no valid API token.'),
};
const SECURITY = [{ bearer: [] }, { session: [] }];

/**
 * OpenAPI 3.1 of what scripts may call: the message log and the message tester. Written by
 * hand, next to the routes it describes (the statuses come from the entity, so they stay true).
 */
export function openApiDocument(options: { title: string; serverUrl?: string }): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: '1.0.0',
      description:
        'Every SMS in and out, and the message tester. Authenticate with `Authorization: Bearer <token>` (config `console.apiTokens`) or a console session cookie; with a session, POSTs also need the `X-CSRF-Token` header.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    security: SECURITY,
    paths: {
      '/api/messages': {
        get: {
          operationId: 'listMessages',
          summary: 'Messages, newest first (or oldest first with order=asc), filtered, paged by cursor',
          parameters: [
            query('phone', 'A phone number in any writing (0977123456, +260977123456), or some of its digits'),
            query('direction', 'in (received) or out (sent)', { type: 'string', enum: ['in', 'out'] }),
            query('status', 'The message status', { type: 'string', enum: STATUSES }),
            query('app', 'The app that handled (in) or sent (out) the message'),
            query('text', 'Text the message contains, any case'),
            query('since', 'Created at or after (ISO 8601 with offset)', { type: 'string', format: 'date-time' }),
            query('until', 'Created before (ISO 8601 with offset)', { type: 'string', format: 'date-time' }),
            query('cursor', 'The `next` of the previous page'),
            query('limit', 'Messages per page', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
            query('order', 'desc: newest first; asc: oldest first (to follow new messages)', {
              type: 'string',
              enum: ['desc', 'asc'],
              default: 'desc',
            }),
          ],
          responses: { '200': json(ref('MessagePage'), 'A page of messages'), ...errors },
        },
      },
      '/backends/{name}/messages': {
        parameters: [
          {
            name: 'name',
            in: 'path',
            required: true,
            description: 'A configured gateway of type tester',
            schema: { type: 'string' },
          },
        ],
        post: {
          operationId: 'testerSend',
          summary: 'Send an SMS as a phone through the message tester',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['phone', 'text'],
                  properties: {
                    phone: { type: 'string', examples: ['+260977000001'] },
                    text: { type: 'string', maxLength: 1600, examples: ['ECHO hi'] },
                  },
                },
              },
            },
          },
          responses: {
            '201': json(
              ref('TesterSent'),
              'Stored (and, with MWANA_ROLE=all, routed: the replies are there; with api they come later, so poll the thread)',
            ),
            ...errors,
            '403': json(ref('Error'), 'A session without its CSRF token'),
            '404': json(ref('Error'), 'No tester gateway has this name'),
          },
        },
        get: {
          operationId: 'testerThread',
          summary: "One phone's thread on this gateway, oldest first",
          parameters: [
            { ...query('phone', 'The phone, in any writing'), required: true },
            query('after', 'Only messages with a greater id (poll with the last id you have)'),
            query('limit', 'At most this many (the latest ones without `after`)', {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 50,
            }),
          ],
          responses: {
            '200': json(ref('TesterThread'), 'The thread'),
            ...errors,
            '404': json(ref('Error'), 'No tester gateway has this name'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from config `console.apiTokens`' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'A console login (POST needs X-CSRF-Token too)',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string' }, message: { type: 'string' } },
        },
        Message: {
          type: 'object',
          required: ['id', 'direction', 'status', 'text', 'phone', 'backend', 'createdAt'],
          properties: {
            id: { type: 'string', description: 'Increasing; a string as it may exceed 2^53' },
            direction: { type: 'string', enum: ['in', 'out'] },
            status: { type: 'string', enum: STATUSES },
            text: { type: 'string' },
            connectionId: { type: 'integer' },
            phone: { type: 'string', description: 'E.164 for phone numbers' },
            backend: { type: 'string' },
            contactId: nullable('integer'),
            contactName: nullable('string'),
            app: { ...nullable('string'), description: 'The app that handled (in) or sent (out) it' },
            handler: nullable('string'),
            inResponseToId: nullable('string'),
            error: nullable('string'),
            encoding: { type: ['string', 'null'], enum: ['GSM-7', 'UCS-2', null] },
            segments: nullable('integer'),
            createdAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        MessagePage: {
          type: 'object',
          required: ['messages', 'next'],
          properties: {
            messages: { type: 'array', items: ref('Message') },
            next: { ...nullable('string'), description: 'Pass as `cursor` for the next page; null on the last' },
          },
        },
        TesterMessage: {
          type: 'object',
          required: ['id', 'direction', 'text', 'status', 'createdAt'],
          properties: {
            id: { type: 'string' },
            direction: { type: 'string', enum: ['in', 'out'] },
            text: { type: 'string' },
            status: { type: 'string', enum: STATUSES },
            app: nullable('string'),
            inResponseToId: nullable('string'),
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
        TesterSent: {
          type: 'object',
          required: ['phone', 'message', 'replies'],
          properties: {
            phone: { type: 'string' },
            message: ref('TesterMessage'),
            replies: { type: 'array', items: ref('TesterMessage') },
          },
        },
        TesterThread: {
          type: 'object',
          required: ['phone', 'messages'],
          properties: { phone: { type: 'string' }, messages: { type: 'array', items: ref('TesterMessage') } },
        },
      },
    },
  };
}
