import { Logger } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { SmsApp } from '../messaging/decorators';
import { HandlerRegistry } from '../messaging/handler-registry';
import type { HandleResult, SmsAppHooks } from '../messaging/hooks';
import type { IncomingMessage } from '../messaging/incoming-message';
import { routerConfig } from '../messaging/router.config';
import { configText } from '../i18n/messages';

/**
 * Keyword and pattern handlers, as RapidSMS's handlers app: the first handler whose keyword
 * or pattern matches handles the message. A handler that fails unexpectedly still ends the
 * phase (it matched): the sender gets the error reply, the error is stored on the message.
 */
@SmsApp({ name: 'handlers' })
export class HandlersApp implements SmsAppHooks {
  private readonly logger = new Logger('Handlers');
  private readonly errorReply;

  constructor(
    private readonly registry: HandlerRegistry,
    config: MwanaConfig,
  ) {
    this.errorReply = configText('router', 'errorReply', config.section(routerConfig).errorReply);
  }

  async handle(msg: IncomingMessage): Promise<HandleResult> {
    for (const handler of this.registry.handlers) {
      msg.currentApp = handler.app;
      let matched: boolean;
      try {
        matched = await handler.dispatch(msg);
      } catch (error) {
        this.logger.error(
          `#${msg.record.id} ${handler.name} failed: ${(error as Error).message}`,
          (error as Error).stack,
        );
        msg.errors.push(`${handler.name}: ${(error as Error).message}`);
        msg.respond(this.errorReply);
        matched = true;
      }
      if (matched) {
        msg.handledBy = { app: handler.app, handler: handler.name };
        return 'handled';
      }
    }
    return 'continue';
  }
}
