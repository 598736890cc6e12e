import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ConsoleAccess, ConsoleAuthGuard } from '../console/console-auth';
import { ConsoleAuthFilter } from '../console/console-auth.filter';
import { ContactsAdmin, type ContactRecord } from '../contacts/contacts-admin.service';
import { ContactsError, ContactsErrorCode } from '../contacts/contacts.error';
import { type ApiContact, contactBody, contactIdParams, contactPatch, contactsQuery } from './contact-schemas';
import { parsed } from './messages-api.controller';

const shown = (c: ContactRecord): ApiContact => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** A contacts error as an HTTP answer: 404 for none, 409 for a phone someone has, else 400. */
function answered(error: unknown): never {
  if (error instanceof ContactsError) {
    const status =
      error.code === ContactsErrorCode.NotFound ? 404 : error.code === ContactsErrorCode.PhoneTaken ? 409 : 400;
    throw new HttpException({ error: error.code, message: error.message }, status);
  }
  throw error;
}

/**
 * Contacts for programmes that onboard staff from their own systems (described in
 * /api/openapi.json), through `ContactsAdmin` on the contacts contract. Reading needs the
 * token's `read` scope; creating, changing and deactivating its `admin` scope.
 */
@Controller('api/contacts')
@UseGuards(ConsoleAuthGuard)
@UseFilters(ConsoleAuthFilter)
@ConsoleAccess({ apiTokens: true })
export class ContactsApiController {
  constructor(private readonly admin: ContactsAdmin) {}

  @Get()
  async list(@Query() raw: unknown): Promise<{ contacts: ApiContact[]; next: string | null }> {
    const q = parsed(contactsQuery, raw, 'query');
    const { contacts, more } = await this.admin.page(
      {
        roles: q.role ? [q.role] : undefined,
        locationIds: q.locationId ? [q.locationId] : undefined,
        includeInactive: q.inactive === 'true',
      },
      { afterId: q.cursor ?? 0, limit: q.limit },
    );
    return {
      contacts: contacts.map(shown),
      next: more ? String(contacts[contacts.length - 1].id) : null,
    };
  }

  @Get(':id')
  async one(@Param() raw: unknown): Promise<ApiContact> {
    const { id } = parsed(contactIdParams, raw, 'path');
    const found = await this.admin.get(id);
    if (!found) throw new NotFoundException({ error: 'not-found', message: `No contact #${id}.` });
    return shown(found);
  }

  @Post()
  @ConsoleAccess({ apiTokens: true, scope: 'admin' })
  async create(@Body() raw: unknown): Promise<ApiContact> {
    const body = parsed(contactBody, raw, 'body');
    return shown(await this.admin.create(body).catch(answered));
  }

  @Patch(':id')
  @ConsoleAccess({ apiTokens: true, scope: 'admin' })
  async update(@Param() rawParams: unknown, @Body() raw: unknown): Promise<ApiContact> {
    const { id } = parsed(contactIdParams, rawParams, 'path');
    const patch = parsed(contactPatch, raw, 'body');
    return shown(await this.admin.update(id, patch).catch(answered));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ConsoleAccess({ apiTokens: true, scope: 'admin' })
  async deactivate(@Param() raw: unknown): Promise<ApiContact> {
    const { id } = parsed(contactIdParams, raw, 'path');
    return shown(await this.admin.deactivate(id).catch(answered));
  }
}
