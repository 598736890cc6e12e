import { type DynamicModule, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { databaseConfig } from './database.config';
import { dataSourceOptions, isEmbedded, type MigrationList } from './data-source.options';
import { runMigrations, unknownMigrations, unknownMigrationsMessage } from './migrations';

export const MIGRATIONS = Symbol('MIGRATIONS');

@Injectable()
/** Before any app's bootstrap hook (workers, schedulers) touches a table. */
class MigrateOnBoot implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MwanaConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const db = this.config.section(databaseConfig);
    // A release started again after a rollback runs on the newer schema: it says so.
    const unknown = await unknownMigrations(this.dataSource);
    if (unknown.length > 0) this.logger.warn(unknownMigrationsMessage(unknown));
    if (!db.migrationsRun) return;
    const ran = await runMigrations(this.dataSource, isEmbedded(db));
    if (ran.length > 0) this.logger.log(`Ran ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);
  }
}

/**
 * PostgreSQL (or the embedded engine) for the whole app. The country passes every
 * package's migrations; entities come from each module's `TypeOrmModule.forFeature`.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { migrations: MigrationList }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [MwanaConfig],
          useFactory: (config: MwanaConfig) => ({
            ...dataSourceOptions(config.section(databaseConfig), config.countryDir, options.migrations),
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [{ provide: MIGRATIONS, useValue: options.migrations }, MigrateOnBoot],
      exports: [MIGRATIONS],
    };
  }
}
