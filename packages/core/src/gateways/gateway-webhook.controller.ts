import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRegistry } from './gateway.registry';

/**
 * `/backends/<name>/<action>` for every gateway: finds the gateway configured under that
 * name in the registry and hands the request, with its options, to that type's route.
 * 404 when the name is not configured or its type has no such route.
 */
@Controller('backends/:name')
export class GatewayWebhookController {
  constructor(private readonly registry: GatewayRegistry) {}

  @Get(':action')
  get(
    @Param('name') name: string,
    @Param('action') action: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.dispatch(`GET ${action}`, name, request, reply);
  }

  @Post(':action')
  post(
    @Param('name') name: string,
    @Param('action') action: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.dispatch(`POST ${action}`, name, request, reply);
  }

  private async dispatch(route: string, name: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const gateway = this.registry.get(name);
    const handler = gateway?.routes[route];
    if (!gateway || !handler) throw new NotFoundException(`No gateway route ${route} for "${name}"`);
    const answer = await handler({ name, options: gateway.options, request });
    if (answer.contentType) void reply.type(answer.contentType);
    await reply.code(answer.status).send(answer.body ?? '');
  }
}
