import { Injectable } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { MessageRouter } from '../messaging/message-router';
import { type InboundSms, MessageStore } from '../messaging/message-store';
import { backendsConfig } from './backends.config';
import { DeliveryWorker } from './delivery.worker';

export interface Accepted {
  /** True when the gateway had sent this provider id before: acknowledge it, do nothing. */
  readonly duplicate: boolean;
  readonly messageId: string | null;
}

/**
 * Where every gateway's inbound lands. The message is stored before the gateway is
 * answered. With MWANA_ROLE=all (the default) it is routed in the request, as the
 * threadless router did; with api it waits in the table for a worker (MWANA_ROLE=worker).
 */
@Injectable()
export class InboundService {
  private readonly leaseSeconds: number;

  constructor(
    private readonly store: MessageStore,
    private readonly router: MessageRouter,
    private readonly worker: DeliveryWorker,
    private readonly config: MwanaConfig,
  ) {
    this.leaseSeconds = config.section(backendsConfig).leaseSeconds;
  }

  async accept(sms: InboundSms): Promise<Accepted> {
    const routeHere = this.config.role === 'all';
    const stored = await this.store.storeInbound(sms, { leaseSeconds: routeHere ? this.leaseSeconds : undefined });
    if (!stored) return { duplicate: true, messageId: null };
    if (routeHere) await this.router.route(stored);
    this.worker.wake();
    return { duplicate: false, messageId: stored.record.id };
  }
}
