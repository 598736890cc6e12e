import { z } from 'zod';
import { defineConfigSection } from '../config/config-section';
import { MwanaConfig } from '../config/mwana-config';
import { defineMessages } from '../i18n/messages';
import { SmsApp } from '../messaging/decorators';
import type { HandleResult, SmsAppHooks } from '../messaging/hooks';
import type { IncomingMessage } from '../messaging/incoming-message';
import {
  cleanMessageText,
  DEFAULT_SLASH_KEYWORDS,
  DEFAULT_VERBATIM_KEYWORDS,
  hasLetters,
  isShortCodeSender,
  UNREADABLE_MESSAGE_REPLY,
} from '../text';

export const textConfig = defineConfigSection('text', {
  /** Messages starting with these words are passed on exactly as sent (broadcasts). */
  verbatimKeywords: z.array(z.string().min(1)).default([...DEFAULT_VERBATIM_KEYWORDS]),
  /** Messages starting with these keep their `/` (sample ids such as 1234/12). */
  slashKeywords: z.array(z.string().min(1)).default([...DEFAULT_SLASH_KEYWORDS]),
  /** Ignore senders whose identity has letters (operators' and marketers' senders). */
  ignoreAlphanumericSenders: z.boolean().default(false),
});

const texts = defineMessages('text', { unreadable: UNREADABLE_MESSAGE_REPLY });

/**
 * Parse-phase string cleaning for every app (docs/keywords.md#text-cleaning), and in the default
 * phase: silence for short codes and operator senders, a reply to an empty message.
 */
@SmsApp({ name: 'stringcleaning', writes: false })
export class StringCleaningApp implements SmsAppHooks {
  private readonly settings;

  constructor(config: MwanaConfig) {
    this.settings = config.section(textConfig);
  }

  parse(msg: IncomingMessage): void {
    msg.text = cleanMessageText(msg.text, {
      verbatimKeywords: this.settings.verbatimKeywords,
      slashKeywords: this.settings.slashKeywords,
    });
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
