import { z } from 'zod';
import { defineConfigSection } from '../config/config-section';
import { MwanaConfig } from '../config/mwana-config';
import { defineMessages } from '../i18n/messages';
import { SmsApp } from '../messaging/decorators';
import { HandlerRegistry } from '../messaging/handler-registry';
import type { HandleResult, SmsAppHooks } from '../messaging/hooks';
import type { IncomingMessage } from '../messaging/incoming-message';
import { cleanMessageText, hasLetters, isShortCodeSender, UNREADABLE_MESSAGE_REPLY } from '../text';

export const textConfig = defineConfigSection('text', {
  /** Ignore senders whose identity has letters (operators' and marketers' senders). */
  ignoreAlphanumericSenders: z.boolean().default(false),
});

const texts = defineMessages('text', { unreadable: UNREADABLE_MESSAGE_REPLY });

/**
 * Parse-phase string cleaning for every app (docs/keywords.md#text-cleaning), each text as
 * the handler it is for declares; and in the default phase: silence for short codes and
 * operator senders, a reply to an empty message.
 */
@SmsApp({ name: 'stringcleaning', writes: false })
export class StringCleaningApp implements SmsAppHooks {
  private readonly settings;

  constructor(
    private readonly registry: HandlerRegistry,
    config: MwanaConfig,
  ) {
    this.settings = config.section(textConfig);
  }

  parse(msg: IncomingMessage): void {
    msg.text = cleanMessageText(msg.text, this.registry.cleaningOf(msg.text));
  }

  default(msg: IncomingMessage): HandleResult {
    const identity = msg.connection.identity;
    if (isShortCodeSender(identity) || (this.settings.ignoreAlphanumericSenders && hasLetters(identity)))
      return 'handled';
    if (msg.text.trim() === '') {
      msg.respond(texts.unreadable);
      return 'handled';
    }
    return 'continue';
  }
}
