import { Module } from '@nestjs/common';
import { KeywordHandler, PatternHandler } from '../messaging/decorators';
import { KeywordHandlerBase, PatternHandlerBase } from '../messaging/handler-base';
import type { IncomingMessage } from '../messaging/incoming-message';
import { literal } from '../i18n/translatable';

/** ECHO <text> answers <text>: the smallest keyword app, for tests and for trying a gateway. */
@KeywordHandler({ app: 'echo', keyword: 'ECHO', help: literal('To hear yourself, send ECHO <text>') })
export class EchoHandler extends KeywordHandlerBase {
  handle(msg: IncomingMessage, rest: string): void {
    msg.respond(literal(rest));
  }
}

/** PING answers pong: a pattern handler. */
@PatternHandler({ app: 'echo', pattern: /^\s*ping\s*$/i })
export class PingHandler extends PatternHandlerBase {
  handle(msg: IncomingMessage): void {
    msg.respond(literal('pong'));
  }
}

@Module({ providers: [EchoHandler, PingHandler] })
export class EchoModule {}
