import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { MwanaConfig } from '../config/mwana-config';
import { OutgoingHooks } from '../outbox/outgoing-hooks';
import { SmsAppMeta, type SmsAppOptions } from './decorators';
import type { OutgoingMessage } from '../outbox/outbound-text';
import type { SmsAppHooks } from './hooks';
import { routerConfig } from './router.config';

export interface RegisteredApp {
  readonly name: string;
  readonly hooks: SmsAppHooks;
  readonly options: SmsAppOptions;
}

/**
 * The SMS apps in the order their hooks run, found through discovery once at boot: apps
 * positioned `first`, then those `router.order` names (in that order), then the others in
 * the order their modules were imported, then those positioned `last`. Their outgoing hooks
 * go to the outbox, which runs them, in reverse order, on every message it writes.
 */
@Injectable()
export class AppRegistry implements OnApplicationBootstrap {
  private ordered: RegisteredApp[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: MwanaConfig,
    private readonly outgoing: OutgoingHooks,
  ) {}

  get apps(): readonly RegisteredApp[] {
    return this.ordered;
  }

  onApplicationBootstrap(): void {
    const order = this.config.section(routerConfig).order;
    const found = this.discovery.getProviders({ metadataKey: SmsAppMeta.KEY }).map((wrapper): RegisteredApp => {
      const options = this.discovery.getMetadataByDecorator(SmsAppMeta, wrapper) as SmsAppOptions;
      return { name: options.name, hooks: wrapper.instance as SmsAppHooks, options };
    });
    const names = new Set<string>();
    for (const app of found) {
      if (names.has(app.name)) throw new Error(`Two SMS apps are named "${app.name}"`);
      names.add(app.name);
    }
    const unknown = order.filter((name) => !names.has(name));
    if (unknown.length > 0) throw new Error(`router.order names apps that are not installed: ${unknown.join(', ')}`);
    const rank = (app: RegisteredApp) => {
      if (order.includes(app.name)) return 1 + order.indexOf(app.name) / (order.length + 1);
      if (app.options.position === 'first') return 0;
      if (app.options.position === 'last') return 3;
      return 2;
    };
    this.ordered = [...found].sort((a, b) => rank(a) - rank(b));
    this.outgoing.install(
      [...this.ordered].reverse().flatMap(({ name, hooks }) => {
        const hook = hooks.outgoing;
        return hook ? [{ app: name, outgoing: (out: OutgoingMessage) => hook.call(hooks, out) }] : [];
      }),
    );
  }
}
