import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BatchClaim } from './batch-claim';
import { GatewayReports } from '../gateways/gateway-inbox';
import { DeliveryReports } from './delivery-reports.service';
import { GatewayBreaker } from './gateway-breaker';
import { GatewayRateLimiter } from './gateway-rate-limiter';
import { OutboundQueue } from './outbound-queue';
import { OutboxSender } from './outbox.sender';
import { OutboxWorker } from './outbox.worker';
import { OutboxWriter } from './outbox.writer';
import { OutgoingHooks } from './outgoing-hooks';
import { ProcessHeartbeat } from './process-heartbeat';
import { SealedTexts } from './sealed-text';
import { SendTimeTexts } from './send-time-text';
import { SentOutcomes } from './sent-outcomes';

/**
 * An outbound message's whole life: written (replies and bulk, with their queue jobs), the
 * pg-boss queue, the sender, delivery reports (the gateways' `GatewayReports`), the worker
 * loop and the apps' send-time texts; every step along one transition table (`OUTBOX`).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    OutboundQueue,
    GatewayRateLimiter,
    BatchClaim,
    GatewayBreaker,
    OutboxWriter,
    OutboxSender,
    SentOutcomes,
    OutboxWorker,
    OutgoingHooks,
    ProcessHeartbeat,
    SendTimeTexts,
    SealedTexts,
    DeliveryReports,
    { provide: GatewayReports, useExisting: DeliveryReports },
  ],
  exports: [
    OutboundQueue,
    GatewayBreaker,
    OutboxWriter,
    OutboxSender,
    OutboxWorker,
    OutgoingHooks,
    ProcessHeartbeat,
    SendTimeTexts,
    SealedTexts,
    DeliveryReports,
    GatewayReports,
  ],
})
export class OutboxModule {}
