import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefaultReplyApp } from '../apps/default-reply.app';
import { HandlersApp } from '../apps/handlers.app';
import { StringCleaningApp } from '../apps/string-cleaning.app';
import { Clock, SystemClock } from '../clock/clock';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import { AppRegistry } from './app-registry';
import { HandlerRegistry } from './handler-registry';
import { MessageRecord } from './message.entity';
import { MessageRouter } from './message-router';
import { MessageStore } from './message-store';
import { OutboundQueue } from './outbound-queue';
import { ReplyWriter } from './reply-writer';

/**
 * The router and what it stands on: messages and the built-in apps (string cleaning,
 * handlers, default reply). Contacts, with LEAVE and LANGUAGE, are `ContactsModule`'s.
 */
@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([Contact, Connection, MessageRecord])],
  providers: [
    { provide: Clock, useClass: SystemClock },
    MessageStore,
    AppRegistry,
    HandlerRegistry,
    OutboundQueue,
    ReplyWriter,
    MessageRouter,
    StringCleaningApp,
    HandlersApp,
    DefaultReplyApp,
  ],
  exports: [Clock, MessageStore, MessageRouter, OutboundQueue, ReplyWriter, AppRegistry, TypeOrmModule],
})
export class MessagingModule {}
