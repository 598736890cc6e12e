import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SystemClock } from '../clock/clock';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import { ContactsCommand } from '../contacts/contacts.command';
import { ContactsService } from '../contacts/contacts.service';
import { GatewayInbox } from '../gateways/gateway-inbox';
import { AppRegistry } from './app-registry';
import { HandlerRegistry } from './handler-registry';
import { InboundService } from './inbound.service';
import { InboxWorker } from './inbox.worker';
import { MessageRouter } from './message-router';
import { MessageStore } from './message-store';

/**
 * The router and what it stands on: inbound SMS from the gateways (`GatewayInbox`), stored
 * and routed in the request or by a worker's inbox, and the app and handler registries (which
 * hand the apps' outgoing hooks to the outbox). (Contacts' service is here until contacts has a
 * module of its own.) The built-in apps are composed by `CoreModule`.
 */
@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([Contact, Connection])],
  providers: [
    { provide: Clock, useClass: SystemClock },
    MessageStore,
    AppRegistry,
    HandlerRegistry,
    MessageRouter,
    InboundService,
    InboxWorker,
    { provide: GatewayInbox, useExisting: InboundService },
    ContactsService,
    ContactsCommand,
  ],
  exports: [
    Clock,
    MessageStore,
    MessageRouter,
    AppRegistry,
    HandlerRegistry,
    InboundService,
    InboxWorker,
    GatewayInbox,
    ContactsService,
    TypeOrmModule,
  ],
})
export class MessagingModule {}
