import { type DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from '../api/api.module';
import { DefaultReplyApp } from '../apps/default-reply.app';
import { HandlersApp } from '../apps/handlers.app';
import { LanguageHandler } from '../apps/language.handler';
import { LeaveHandler } from '../apps/leave.handler';
import { StringCleaningApp } from '../apps/string-cleaning.app';
import { MwanaConfigModule } from '../config/config.module';
import type { MwanaConfig } from '../config/mwana-config';
import { ConsoleModule } from '../console/console.module';
import { ContactsModule } from '../contacts/contacts.module';
import { DatabaseModule } from '../database/database.module';
import type { MigrationList } from '../database/data-source.options';
import type { GatewayDefinition } from '../gateways/gateway';
import { GatewaysModule } from '../gateways/gateways.module';
import { HealthModule } from '../health/health.module';
import { I18nModule } from '../i18n/i18n.module';
import { MessageLogModule } from '../message-log/message-log.module';
import { MessagingModule } from '../messaging/messaging.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { SecurityModule } from '../security/security.module';
import { TesterModule } from '../tester/tester.module';

export interface CoreModuleOptions {
  readonly config: MwanaConfig;
  /** Every migration of every package the country composes, in order. */
  readonly migrations: MigrationList;
  readonly version: string;
  /** gettext catalogue folders (core's own comes first). */
  readonly localeDirs?: readonly string[];
  /** Gateway types beyond core's (their schemas must be in the config chain too: `withGatewayTypes`). */
  readonly gateways?: readonly GatewayDefinition[];
}

/**
 * Core for a country app: config, database, health, translations, the message log, the
 * gateways, the outbox, the router with core's built-in apps (string cleaning, keyword
 * handlers, the default reply; contacts bring LEAVE and LANGUAGE), the scheduler, the console with the
 * message tester, the API.
 */
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        MwanaConfigModule.forRoot(options.config),
        DatabaseModule.forRoot({ migrations: options.migrations }),
        HealthModule.forRoot(options.version),
        I18nModule.forRoot({ localeDirs: options.localeDirs ?? [] }),
        SecurityModule,
        ContactsModule,
        MessageLogModule,
        GatewaysModule.forRoot(options.gateways),
        OutboxModule,
        MessagingModule,
        ConsoleModule,
        TesterModule,
        ApiModule,
        SchedulingModule,
      ],
      // The built-in apps and keywords, found by the router through discovery like any app's.
      providers: [StringCleaningApp, HandlersApp, DefaultReplyApp, LeaveHandler, LanguageHandler],
    };
  }
}
