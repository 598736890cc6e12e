import type { ModuleMetadata, Provider, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CORE_SECTIONS } from '../app/country';
import { Clock, FakeClock } from '../clock/clock';
import { buildConfig } from '../config/config-loader';
import type { ConfigSection } from '../config/config-section';
import type { MwanaConfig } from '../config/mwana-config';
import { CoreModule } from '../core.module';
import type { MigrationList } from '../database/data-source.options';
import { MessageRouter } from '../messaging/message-router';
import { MessageStore } from '../messaging/message-store';
import { coreMigrations } from '../migrations';
import { Builders } from './builders';
import { ConversationRunner, type ScriptSteps } from './conversation';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface HarnessOptions<B extends Builders = Builders> {
  /** App modules under test. */
  readonly imports?: ModuleMetadata['imports'];
  /** Extra providers: test apps and handlers (an ECHO app). */
  readonly providers?: Provider[];
  /** The config sections of the apps under test (core's are always there). */
  readonly sections?: readonly ConfigSection[];
  /** Config values by section, as a country.yaml would set them. */
  readonly config?: Record<string, Record<string, unknown>>;
  /** Migrations of the apps under test (core's run first). */
  readonly migrations?: MigrationList;
  readonly localeDirs?: readonly string[];
  /** Where the fake clock starts. */
  readonly now?: string;
  /** Extra `! step` lines scripts may use. */
  readonly steps?: (harness: ConversationHarness<B>) => ScriptSteps;
  readonly builders?: new (dataSource: DataSource, store: MessageStore) => B;
}

const TEST_COUNTRY = {
  name: 'Testland',
  code: 'ZM',
  timezone: 'Africa/Lusaka',
  languages: [
    { code: 'en', name: 'English' },
    { code: 'bem', name: 'Bemba' },
  ],
};

/**
 * The router and the apps under test on a fresh PostgreSQL database, booted once per test
 * file; `run()` plays a conversation script in milliseconds, `reset()` empties the tables
 * between tests.
 */
export class ConversationHarness<B extends Builders = Builders> {
  readonly runner: ConversationRunner;

  private constructor(
    readonly module: TestingModule,
    readonly config: MwanaConfig,
    readonly database: TestDatabase,
    readonly clock: FakeClock,
    readonly build: B,
  ) {
    this.runner = new ConversationRunner(this.dataSource, this.router, module.get(MessageStore), clock);
  }

  static async create<B extends Builders = Builders>(options: HarnessOptions<B> = {}): Promise<ConversationHarness<B>> {
    const database = await createTestDatabase('mwana_convo');
    const config = buildConfig({
      country: 'testland',
      sections: [...CORE_SECTIONS, ...(options.sections ?? [])],
      values: {
        ...options.config,
        country: { ...TEST_COUNTRY, ...options.config?.country },
        database: { url: database.url, ...options.config?.database },
        log: { level: 'warn', ...options.config?.log },
      },
    });
    const clock = new FakeClock(options.now);
    const module = await Test.createTestingModule({
      imports: [
        CoreModule.forRoot({ config, migrations: [...coreMigrations, ...(options.migrations ?? [])], version: 'test', localeDirs: options.localeDirs }),
        ...(options.imports ?? []),
      ],
      providers: options.providers ?? [],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    module.useLogger(['error', 'warn']);
    await module.init();
    const dataSource = module.get(DataSource);
    const Build = (options.builders ?? Builders) as new (dataSource: DataSource, store: MessageStore) => B;
    const build = new Build(dataSource, module.get(MessageStore));
    const harness: ConversationHarness<B> = new ConversationHarness(module, config, database, clock, build);
    harness.runner.steps = options.steps?.(harness) ?? {};
    return harness;
  }

  get dataSource(): DataSource {
    return this.module.get(DataSource);
  }

  get router(): MessageRouter {
    return this.module.get(MessageRouter);
  }

  get<T>(token: Type<T> | string | symbol): T {
    return this.module.get<T>(token);
  }

  /** Plays a script; throws a ConversationError with a transcript when it does not hold. */
  run(script: string): Promise<void> {
    return this.runner.run(script);
  }

  /** Empties every table (migrations stay), so the next test starts clean. */
  async reset(): Promise<void> {
    const tables: Array<{ tablename: string }> = await this.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'mwana_migrations'`,
    );
    if (tables.length > 0) {
      await this.dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
    }
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.database.drop();
  }
}
