import { Injectable } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { type Accepted, GatewayInbox, type InboundSms } from '../gateways/gateway-inbox';
import { gatewaysConfig } from '../gateways/gateways.config';
import { OutboxWorker } from '../outbox/outbox.worker';
import { ProcessHeartbeat } from '../outbox/process-heartbeat';
import { MessageRouter } from './message-router';
import { MessageStore } from './message-store';

/**
 * Where every gateway's inbound lands (the gateways' `GatewayInbox`). The message is stored
 * before the gateway is answered. With MWANA_ROLE=all (the default) it is routed in the
 * request, as the threadless router did, and the outbox is woken to send its replies; with
 * api it waits in the table for a worker's inbox (MWANA_ROLE=worker).
 */
@Injectable()
export class InboundService extends GatewayInbox {
  private readonly leaseSeconds: number;

  constructor(
    private readonly store: MessageStore,
    private readonly router: MessageRouter,
    private readonly outbox: OutboxWorker,
    private readonly config: MwanaConfig,
    private readonly heartbeat: ProcessHeartbeat,
  ) {
    super();
    this.leaseSeconds = config.section(gatewaysConfig).leaseSeconds;
  }

  async accept(sms: InboundSms): Promise<Accepted> {
    const routeHere = this.config.role === 'all';
    const stored = await this.store.storeInbound(sms, {
      leaseSeconds: routeHere ? this.leaseSeconds : undefined,
      claimedBy: this.heartbeat.name,
    });
    if (!stored) return { duplicate: true, messageId: null };
    if (routeHere) await this.router.route(stored);
    this.outbox.wake();
    return { duplicate: false, messageId: stored.record.id };
  }
}
