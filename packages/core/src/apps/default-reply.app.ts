import type { OnApplicationBootstrap } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { configText, type Message } from '../i18n/messages';
import { SmsApp } from '../messaging/decorators';
import { type AdvertisedKeywords, HandlerRegistry } from '../messaging/handler-registry';
import type { HandleResult, SmsAppHooks } from '../messaging/hooks';
import type { IncomingMessage } from '../messaging/incoming-message';
import { routerConfig } from '../messaging/router.config';

/**
 * Mwana's default reply, for the keywords the country has installed (docs/keywords.md#default-reply):
 * `Invalid Keyword. Valid keywords are JOIN, CHECK, RESULT and SENT. Respond with any keyword
 * or HELP for more information.`, "or HELP" only when a help keyword is installed. Null when
 * nothing is advertised.
 */
export function composeDefaultReply({ keywords, help }: AdvertisedKeywords): string | null {
  if (keywords.length === 0) return null;
  const list = keywords.length === 1 ? keywords[0] : `${keywords.slice(0, -1).join(', ')} and ${keywords.at(-1)}`;
  const respond = help === null ? 'Respond with any keyword' : `Respond with any keyword or ${help}`;
  return `Invalid Keyword. Valid keywords are ${list}. ${respond} for more information.`;
}

/**
 * The reply to a message no app handled: `router.defaultReply` when the country sets one
 * (null: none), else composed at boot from the installed handlers' `advertise` declarations.
 * The message stays `unhandled`: the reply is a courtesy, not a handling.
 */
@SmsApp({ name: 'default', position: 'last', writes: false })
export class DefaultReplyApp implements SmsAppHooks, OnApplicationBootstrap {
  private reply: Message | null | undefined;

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly config: MwanaConfig,
  ) {}

  // At boot, so that `mwana translations` lists the composed text with every other one.
  onApplicationBootstrap(): void {
    this.resolve();
  }

  default(msg: IncomingMessage): HandleResult {
    const reply = this.resolve();
    if (reply) msg.respond(reply);
    return 'continue';
  }

  private resolve(): Message | null {
    if (this.reply !== undefined) return this.reply;
    const configured = this.config.section(routerConfig).defaultReply;
    const text = configured === undefined ? composeDefaultReply(this.registry.advertised) : configured;
    this.reply = text === null ? null : configText('router', 'defaultReply', text);
    return this.reply;
  }
}
