import { BadRequestException, Controller, Get, Query, UseFilters, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ConsoleAccess, ConsoleAuthGuard } from '../console/console-auth';
import { ConsoleAuthFilter } from '../console/console-auth.filter';
import { type MessageRow, MessageSearchService } from '../console/message-search.service';
import { INBOUND_STATUSES, OUTBOUND_STATUSES } from '../message-log/message.entity';

export const messagesQuery = z.strictObject({
  phone: z.string().trim().min(1).max(64).optional(),
  direction: z.enum(['in', 'out']).optional(),
  status: z.enum([...INBOUND_STATUSES, ...OUTBOUND_STATUSES]).optional(),
  app: z.string().trim().min(1).max(60).optional(),
  text: z.string().trim().min(1).max(200).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "a cursor from a previous page's `next`")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  order: z.enum(['desc', 'asc']).default('desc'),
});

/** A message as the API shows it: times in ISO 8601 UTC. */
export type ApiMessage = Omit<MessageRow, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

/**
 * The message log for scripts and external test suites (described in /api/openapi.json):
 * a console session or an API token (`Authorization: Bearer`, config `console.apiTokens`).
 */
@Controller('api/messages')
@UseGuards(ConsoleAuthGuard)
@UseFilters(ConsoleAuthFilter)
@ConsoleAccess({ apiTokens: true })
export class MessagesApiController {
  constructor(private readonly search: MessageSearchService) {}

  @Get()
  async list(@Query() raw: unknown): Promise<{ messages: ApiMessage[]; next: string | null }> {
    const parsed = messagesQuery.safeParse(raw ?? {});
    if (!parsed.success) {
      throw new BadRequestException({
        error: 'invalid',
        message: parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '),
      });
    }
    const q = parsed.data;
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
        createdAt: m.createdAt.toISOString(),
        updatedAt: m.updatedAt.toISOString(),
      })),
      next: page.next,
    };
  }
}
