import { MwanaConfig } from '../config/mwana-config';
import { configText } from '../i18n/messages';
import { SmsApp } from '../messaging/decorators';
import type { HandleResult, SmsAppHooks } from '../messaging/hooks';
import type { IncomingMessage } from '../messaging/incoming-message';
import { routerConfig } from '../messaging/router.config';

/**
 * The configured reply to a message no app handled (none when `router.defaultReply` is
 * null). The message stays `unhandled`: the reply is a courtesy, not a handling.
 */
@SmsApp({ name: 'default', position: 'last', writes: false })
export class DefaultReplyApp implements SmsAppHooks {
  private readonly reply;

  constructor(config: MwanaConfig) {
    const text = config.section(routerConfig).defaultReply;
    this.reply = text === null ? null : configText('router', 'defaultReply', text);
  }

  default(msg: IncomingMessage): HandleResult {
    if (this.reply) msg.respond(this.reply);
    return 'continue';
  }
}
