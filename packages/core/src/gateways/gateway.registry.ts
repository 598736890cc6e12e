import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MwanaConfig } from '../config/mwana-config';
import type { GatewayDefinition, GatewaySender } from './gateway';
import type { WebhookRoute } from './gateway-webhooks';
import { gatewaysConfig } from './gateways.config';

/** The gateway types a country's core composes (core's own, and any the country adds). */
export const GATEWAY_DEFINITIONS = Symbol('GATEWAY_DEFINITIONS');

/** One configured gateway: its name, its type's adapters and its options, validated by the config chain. */
export interface Gateway {
  readonly name: string;
  readonly type: string;
  readonly options: unknown;
  readonly sender: GatewaySender;
  /** Its type's webhooks by `<METHOD> <action>` (none for a type that only sends). */
  readonly routes: Readonly<Record<string, WebhookRoute<unknown>>>;
}

/**
 * Every configured gateway, built once at boot from `backends.gateways` (already validated
 * by the config chain against each type's schema) and the types' definitions. The sender
 * sends through it and the webhook controller answers through it: one registry for both.
 */
@Injectable()
export class GatewayRegistry implements OnModuleInit {
  private readonly byName = new Map<string, Gateway>();

  constructor(
    private readonly config: MwanaConfig,
    private readonly moduleRef: ModuleRef,
    @Inject(GATEWAY_DEFINITIONS) private readonly definitions: readonly GatewayDefinition[],
  ) {}

  onModuleInit(): void {
    const types = new Map(this.definitions.map((d) => [d.type, d]));
    for (const [name, { type, ...options }] of Object.entries(this.config.section(gatewaysConfig).gateways)) {
      const definition = types.get(type);
      // The chain only lets through types whose schema it was given; these are the ones composed.
      if (!definition) throw new Error(`backends.gateways.${name}: gateway type "${type}" is not composed in this app`);
      const sender = this.moduleRef.get<GatewaySender>(definition.sender, { strict: false });
      const routes = definition.webhooks ? this.moduleRef.get(definition.webhooks, { strict: false }).routes : {};
      this.byName.set(name, { name, type, options, sender, routes: routes as Gateway['routes'] });
    }
  }

  /** The gateway configured under this name. */
  get(name: string): Gateway | undefined {
    return this.byName.get(name);
  }

  /** Every configured gateway, in config order. */
  all(): Gateway[] {
    return [...this.byName.values()];
  }

  /** The names of the configured gateways (of one type), in config order. */
  names(type?: string): string[] {
    return [...this.byName.values()].filter((g) => type === undefined || g.type === type).map((g) => g.name);
  }
}
