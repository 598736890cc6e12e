import { type DynamicModule, Module } from '@nestjs/common';
import { MwanaConfigModule } from './config/config.module';
import type { MwanaConfig } from './config/mwana-config';
import { DatabaseModule } from './database/database.module';
import type { MigrationList } from './database/data-source.options';
import { HealthModule } from './health/health.module';

export interface CoreModuleOptions {
  readonly config: MwanaConfig;
  /** Every migration of every package the country composes, in order. */
  readonly migrations: MigrationList;
  readonly version: string;
}

/** Core's infrastructure for a country app: config, database, health. */
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        MwanaConfigModule.forRoot(options.config),
        DatabaseModule.forRoot({ migrations: options.migrations }),
        HealthModule.forRoot(options.version),
      ],
    };
  }
}
