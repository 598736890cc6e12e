import { idempotencyKeyHeaders } from './idempotency';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { INBOUND_STATUSES, OUTBOUND_STATUSES } from '../message-log/message.entity';
import { testerSendBody, testerThreadQuery } from '../tester/tester.controller';
import {
  errorBody,
  messageDetail,
  messageIdParams,
  messagePage,
  messagesQuery,
  sendMessageBody,
  sendResult,
} from './message-schemas';
import { CONTACT_OPERATIONS } from './contact-schemas';
import { type ApiOperation, type ApiResponse, OpenApiRegistry } from './openapi-registry';

const STATUSES = [...INBOUND_STATUSES, ...OUTBOUND_STATUSES] as const;
const error = (description: string): ApiResponse => ({ description, schema: errorBody });
const denied = {
  '401': error('No console session and no valid API token.'),
  '403': error(
    'A token without the scope this route needs (read for GET, send for POST), or a session POST without its CSRF token.',
  ),
  '429': { ...error('Too many requests from this token or address.'), headers: { 'retry-after': 'Seconds to wait' } },
};

const testerMessage = z
  .object({
    id: z.string(),
    direction: z.enum(['in', 'out']),
    text: z.string(),
    status: z.enum(STATUSES),
    app: z.string().nullable(),
    inResponseToId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TesterMessage' });
const testerParams = z.strictObject({ name: z.string().describe('A configured gateway of type tester') });

const health = z
  .object({
    status: z.enum(['ok', 'degraded', 'unavailable']),
    country: z.string(),
    environment: z.string(),
    role: z.string(),
    version: z.string(),
    database: z.object({
      reachable: z.boolean(),
      engine: z.enum(['postgresql', 'embedded']),
      latencyMs: z.number().optional(),
      error: z.string().optional(),
    }),
    migrations: z.object({ current: z.boolean(), pending: z.array(z.string()) }),
    spool: z.object({ pending: z.number(), path: z.string() }).optional(),
  })
  .meta({ id: 'Health' });

/** Core's own routes: the message API, the tester, the health check and this document. */
export const CORE_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/api/messages',
    operationId: 'listMessages',
    tags: ['messages'],
    summary: 'Messages, newest first (or oldest first with order=asc), filtered, paged by cursor',
    query: messagesQuery,
    responses: {
      '200': { description: 'A page of messages', schema: messagePage },
      '400': error('A bad query; `message` says which field.'),
      ...denied,
    },
  },
  {
    method: 'post',
    path: '/api/messages',
    operationId: 'sendMessages',
    tags: ['messages'],
    summary: 'Queue a text to phones, contacts, or contacts by role and location (scope send)',
    headers: idempotencyKeyHeaders,
    body: { schema: sendMessageBody },
    responses: {
      '201': { description: 'Queued: one message per recipient', schema: sendResult },
      '200': {
        description: 'This Idempotency-Key was used with this request before: what it queued',
        schema: sendResult,
      },
      '400': error('A bad body, a phone that is not a number, an unknown contact or gateway; nothing queued.'),
      '422': error('This Idempotency-Key was used with another body; nothing queued.'),
      ...denied,
    },
  },
  {
    method: 'get',
    path: '/api/messages/{id}',
    operationId: 'getMessage',
    tags: ['messages'],
    summary: 'One message with its parts and the status history of each (scope read)',
    params: messageIdParams,
    responses: {
      '200': { description: 'The message', schema: messageDetail },
      '400': error('Not a message id.'),
      '404': error('No such message.'),
      ...denied,
    },
  },
  {
    method: 'post',
    path: '/backends/{name}/messages',
    operationId: 'testerSend',
    tags: ['tester'],
    summary: 'Send an SMS as a phone through the message tester',
    params: testerParams,
    body: { schema: testerSendBody },
    responses: {
      '201': {
        description:
          'Stored (and, with MWANA_ROLE=all, routed: the replies are there; with api they come later, so poll the thread)',
        schema: z
          .object({ phone: z.string(), message: testerMessage, replies: z.array(testerMessage) })
          .meta({ id: 'TesterSent' }),
      },
      '400': error('A bad body.'),
      '404': error('No tester gateway has this name.'),
      ...denied,
    },
  },
  {
    method: 'get',
    path: '/backends/{name}/messages',
    operationId: 'testerThread',
    tags: ['tester'],
    summary: "One phone's thread on this gateway, oldest first",
    params: testerParams,
    query: testerThreadQuery,
    responses: {
      '200': {
        description: 'The thread',
        schema: z.object({ phone: z.string(), messages: z.array(testerMessage) }).meta({ id: 'TesterThread' }),
      },
      '400': error('A bad query.'),
      '404': error('No tester gateway has this name.'),
      ...denied,
    },
  },
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    tags: ['operations'],
    summary: 'Whether the database answers and no migration is pending',
    security: [],
    responses: {
      '200': {
        description: 'Healthy, or degraded: inbound SMS are spooled locally while the database is out of reach',
        schema: health,
      },
      '503': { description: 'The database is unreachable or a migration is pending', schema: health },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    tags: ['operations'],
    summary: 'This document',
    security: [],
    responses: { '200': { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } },
  },
];

/** Registers core's routes; the gateways' are added per configured gateway (`gatewayOperations`). */
@Injectable()
export class CoreOperations {
  constructor(registry: OpenApiRegistry) {
    registry.add(...CORE_OPERATIONS, ...CONTACT_OPERATIONS);
  }
}
