import { type DynamicModule, Module } from '@nestjs/common';
import { MwanaConfigModule } from './config/config.module';
import type { MwanaConfig } from './config/mwana-config';
import { DatabaseModule } from './database/database.module';
import type { MigrationList } from './database/data-source.options';
import { HealthModule } from './health/health.module';
import { BackendsModule } from './backends/backends.module';
import { GatewaysModule } from './backends/gateways.module';
import { TesterModule } from './backends/tester/tester.module';
import { ApiModule } from './api/api.module';
import { ConsoleModule } from './console/console.module';
import { I18nModule } from './i18n/i18n.module';
import { MessagingModule } from './messaging/messaging.module';
import { ContactsModule } from './contacts/contacts.module';
import { SecurityModule } from './security/security.module';
import { SchedulingModule } from './scheduling/scheduling.module';

export interface CoreModuleOptions {
  readonly config: MwanaConfig;
  /** Every migration of every package the country composes, in order. */
  readonly migrations: MigrationList;
  readonly version: string;
  /** gettext catalogue folders (core's own comes first). */
  readonly localeDirs?: readonly string[];
}

/**
 * Core for a country app: config, database, health, translations, the router and contacts,
 * gateways and the outbox, the scheduler, the console with the message tester, the API.
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
        MessagingModule,
        BackendsModule,
        GatewaysModule,
        ConsoleModule,
        TesterModule,
        ApiModule,
        SchedulingModule,
      ],
    };
  }
}
