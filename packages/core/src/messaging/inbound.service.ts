import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { isDatabaseUnreachable, whenReachable } from '../database/unreachable';
import { MwanaConfig } from '../config/mwana-config';
import { type Accepted, GatewayInbox, type InboundSms } from '../gateways/gateway-inbox';
import { gatewaysConfig } from '../gateways/gateways.config';
import { OutboxWorker } from '../outbox/outbox.worker';
import { ProcessHeartbeat } from '../outbox/process-heartbeat';
import { InboundSpool } from './inbound-spool';
import { MessageRouter } from './message-router';
import { MessageStore } from './message-store';

/**
 * Where every gateway's inbound lands (the gateways' `GatewayInbox`). The message is stored
 * before the gateway is answered. With MWANA_ROLE=all (the default) it is routed in the
 * request, as the threadless router did, and the outbox is woken to send its replies; with
 * api it waits in the table for a worker's inbox (MWANA_ROLE=worker). While the database is
 * out of reach it goes to the local spool (`InboundSpool`) instead, answered as accepted, and
 * is stored from there, in order, once the database is back.
 */
@Injectable()
export class InboundService extends GatewayInbox implements OnModuleDestroy {
  private readonly logger = new Logger('InboundService');
  private readonly leaseSeconds: number;
  /** Stopping: an SMS whose routing waits for the database is left to a worker's inbox (its lease). */
  private closing = false;

  constructor(
    private readonly store: MessageStore,
    private readonly router: MessageRouter,
    private readonly outbox: OutboxWorker,
    private readonly config: MwanaConfig,
    private readonly heartbeat: ProcessHeartbeat,
    private readonly spool: InboundSpool,
  ) {
    super();
    this.leaseSeconds = config.section(gatewaysConfig).leaseSeconds;
    spool.storeWith((sms) =>
      this.storeNow(sms, new Date(sms.at)).catch((error: unknown) => {
        throw unwrap(error);
      }),
    );
  }

  onModuleDestroy(): void {
    this.closing = true;
  }

  async accept(sms: InboundSms): Promise<Accepted> {
    // Behind what is spooled: the SMS of one phone stay in the order they came.
    if (this.spool.enabled && this.spool.pending > 0) return this.spooled(sms);
    try {
      return await this.storeNow(sms);
    } catch (error) {
      if (!this.spool.enabled || !(error instanceof DatabaseOutOfReach)) throw unwrap(error);
      return this.spooled(sms);
    }
  }

  private async spooled(sms: InboundSms): Promise<Accepted> {
    await this.spool.append(sms);
    return { duplicate: false, messageId: null, spooled: true };
  }

  /** Stores (and, with MWANA_ROLE=all, routes) one SMS; a database out of reach while storing is a `DatabaseOutOfReach`. */
  private async storeNow(sms: InboundSms, receivedAt?: Date): Promise<Accepted> {
    const routeHere = this.config.role === 'all';
    const stored = await this.store
      .storeInbound(sms, {
        leaseSeconds: routeHere ? this.leaseSeconds : undefined,
        claimedBy: this.heartbeat.name,
        receivedAt,
      })
      .catch((error: unknown) => {
        throw isDatabaseUnreachable(error) ? new DatabaseOutOfReach(error) : error;
      });
    if (!stored) return { duplicate: true, messageId: null };
    if (routeHere)
      await this.router.route(stored).catch((error: unknown) => {
        if (!isDatabaseUnreachable(error)) throw error;
        // Stored (the gateway is answered) and leased to this process: routed here as soon as
        // the database is back, not by a worker's inbox once the lease is over (minutes late).
        this.logger.warn(`in #${stored.record.id}: stored, routed once the database is back`);
        void whenReachable(() => this.router.route(stored), { retryMs: ROUTE_RETRY_MS, stopped: () => this.closing })
          .then(() => this.outbox.wake())
          .catch((late: Error) => this.logger.error(`in #${stored.record.id}: routing failed: ${late.message}`));
      });
    this.outbox.wake();
    return { duplicate: false, messageId: stored.record.id };
  }
}

/** How often a stored SMS whose routing met an outage is routed again. */
const ROUTE_RETRY_MS = 500;

/** The store could not reach the database: nothing was written. */
class DatabaseOutOfReach extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

function unwrap(error: unknown): unknown {
  return error instanceof DatabaseOutOfReach ? error.original : error;
}
