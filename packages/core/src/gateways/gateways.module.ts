import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { BUILT_IN_GATEWAYS } from './built-in-gateways';
import { CallbackUrls } from './callback-urls';
import type { GatewayDefinition } from './gateway';
import { GATEWAY_DEFINITIONS, GatewayRegistry } from './gateway.registry';
import { GatewayWebhookController } from './gateway-webhook.controller';

/**
 * The gateways: core's types (Kannel, Twilio, Africa's Talking, a generic HTTP one, the
 * tester) and any the country adds, each type's sender and webhooks, the one registry of
 * configured gateways, and the one controller under `/backends/<name>/...`. What the
 * webhooks hand on (`GatewayInbox`, `GatewayReports`) messaging and the outbox provide.
 */
@Module({})
export class GatewaysModule {
  static forRoot(extra: readonly GatewayDefinition[] = []): DynamicModule {
    const definitions = [...BUILT_IN_GATEWAYS, ...extra];
    const adapters: Provider[] = definitions.flatMap((d) => [
      d.sender,
      ...(d.webhooks ? [d.webhooks] : []),
      ...(d.providers ?? []),
    ]);
    return {
      module: GatewaysModule,
      global: true,
      controllers: [GatewayWebhookController],
      providers: [
        { provide: GATEWAY_DEFINITIONS, useValue: definitions },
        CallbackUrls,
        GatewayRegistry,
        ...new Set(adapters),
      ],
      exports: [GatewayRegistry, CallbackUrls],
    };
  }
}
