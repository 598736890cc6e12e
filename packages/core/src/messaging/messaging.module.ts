import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Clock, SystemClock } from '../clock/clock';
import { GatewayInbox } from '../gateways/gateway-inbox';
import { SpoolStatus } from '../health/spool-status';
import { AppRegistry } from './app-registry';
import { HandlerRegistry } from './handler-registry';
import { InboundService } from './inbound.service';
import { InboundSpool } from './inbound-spool';
import { InboxWorker } from './inbox.worker';
import { MessageRouter } from './message-router';
import { MessageStore } from './message-store';

/**
 * The router and what it stands on: inbound SMS from the gateways (`GatewayInbox`), stored
 * and routed in the request or by a worker's inbox, and the app and handler registries (which
 * hand the apps' outgoing hooks to the outbox). The built-in apps are composed by
 * `CoreModule`; contacts, with LEAVE and LANGUAGE, are `ContactsModule`'s.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: Clock, useClass: SystemClock },
    MessageStore,
    AppRegistry,
    HandlerRegistry,
    MessageRouter,
    InboundService,
    InboundSpool,
    InboxWorker,
    { provide: GatewayInbox, useExisting: InboundService },
    { provide: SpoolStatus, useExisting: InboundSpool },
  ],
  exports: [
    Clock,
    MessageStore,
    MessageRouter,
    AppRegistry,
    HandlerRegistry,
    InboundService,
    InboundSpool,
    SpoolStatus,
    InboxWorker,
    GatewayInbox,
  ],
})
export class MessagingModule {}
