import {
  ApiInputError,
  clientOf,
  Clock,
  ConsoleAccess,
  ConsoleAuthFilter,
  ConsoleAuthGuard,
  IDEMPOTENCY_KEY,
  idempotent,
  identityOf,
  parsed,
  sha256,
} from '@mwana/core';
import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpException,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TooManyRecipients } from '../groups/broadcaster.service';
import { type BroadcastResult, sendBroadcastBody } from './broadcast-schemas';
import { type Audience, AudienceError, StaffBroadcasts } from './staff-broadcasts.service';

/**
 * `POST /api/broadcasts` (scope send): a text to the contacts with any of some roles at or
 * below some locations, one bulk message each, recorded as one broadcast, as the console's
 * send form does. With an `Idempotency-Key` the same key (per token) queues once, racing
 * requests included; the same key with another body is refused (422).
 */
@Controller('api/broadcasts')
@UseGuards(ConsoleAuthGuard)
@UseFilters(ConsoleAuthFilter)
@ConsoleAccess({ apiTokens: true })
export class BroadcastsApiController {
  constructor(
    private readonly staff: StaffBroadcasts,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post()
  async send(
    @Body() raw: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: Parameters<typeof identityOf>[0],
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
  ): Promise<BroadcastResult> {
    const body = parsed(sendBroadcastBody, raw, 'body');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new BadRequestException({
        error: 'invalid',
        message: 'Idempotency-Key: 1 to 200 printable characters (a UUID is usual).',
      });
    }
    const audience: Audience = { roles: body.to.roles ?? [], locationIds: body.to.locationIds ?? [] };
    const client = clientOf(identityOf(request));
    try {
      const result = await this.dataSource.transaction(async (db) => {
        const count = async () => {
          const recipients = await this.staff.recipients(audience, db);
          return { recipients, preview: this.staff.preview(body.text, recipients.length) };
        };
        if (body.dryRun) {
          const { preview } = await count();
          const { needsConfirmation: _, ...figures } = preview;
          return { id: null, label: await this.staff.label(audience, db), ...figures, messageIds: [], replayed: false };
        }
        return idempotent(
          db,
          // The route is in the hash: a key used for POST /api/messages is not this request.
          { client, key, requestHash: sha256(`POST /api/broadcasts ${JSON.stringify(body)}`), now: this.clock.now() },
          async () => {
            const { recipients, preview } = await count();
            if (recipients.length === 0)
              throw new ApiInputError('Nobody matches this filter; nothing queued.', 422, 'no-recipients');
            const { needsConfirmation: _, ...figures } = preview;
            const sent = await this.staff.send({ audience, text: body.text, by: client, recipients }, db);
            return {
              id: sent.id,
              label: await this.staff.label(audience, db),
              ...figures,
              messageIds: sent.messageIds,
            };
          },
        );
      });
      reply.status(result.replayed || body.dryRun ? 200 : 201);
      return result;
    } catch (error) {
      if (error instanceof ApiInputError)
        throw new HttpException({ error: error.code, message: error.message }, error.status);
      if (error instanceof AudienceError) throw new BadRequestException({ error: 'invalid', message: error.message });
      if (error instanceof TooManyRecipients)
        throw new HttpException({ error: 'too-many-recipients', message: error.message }, 422);
      throw error;
    }
  }
}
