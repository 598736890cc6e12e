import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeliveryWorker } from './delivery.worker';
import { InboundService } from './inbound.service';
import { OutboxSender } from './outbox.sender';
import { OutboxService } from './outbox.service';

/** Inbound acceptance, the outbox sender, delivery reports and the worker loop. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [InboundService, OutboxService, OutboxSender, DeliveryWorker],
  exports: [InboundService, OutboxService, OutboxSender, DeliveryWorker],
})
export class BackendsModule {}
