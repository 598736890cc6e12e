import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefaultReplyApp } from '../apps/default-reply.app';
import { HandlersApp } from '../apps/handlers.app';
import { StringCleaningApp } from '../apps/string-cleaning.app';
import { Clock, SystemClock } from '../clock/clock';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import { ContactsCommand } from '../contacts/contacts.command';
import { ContactsService } from '../contacts/contacts.service';
import { LanguageHandler } from '../contacts/language.handler';
import { LeaveHandler } from '../contacts/leave.handler';
import { AppRegistry } from './app-registry';
import { HandlerRegistry } from './handler-registry';
import { MessageRecord } from './message.entity';
import { MessageRouter } from './message-router';
import { MessageStore } from './message-store';
import { OutboundQueue } from './outbound-queue';
import { ReplyWriter } from './reply-writer';

/**
 * The router and what it stands on: contacts and connections, messages, the built-in apps
 * (string cleaning, handlers, default reply) and contacts' LEAVE and LANGUAGE.
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
    ContactsService,
    ContactsCommand,
    LeaveHandler,
    LanguageHandler,
  ],
  exports: [
    Clock,
    MessageStore,
    MessageRouter,
    OutboundQueue,
    ReplyWriter,
    AppRegistry,
    ContactsService,
    TypeOrmModule,
  ],
})
export class MessagingModule {}
