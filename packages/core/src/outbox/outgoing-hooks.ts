import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboundRepository } from '../message-log/outbound.repository';
import type { OutgoingHook, OutgoingMessage } from './outbound-text';
import { type SettledMessage, SendTimeTexts } from './send-time-text';

/** An outcome the sender or a delivery report recorded. */
export interface RecordedOutcome {
  readonly id: string;
  readonly status: string;
  readonly error: string | null;
}

/**
 * The apps' outgoing hooks, run on each message before it is written. The router's app
 * registry installs them once at boot, in the order they run (the apps' order, reversed);
 * before that, or with no app that has one, nothing is cancelled. After an outcome is
 * recorded, `settled` tells the app of a message's kind that it was sent, delivered or
 * failed for good (`SendTimeTextRenderer.settled`): a results SMS counts as sent then.
 */
@Injectable()
export class OutgoingHooks {
  private readonly logger = new Logger('OutgoingHooks');
  private hooks: readonly OutgoingHook[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutboundRepository,
    private readonly texts: SendTimeTexts,
  ) {}

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

  /**
   * Tells the apps of the outcomes just recorded that settle a message of their kind (sent,
   * delivered, failed), in a transaction of its own; with no app listening, costs nothing.
   * An app's error is logged: the outcome itself stays recorded.
   */
  async settled(outcomes: readonly RecordedOutcome[]): Promise<void> {
    const kinds = this.texts.settledKinds();
    const final = outcomes.filter((o) => o.status === 'sent' || o.status === 'delivered' || o.status === 'failed');
    if (kinds.length === 0 || final.length === 0) return;
    const details = new Map((await this.repository.details(final.map((o) => o.id))).map((d) => [d.id, d]));
    const messages: SettledMessage[] = final.flatMap((o) => {
      const message = details.get(o.id);
      if (!message?.kind || !kinds.includes(message.kind)) return [];
      return [{ ...message, kind: message.kind, status: o.status as SettledMessage['status'], error: o.error }];
    });
    if (messages.length === 0) return;
    try {
      await this.dataSource.transaction((db) => this.texts.settled(messages, db));
    } catch (error) {
      this.logger.error(
        `settling ${messages.length} message(s) failed: ${(error as Error).message}`,
        (error as Error).stack,
      );
    }
  }
}
