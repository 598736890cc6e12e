import { Injectable, Logger } from '@nestjs/common';
import { type OutgoingMessage, OutgoingHooks } from '../outbox/outbound-text';
import { AppRegistry } from './app-registry';

/** The apps' `outgoing` hooks, for the outbox: apps in reverse order; the first to say 'cancel' stops the message. */
@Injectable()
export class AppOutgoingHooks extends OutgoingHooks {
  private readonly logger = new Logger('OutgoingHooks');

  constructor(private readonly registry: AppRegistry) {
    super();
  }

  async run(out: OutgoingMessage): Promise<string | null> {
    for (const app of [...this.registry.apps].reverse()) {
      if (!app.hooks.outgoing) continue;
      try {
        if ((await app.hooks.outgoing(out)) === 'cancel') return app.name;
      } catch (error) {
        this.logger.error(`outgoing hook of ${app.name} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
    return null;
  }
}
