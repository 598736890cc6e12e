import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type ConsolePageHandler, ConsolePageMeta, type ConsolePageOptions } from './console-page';

export interface RegisteredPage {
  readonly options: Required<ConsolePageOptions>;
  readonly handler: ConsolePageHandler;
}

/** The console's pages, found once at boot among every module's providers. */
@Injectable()
export class ConsolePages implements OnModuleInit {
  private pages = new Map<string, RegisteredPage>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ConsolePageMeta.KEY })) {
      const options = this.discovery.getMetadataByDecorator(ConsolePageMeta, wrapper) as ConsolePageOptions;
      if (this.pages.has(options.path)) {
        throw new Error(
          `Two console pages claim /console/${options.path}: ${this.pages.get(options.path)?.handler.constructor.name} and ${wrapper.name}`,
        );
      }
      this.pages.set(options.path, {
        options: { order: 100, nav: true, ...options },
        handler: wrapper.instance as ConsolePageHandler,
      });
    }
  }

  find(path: string): RegisteredPage | undefined {
    return this.pages.get(path);
  }

  /** The nav, in order. */
  nav(): RegisteredPage[] {
    return [...this.pages.values()]
      .filter((p) => p.options.nav)
      .sort((a, b) => a.options.order - b.options.order || a.options.title.localeCompare(b.options.title));
  }
}
