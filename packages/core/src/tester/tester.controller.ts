import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { ConsoleAccess, ConsoleAuthGuard } from '../console/console-auth';
import { ConsoleAuthFilter } from '../console/console-auth.filter';
import {
  MAX_TEXT,
  TesterError,
  TesterErrorCode,
  type TesterMessage,
  type TesterSent,
  TesterService,
} from './tester.service';

export const testerSendBody = z.object({
  phone: z.string().trim().min(1).max(64),
  text: z.string().min(1).max(MAX_TEXT),
});
export const testerThreadQuery = z.object({
  phone: z.string().trim().min(1).max(64),
  after: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The message tester for scripts and for the console's tester page: type an SMS as any
 * phone through a `tester` gateway, read that phone's thread. It injects messages into the
 * live system, so it needs a console session (and its CSRF token on POST) or an API token,
 * as RapidSMS's httptester needed a login.
 */
@Controller('backends/:name/messages')
@UseGuards(ConsoleAuthGuard)
@UseFilters(ConsoleAuthFilter)
@ConsoleAccess({ apiTokens: true })
export class TesterController {
  constructor(private readonly tester: TesterService) {}

  /** `{ "phone": "+260977000001", "text": "ECHO hi" }` -> the stored message and its replies so far. */
  @Post()
  @HttpCode(201)
  async send(@Param('name') name: string, @Body() body: unknown): Promise<TesterSent> {
    const input = parse(testerSendBody, body);
    return this.translate(() => this.tester.send(name, input.phone, input.text));
  }

  /** `?phone=...[&after=<id>][&limit=50]` -> that phone's messages on this gateway, oldest first. */
  @Get()
  async thread(
    @Param('name') name: string,
    @Query() query: unknown,
  ): Promise<{ phone: string; messages: TesterMessage[] }> {
    const input = parse(testerThreadQuery, query);
    return this.translate(() => this.tester.thread(name, input.phone, { after: input.after, limit: input.limit }));
  }

  private async translate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TesterError) {
        if (error.code === TesterErrorCode.UnknownGateway)
          throw new NotFoundException({ error: error.code, message: error.message });
        throw new BadRequestException({ error: error.code, message: error.message });
      }
      throw error;
    }
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new BadRequestException({
      error: 'invalid',
      message: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  }
  return result.data;
}
