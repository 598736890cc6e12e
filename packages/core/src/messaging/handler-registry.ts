import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { MwanaConfig } from '../config/mwana-config';
import type { TextCleaning } from '../text/string-cleaning';
import { type Advertisement, KeywordMeta, PatternMeta } from './decorators';
import { KeywordHandlerBase, PatternHandlerBase } from './handler-base';
import type { IncomingMessage } from './incoming-message';
import { routerConfig } from './router.config';

export interface RegisteredHandler {
  readonly app: string;
  readonly name: string;
  /** Runs the handler if the message is its; false otherwise. */
  dispatch(msg: IncomingMessage): Promise<boolean>;
}

/** What the installed handlers put in the default reply (docs/keywords.md#default-reply). */
export interface AdvertisedKeywords {
  /** The keywords listed as valid, in their declared order. */
  readonly keywords: readonly string[];
  /** The keyword named as where to get help, if a handler offers one. */
  readonly help: string | null;
}

interface Built {
  readonly handlers: readonly RegisteredHandler[];
  /** Handlers that declared a cleaning other than standard, in dispatch order. */
  readonly cleanings: ReadonlyArray<{ readonly pattern: RegExp; readonly cleaning: TextCleaning }>;
  readonly advertised: AdvertisedKeywords;
}

/**
 * Every keyword and pattern handler, found through discovery once at boot: keyword
 * handlers first (those with longer keywords before, then in the configured app order), then
 * pattern handlers. Two handlers that claim the same keyword stop the boot (RapidSMS left
 * the winner to chance). Built on first use too, so that other apps may ask it from their own
 * bootstrap hooks in any order.
 */
@Injectable()
export class HandlerRegistry implements OnApplicationBootstrap {
  private built: Built | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: MwanaConfig,
  ) {}

  get handlers(): readonly RegisteredHandler[] {
    return this.build().handlers;
  }

  get advertised(): AdvertisedKeywords {
    return this.build().advertised;
  }

  /**
   * How `text` (as received) is to be cleaned: as the handler whose keyword or pattern it
   * starts with declared (docs/keywords.md#text-cleaning), the first in dispatch order.
   */
  cleaningOf(text: string): TextCleaning {
    const { cleanings } = this.build();
    if (cleanings.length === 0) return 'standard';
    const trimmed = text.trim();
    // Once any handler declares a cleaning every handler is listed: the first that matches decides.
    return cleanings.find(({ pattern }) => pattern.test(trimmed))?.cleaning ?? 'standard';
  }

  onApplicationBootstrap(): void {
    this.build();
  }

  private build(): Built {
    if (this.built) return this.built;
    const order = this.config.section(routerConfig).order;
    const rank = (app: string) => (order.includes(app) ? order.indexOf(app) : order.length);
    const keywordOwners = new Map<string, string>();
    const keywords: Array<Entry & { rank: number; words: number }> = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: KeywordMeta.KEY })) {
      const handler = wrapper.instance as KeywordHandlerBase;
      if (!(handler instanceof KeywordHandlerBase)) throw new Error(`${wrapper.name} must extend KeywordHandlerBase`);
      for (const keyword of handler.keywords) {
        const key = keyword.trim().toUpperCase().replace(/\s+/g, ' ');
        const owner = keywordOwners.get(key);
        if (owner) throw new Error(`Keyword "${key}" is claimed by both ${owner} and ${handler.constructor.name}`);
        keywordOwners.set(key, handler.constructor.name);
      }
      const pattern = handler.keywordPattern();
      const { app, keyword, cleaning, advertise } = handler.options;
      keywords.push({
        app,
        name: handler.constructor.name,
        rank: rank(app),
        words: Math.max(...handler.keywords.map((k) => k.trim().split(/\s+/).length)),
        dispatch: (msg) => handler.dispatch(msg, pattern),
        pattern,
        cleaning: cleaning ?? 'standard',
        advertise: advertise === undefined ? undefined : { keyword, as: advertise },
      });
    }
    const patterns: Entry[] = this.discovery.getProviders({ metadataKey: PatternMeta.KEY }).map((wrapper) => {
      const handler = wrapper.instance as PatternHandlerBase;
      if (!(handler instanceof PatternHandlerBase)) throw new Error(`${wrapper.name} must extend PatternHandlerBase`);
      const { app, pattern, cleaning, advertise } = handler.options;
      return {
        app,
        name: handler.constructor.name,
        dispatch: (msg) => handler.dispatch(msg),
        pattern,
        cleaning: cleaning ?? 'standard',
        advertise,
      };
    });
    // Keywords of more words first, whatever their apps' order: `JOIN CBA ...` reaches its
    // handler before JOIN takes it (and its cleaning decides). Then by app; sort is stable, so
    // an app's handlers keep their registration order.
    const entries = [...keywords.sort((a, b) => b.words - a.words || a.rank - b.rank), ...patterns];
    const declaresCleaning = entries.some((e) => e.cleaning !== 'standard');
    this.built = {
      handlers: entries.map(({ app, name, dispatch }) => ({ app, name, dispatch })),
      cleanings: declaresCleaning ? entries.map(({ pattern, cleaning }) => ({ pattern, cleaning })) : [],
      advertised: advertisedOf(entries),
    };
    return this.built;
  }
}

interface Entry extends RegisteredHandler {
  readonly pattern: RegExp;
  readonly cleaning: TextCleaning;
  readonly advertise?: { readonly keyword: string; readonly as: Advertisement };
}

function advertisedOf(entries: readonly Entry[]): AdvertisedKeywords {
  const listed: Array<{ keyword: string; place: number }> = [];
  let help: string | null = null;
  for (const { advertise, name } of entries) {
    if (!advertise) continue;
    if (advertise.as !== 'help') listed.push({ keyword: advertise.keyword, place: advertise.as });
    else if (help === null) help = advertise.keyword;
    else throw new Error(`Both ${help} and ${name} are advertised as the keyword for help`);
  }
  return { keywords: listed.sort((a, b) => a.place - b.place).map((l) => l.keyword), help };
}
