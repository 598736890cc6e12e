import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsoleAuthGuard } from './console-auth';
import { ConsoleController } from './console.controller';
import { ConsolePages } from './console-pages.registry';
import { ConsoleSessionsService } from './console-sessions.service';
import { ConsoleSession, ConsoleUser } from './console-user.entity';
import { ConsoleUsersService } from './console-users.service';
import { LoginController } from './login.controller';
import { MessageSearchService } from './message-search.service';
import { ContactsPage } from './pages/contacts.page';
import { GatewaysPage } from './pages/gateways.page';
import { MessageThreadPage } from './pages/message-thread.page';
import { MessagesPage } from './pages/messages.page';
import { TranslationsPage } from './pages/translations.page';
import { TranslationReviewService } from './translation-review.service';
import { UsersCommand } from './users.command';
import { ApiTokensCommand } from './api-tokens.command';
import { TranslationsExportCommand } from './translations-export.command';

/**
 * The web console at /console: users and sessions, the login, the layout and every page
 * any module contributes with `@ConsolePage`; core's own pages are the message log, a
 * conversation per phone, the contacts, the gateways' state and the translations' review. Needs the `console` config section and the
 * ConsoleUsers migration.
 */
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([ConsoleUser, ConsoleSession])],
  // LoginController first: its routes are plain, ConsoleController's end in a wildcard.
  controllers: [LoginController, ConsoleController],
  providers: [
    ConsoleUsersService,
    ConsoleSessionsService,
    ConsoleAuthGuard,
    ConsolePages,
    MessageSearchService,
    MessagesPage,
    MessageThreadPage,
    ContactsPage,
    TranslationReviewService,
    TranslationsPage,
    GatewaysPage,
    UsersCommand,
    ApiTokensCommand,
    TranslationsExportCommand,
  ],
  exports: [ConsoleUsersService, ConsoleSessionsService, ConsoleAuthGuard, MessageSearchService],
})
export class ConsoleModule {}
