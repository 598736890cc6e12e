import { Injectable, Logger } from '@nestjs/common';
import type { OutgoingHook, OutgoingMessage } from './outbound-text';

/**
 * The apps' outgoing hooks, run on each message before it is written. The router's app
 * registry installs them once at boot, in the order they run (the apps' order, reversed);
 * before that, or with no app that has one, nothing is cancelled.
 */
@Injectable()
export class OutgoingHooks {
  private readonly logger = new Logger('OutgoingHooks');
  private hooks: readonly OutgoingHook[] = [];

  install(hooks: readonly OutgoingHook[]): void {
    this.hooks = [...hooks];
  }

  /** The name of the app that cancelled the message, or null to send it. A hook that throws is logged and passed over. */
  async run(out: OutgoingMessage): Promise<string | null> {
    for (const hook of this.hooks) {
      try {
        if ((await hook.outgoing(out)) === 'cancel') return hook.app;
      } catch (error) {
        this.logger.error(`outgoing hook of ${hook.app} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
    return null;
  }
}
