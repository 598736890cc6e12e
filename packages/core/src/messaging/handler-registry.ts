import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { MwanaConfig } from '../config/mwana-config';
import { KeywordMeta, PatternMeta } from './decorators';
import { KeywordHandlerBase, PatternHandlerBase } from './handler-base';
import type { IncomingMessage } from './incoming-message';
import { keywordPattern } from './keyword-matcher';
import { routerConfig } from './router.config';

export interface RegisteredHandler {
  readonly app: string;
  readonly name: string;
  /** Runs the handler if the message is its; false otherwise. */
  dispatch(msg: IncomingMessage): Promise<boolean>;
}

/**
 * Every keyword and pattern handler, found through discovery once at boot: keyword
 * handlers first (those with longer keywords before, then in the configured app order), then
 * pattern handlers. Two handlers that claim the same keyword stop the boot (RapidSMS left
 * the winner to chance).
 */
@Injectable()
export class HandlerRegistry implements OnApplicationBootstrap {
  private list: RegisteredHandler[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: MwanaConfig,
  ) {}

  get handlers(): readonly RegisteredHandler[] {
    return this.list;
  }

  onApplicationBootstrap(): void {
    const order = this.config.section(routerConfig).order;
    const rank = (app: string) => (order.includes(app) ? order.indexOf(app) : order.length);
    const keywordOwners = new Map<string, string>();
    const keywords: Array<RegisteredHandler & { rank: number; words: number }> = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: KeywordMeta.KEY })) {
      const handler = wrapper.instance as KeywordHandlerBase;
      if (!(handler instanceof KeywordHandlerBase)) throw new Error(`${wrapper.name} must extend KeywordHandlerBase`);
      for (const keyword of handler.keywords) {
        const key = keyword.trim().toUpperCase().replace(/\s+/g, ' ');
        const owner = keywordOwners.get(key);
        if (owner) throw new Error(`Keyword "${key}" is claimed by both ${owner} and ${handler.constructor.name}`);
        keywordOwners.set(key, handler.constructor.name);
      }
      const pattern = keywordPattern(handler.keywords);
      keywords.push({
        app: handler.options.app,
        name: handler.constructor.name,
        rank: rank(handler.options.app),
        words: Math.max(...handler.keywords.map((k) => k.trim().split(/\s+/).length)),
        dispatch: (msg) => handler.dispatch(msg, pattern),
      });
    }
    const patterns: RegisteredHandler[] = this.discovery
      .getProviders({ metadataKey: PatternMeta.KEY })
      .map((wrapper) => {
        const handler = wrapper.instance as PatternHandlerBase;
        if (!(handler instanceof PatternHandlerBase)) throw new Error(`${wrapper.name} must extend PatternHandlerBase`);
        return { app: handler.options.app, name: handler.constructor.name, dispatch: (msg) => handler.dispatch(msg) };
      });
    // Keywords of more words first, whatever their apps' order: `JOIN CBA ...` reaches its
    // handler before JOIN takes it. Then by app; sort is stable, so an app's handlers keep
    // their registration order.
    this.list = [...keywords.sort((a, b) => b.words - a.words || a.rank - b.rank), ...patterns];
  }
}
