import { applyDecorators, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/** A message of a kind its app renders at send time, as the sender took it. */
export interface SendTimeMessage {
  readonly id: string;
  readonly kind: string;
  /** The text as stored in the message log (what the app wrote: masked, for a results SMS). */
  readonly storedText: string;
  /** The recipient (E.164 for phones). */
  readonly to: string;
  /** What the app gave to make the text (`OutboundText.ref`), if anything. */
  readonly ref: string | null;
}

/**
 * Makes the text a gateway sends for messages an app queued with a `kind` (`OutboundText.kind`),
 * at the moment they are sent: so what the message log keeps can differ from what leaves (a
 * results SMS is stored masked and built from the result rows here). Throwing fails this
 * attempt; it is retried as a gateway error would be.
 *
 * @example
 * @SendTimeText('labresults.results')
 * export class ResultsSmsText implements SendTimeTextRenderer {
 *   async render(message: SendTimeMessage): Promise<string> { ...read the result rows of message.id... }
 * }
 */
export interface SendTimeTextRenderer {
  render(message: SendTimeMessage): Promise<string>;
  /**
   * Told when messages of its kind are settled: taken by the gateway (`sent`), `delivered`,
   * or `failed` for good (no try left, refused, or a failure report), in a transaction of its
   * own after the outcome is recorded. May be told twice of one message (a report after the
   * sender's answer, a report repeated): it must be idempotent. An error is logged.
   */
  settled?(messages: readonly SettledMessage[], db: EntityManager): Promise<void>;
}

/** An outbound message of a kind whose fate is now known. */
export interface SettledMessage {
  readonly id: string;
  readonly kind: string;
  readonly ref: string | null;
  readonly status: 'sent' | 'delivered' | 'failed';
  readonly error: string | null;
  /** Its recipient: the contact (if any), the connection and its gateway. */
  readonly contactId: number | null;
  readonly connectionId: number;
  readonly gateway: string;
}

export const SendTimeTextMeta = DiscoveryService.createDecorator<string>();

/** Declares the send-time text of one kind of message, found through discovery. */
export function SendTimeText(kind: string): ClassDecorator {
  return applyDecorators(Injectable(), SendTimeTextMeta(kind));
}

/** Every app's send-time texts by kind, found once at boot. */
@Injectable()
export class SendTimeTexts implements OnApplicationBootstrap {
  private readonly byKind = new Map<string, SendTimeTextRenderer>();

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: SendTimeTextMeta.KEY })) {
      const kind = this.discovery.getMetadataByDecorator(SendTimeTextMeta, wrapper) as string;
      if (this.byKind.has(kind)) throw new Error(`Two send-time texts are declared for kind "${kind}"`);
      this.byKind.set(kind, wrapper.instance as SendTimeTextRenderer);
    }
  }

  /** True when an app renders this kind of message. */
  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  /** The kinds whose app wants to hear how their messages end (`settled`). */
  settledKinds(): string[] {
    return [...this.byKind].flatMap(([kind, renderer]) => (renderer.settled ? [kind] : []));
  }

  /** Tells each kind's app of its settled messages. */
  async settled(messages: readonly SettledMessage[], db: EntityManager): Promise<void> {
    const byKind = new Map<string, SettledMessage[]>();
    for (const m of messages) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
    for (const [kind, own] of byKind) await this.byKind.get(kind)?.settled?.(own, db);
  }

  /** The text to send, from the app that renders this kind. */
  render(message: SendTimeMessage): Promise<string> {
    const renderer = this.byKind.get(message.kind);
    if (!renderer) throw new Error(`no send-time text is declared for messages of kind "${message.kind}"`);
    return renderer.render(message);
  }
}
