import type { DiscoveryService } from '@nestjs/core';
import type { MwanaConfig } from '../config/mwana-config';
import { KeywordHandler, KeywordMeta } from './decorators';
import { KeywordHandlerBase } from './handler-base';
import { HandlerRegistry } from './handler-registry';
import { IncomingMessage } from './incoming-message';
import { literal } from '../i18n/translatable';

@KeywordHandler({ app: 'first', keyword: 'JOIN', help: literal('join help') })
class Join extends KeywordHandlerBase {
  handle(msg: IncomingMessage): void {
    msg.respond(literal('joined'));
  }
}

@KeywordHandler({ app: 'second', keyword: 'JOIN CBA', aliases: ['JOIN AGENT'], help: literal('agent help') })
class JoinCba extends KeywordHandlerBase {
  handle(msg: IncomingMessage): void {
    msg.respond(literal('agent joined'));
  }
}

function registry(order: string[]): HandlerRegistry {
  const handlers = [new Join(), new JoinCba()];
  const discovery = {
    getProviders: ({ metadataKey }: { metadataKey: string }) =>
      metadataKey === KeywordMeta.KEY
        ? handlers.map((instance) => ({ instance, name: instance.constructor.name }))
        : [],
  } as unknown as DiscoveryService;
  const config = { section: () => ({ order }) } as unknown as MwanaConfig;
  const built = new HandlerRegistry(discovery, config);
  built.onApplicationBootstrap();
  return built;
}

describe('the handler registry', () => {
  it("tries a keyword of more words first, whatever the apps' order: JOIN CBA is not taken by JOIN", async () => {
    for (const order of [
      ['first', 'second'],
      ['second', 'first'],
    ]) {
      const handlers = registry(order).handlers;
      expect(handlers.map((h) => h.name)).toEqual(['JoinCba', 'Join']);
      const replies = async (text: string): Promise<string[]> => {
        const msg = new IncomingMessage(
          { id: '1', text, createdAt: new Date(), providerId: null },
          { id: 1, backend: 'test', identity: '+260977000001', contactId: null, createdAt: new Date() },
          null,
          null,
        );
        for (const handler of handlers) if (await handler.dispatch(msg)) break;
        return msg.queued.map((q) => ('literal' in q.text ? q.text.literal : q.text.id));
      };
      expect(await replies('join cba 403012 3 Mary')).toEqual(['agent joined']);
      expect(await replies('JOIN agent')).toEqual(['agent help']);
      expect(await replies('join 403012 Mary 1234')).toEqual(['joined']);
      expect(await replies('join cbas')).toEqual(['joined']);
    }
  });
});
