import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpException,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { clientOf, ConsoleAccess, ConsoleAuthGuard, identityOf } from '../console/console-auth';
import { ConsoleAuthFilter } from '../console/console-auth.filter';
import { MessageSearchService } from '../console/message-search.service';
import { MessageHistoryRepository } from '../message-log/message-history.repository';
import { ApiInputError, ApiMessageSender } from './message-sender.service';
import {
  describeIssues,
  type message,
  type messageDetail,
  messageIdParams,
  messagesQuery,
  sendMessageBody,
  type SendResult,
} from './message-schemas';

export { messagesQuery } from './message-schemas';

/** A message as the API shows it: times in ISO 8601 UTC. */
export type ApiMessage = z.output<typeof message>;

/** Parses with a route's schema; a 400 naming each bad field otherwise. */
export function parsed<T extends z.ZodType>(schema: T, raw: unknown, where: string): z.output<T> {
  const result = schema.safeParse(raw ?? {});
  if (!result.success)
    throw new BadRequestException({ error: 'invalid', message: describeIssues(result.error, where) });
  return result.data;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The message log and sending for scripts and other systems (described in /api/openapi.json):
 * a console session or an API token (`Authorization: Bearer`, `mwana api-token add`);
 * GET needs the token's `read` scope, POST its `send` scope.
 */
@Controller('api/messages')
@UseGuards(ConsoleAuthGuard)
@UseFilters(ConsoleAuthFilter)
@ConsoleAccess({ apiTokens: true })
export class MessagesApiController {
  constructor(
    private readonly search: MessageSearchService,
    private readonly history: MessageHistoryRepository,
    private readonly sender: ApiMessageSender,
  ) {}

  @Get()
  async list(@Query() raw: unknown): Promise<{ messages: ApiMessage[]; next: string | null }> {
    const q = parsed(messagesQuery, raw, 'query');
    const page = await this.search.search(
      {
        phone: q.phone,
        direction: q.direction,
        status: q.status,
        app: q.app,
        text: q.text,
        since: q.since ? new Date(q.since) : undefined,
        until: q.until ? new Date(q.until) : undefined,
      },
      { cursor: q.cursor, limit: q.limit, order: q.order },
    );
    return {
      messages: page.messages.map((m) => ({
        ...m,
        encoding: m.encoding as ApiMessage['encoding'],
        createdAt: m.createdAt.toISOString(),
        updatedAt: m.updatedAt.toISOString(),
      })),
      next: page.next,
    };
  }

  @Get(':id')
  async one(@Param() raw: unknown): Promise<z.output<typeof messageDetail>> {
    const { id } = parsed(messageIdParams, raw, 'path');
    const found = await this.history.find(id);
    if (!found) throw new NotFoundException({ error: 'not-found', message: `No message ${id}.` });
    return {
      id: found.id,
      direction: found.direction,
      phone: found.phone,
      backend: found.backend,
      contactId: found.contactId,
      contactName: found.contactName,
      app: found.app,
      inResponseToId: found.inResponseToId,
      createdAt: found.createdAt.toISOString(),
      parts: found.parts.map((p) => ({
        ...p,
        sentAt: iso(p.sentAt),
        deliveredAt: iso(p.deliveredAt),
        failedAt: iso(p.failedAt),
      })),
      history: found.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    };
  }

  @Post()
  async send(
    @Body() raw: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SendResult> {
    const body = parsed(sendMessageBody, raw, 'body');
    if (key !== undefined && !KEY.test(key)) {
      throw new BadRequestException({
        error: 'invalid',
        message: 'Idempotency-Key: 1 to 200 printable characters (a UUID is usual).',
      });
    }
    try {
      const result = await this.sender.send(clientOf(identityOf(request)), key, body);
      void reply.status(result.replayed ? 200 : 201);
      return result;
    } catch (error) {
      if (error instanceof ApiInputError) {
        throw new HttpException({ error: error.code, message: error.message }, error.status);
      }
      throw error;
    }
  }
}
