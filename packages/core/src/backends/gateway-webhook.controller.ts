import {
  Controller,
  Get,
  InternalServerErrorException,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { coerceStrings } from '../config/config-layers';
import { MwanaConfig } from '../config/mwana-config';
import { BackendTypeMeta, type SmsBackendAdapter } from './backend';
import { backendsConfig } from './backends.config';
import { type GatewayRoutes, GatewayWebhooksMeta, type WebhookRoute } from './gateway-webhooks';

interface Resolved {
  readonly routes: Readonly<Record<string, WebhookRoute<unknown>>>;
  readonly options: unknown;
}

/**
 * `/backends/<name>/<action>` for every gateway: finds the gateway configured under that
 * name, parses its options with its type's schema and hands the request to that type's
 * route. 404 when the name is not configured or its type has no such route.
 */
@Controller('backends/:name')
export class GatewayWebhookController {
  private resolved: Map<string, Resolved | Error> | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: MwanaConfig,
  ) {}

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
    const gateway = this.gateways().get(name);
    // Answer 500 rather than 404 for a misconfigured gateway: the operator should see it.
    if (gateway instanceof Error) throw new InternalServerErrorException(gateway.message);
    const handler = gateway?.routes[route];
    if (!gateway || !handler) throw new NotFoundException(`No gateway route ${route} for "${name}"`);
    const answer = await handler({ name, options: gateway.options, request });
    if (answer.contentType) void reply.type(answer.contentType);
    await reply.code(answer.status).send(answer.body ?? '');
  }

  /** Built on first use: discovery has every provider by then, and config never changes. */
  private gateways(): Map<string, Resolved | Error> {
    if (this.resolved) return this.resolved;
    const adapters = this.byType<SmsBackendAdapter>(BackendTypeMeta);
    const webhooks = this.byType<GatewayRoutes<unknown>>(GatewayWebhooksMeta);
    const resolved = new Map<string, Resolved | Error>();
    for (const [name, { type, ...raw }] of Object.entries(this.config.section(backendsConfig).gateways)) {
      const adapter = adapters.get(type);
      const routes = webhooks.get(type);
      if (!adapter || !routes) continue;
      const parsed = adapter.options.safeParse(coerceStrings(raw, adapter.options));
      resolved.set(
        name,
        parsed.success
          ? { routes: routes.routes, options: parsed.data }
          : new Error(`backends.gateways.${name} is invalid: ${parsed.error.message}`),
      );
    }
    this.resolved = resolved;
    return resolved;
  }

  private byType<T>(decorator: typeof BackendTypeMeta): Map<string, T> {
    const found = new Map<string, T>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: decorator.KEY })) {
      found.set(this.discovery.getMetadataByDecorator(decorator, wrapper) as string, wrapper.instance as T);
    }
    return found;
  }
}
