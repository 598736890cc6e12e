import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleMetadata, Provider, Type } from '@nestjs/common';
import { ContactsService } from '../contacts/contacts.service';
import { SendTimeTexts } from '../outbox/send-time-text';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CORE_SECTIONS } from '../app/country';
import { countryConfig, httpConfig } from '../config/core.config';
import { mwanaHttpAdapter } from '../security/http-security';
import { Clock, FakeClock } from '../clock/clock';
import { countryTime } from '../clock/rehearsal';
import { buildConfig } from '../config/config-loader';
import type { ConfigSection } from '../config/config-section';
import { MwanaConfig } from '../config/mwana-config';
import { CoreModule } from '../app/core.module';
import type { MigrationList } from '../database/data-source.options';
import type { GatewayDefinition } from '../gateways/gateway';
import { withGatewayTypes } from '../gateways/gateways.config';
import { InboundService } from '../messaging/inbound.service';
import { InboxWorker } from '../messaging/inbox.worker';
import { MessageRouter } from '../messaging/message-router';
import { QUEUE_SCHEMA } from '../outbox/outbound-queue';
import { OutboxWorker } from '../outbox/outbox.worker';
import { Scheduler } from '../scheduling/scheduler.service';
import { coreMigrations } from '../migrations';
import { Builders } from './builders';
import { PinHasher } from '../contacts/pin-hasher';
import { ConversationRunner, type ScriptSteps } from './conversation';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface HarnessOptions<B extends Builders = Builders> {
  /** App modules under test. */
  readonly imports?: ModuleMetadata['imports'];
  /** Extra providers: test apps and handlers (an ECHO app). */
  readonly providers?: Provider[];
  /** Gateway types beyond core's (a fake one), in the config chain and the registry. */
  readonly gateways?: readonly GatewayDefinition[];
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
  readonly builders?: new (dataSource: DataSource, contacts: ContactsService, pins: PinHasher) => B;
  /** Serve HTTP on a loopback port (gateways, console): `harness.url`. */
  readonly http?: boolean;
  /** Another harness's database, to run two processes' roles on one database. */
  readonly database?: TestDatabase;
  /** MWANA_ROLE of the harness (all by default). */
  readonly role?: 'all' | 'api' | 'worker';
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
    /** The HTTP app, when created with `http: true`. */
    readonly app: NestFastifyApplication | null,
    /** Its base URL (`http://127.0.0.1:<port>`), or '' without HTTP. */
    readonly url: string,
    private readonly ownsDatabase: boolean,
  ) {
    this.runner = new ConversationRunner(
      this.dataSource,
      (phone, text) => this.deliver(phone, text),
      module.get(ContactsService),
      clock,
      {},
      module.get(SendTimeTexts),
    );
  }

  static async create<B extends Builders = Builders>(options: HarnessOptions<B> = {}): Promise<ConversationHarness<B>> {
    const database = options.database ?? (await createTestDatabase('mwana_convo'));
    const ownsDatabase = !options.database;
    try {
      const config = buildConfig({
        country: 'testland',
        sections: withGatewayTypes([...CORE_SECTIONS, ...(options.sections ?? [])], options.gateways ?? []),
        environment: { env: 'test', role: options.role ?? 'all', variables: [] },
        values: {
          ...options.config,
          country: { ...TEST_COUNTRY, ...options.config?.country },
          database: { url: database.url, ...options.config?.database },
          log: { level: 'warn', ...options.config?.log },
          // No background worker in tests: they call work() when they mean it.
          // A spool of the test's own (the database's name), never one in the working directory.
          backends: {
            pollMs: 0,
            ...options.config?.backends,
            spool: {
              path: join(tmpdir(), `${database.name}.spool.jsonl`),
              ...(options.config?.backends?.spool as object | undefined),
            },
          },
          scheduler: { enabled: false, ...options.config?.scheduler },
        },
      });
      const clock = new FakeClock(options.now);
      return await ConversationHarness.boot(options, config, database, ownsDatabase, clock);
    } catch (error) {
      // A start that fails throws its cause and leaves no database behind.
      if (ownsDatabase) await database.drop().catch(() => undefined);
      throw error;
    }
  }

  private static async boot<B extends Builders>(
    options: HarnessOptions<B>,
    config: MwanaConfig,
    database: TestDatabase,
    ownsDatabase: boolean,
    clock: FakeClock,
  ): Promise<ConversationHarness<B>> {
    const module = await Test.createTestingModule({
      imports: [
        CoreModule.forRoot({
          config,
          migrations: [...coreMigrations, ...(options.migrations ?? [])],
          version: 'test',
          localeDirs: options.localeDirs,
          gateways: options.gateways,
        }),
        ...(options.imports ?? []),
      ],
      providers: options.providers ?? [],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    module.useLogger(['error', 'warn']);
    let app: NestFastifyApplication | null = null;
    let url = '';
    try {
      if (options.http) {
        app = module.createNestApplication<NestFastifyApplication>(mwanaHttpAdapter(config.section(httpConfig)));
        await app.init();
        await app.listen(0, '127.0.0.1');
        url = await app.getUrl();
      } else {
        await module.init();
      }
    } catch (error) {
      await (app ?? module).close().catch(() => undefined);
      throw error;
    }
    const dataSource = module.get(DataSource);
    const Build = (options.builders ?? Builders) as new (
      dataSource: DataSource,
      contacts: ContactsService,
      pins: PinHasher,
    ) => B;
    const build = new Build(dataSource, module.get(ContactsService), module.get(PinHasher));
    const harness: ConversationHarness<B> = new ConversationHarness(
      module,
      config,
      database,
      clock,
      build,
      app,
      url.replace('[::1]', '127.0.0.1'),
      ownsDatabase,
    );
    harness.runner.steps = { ...harness.defaultSteps(), ...options.steps?.(harness) };
    return harness;
  }

  /**
   * `! jobs run <name> [--at <date-time>]` and `! jobs tick` (what the scheduler would run at the script's time),
   * `! send` (the sender sends everything due: what is counted when sent happens then).
   */
  private defaultSteps(): ScriptSteps {
    return {
      send: async () => {
        await this.get(OutboxWorker).runOnce();
      },
      jobs: async ([action, name, flag, ...when]) => {
        const scheduler = this.get(Scheduler);
        if (action === 'run' && name) {
          // `! jobs run <name> --at 2026-01-05 11:30`: a rehearsal, in the country's time.
          const at =
            flag === '--at' ? countryTime(when.join(' '), this.get(MwanaConfig).section(countryConfig).timezone) : null;
          if (flag !== undefined && !at) throw new Error('use "! jobs run <name> --at <date-time>"');
          const result = await scheduler.run(name, at ?? undefined);
          if (result.error) throw new Error(`${name} failed: ${result.error}`);
        } else if (action === 'tick') {
          await scheduler.tick();
        } else {
          throw new Error('use "! jobs run <name>" or "! jobs tick"');
        }
      },
    };
  }

  get dataSource(): DataSource {
    return this.module.get(DataSource);
  }

  get router(): MessageRouter {
    return this.module.get(MessageRouter);
  }

  /**
   * An SMS from a phone, through the tester gateway's path: stored, then routed in the
   * request (MWANA_ROLE=all) or by a worker pass (worker), as in production.
   */
  async deliver(phone: string, text: string, providerId?: string): Promise<void> {
    await this.get(InboundService).accept({ gateway: 'tester', identity: phone, text, providerId });
    if (this.config.role !== 'all') await this.work();
  }

  /** What a worker's loops do in one pass: route the inbox, then send everything due. */
  async work(): Promise<{ routed: number; sent: number }> {
    const { routed } = await this.get(InboxWorker).runOnce();
    const { sent } = await this.get(OutboxWorker).runOnce();
    return { routed, sent };
  }

  get<T>(token: Type<T> | string | symbol): T {
    return this.module.get<T>(token);
  }

  /** Plays a script; throws a ConversationError with a transcript when it does not hold. */
  run(script: string): Promise<void> {
    return this.runner.run(script);
  }

  /** Empties every table (migrations stay) and the outbound queue's jobs, so the next test starts clean. */
  async reset(): Promise<void> {
    const tables: Array<{ name: string }> = await this.dataSource.query(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE (schemaname = 'public' AND tablename <> 'mwana_migrations')
           OR (schemaname = $1 AND tablename IN ('job', 'archive'))`,
      [QUEUE_SCHEMA],
    );
    if (tables.length > 0) {
      await this.dataSource.query(`TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`);
    }
  }

  async close(): Promise<void> {
    if (this.app) await this.app.close();
    else await this.module.close();
    if (this.ownsDatabase) await this.database.drop();
  }
}
