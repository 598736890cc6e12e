import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ConfigValidationError } from '../config/config-loader';
import { ConfigFileError } from '../config/config-layers';
import { formatConfig } from '../config/config-print';
import { EnvironmentError } from '../config/environment';
import type { MwanaConfig } from '../config/mwana-config';
import { databaseConfig } from '../database/database.config';
import { poolOf } from '../database/prepared';
import { gatewaysConfig } from '../gateways/gateways.config';
import { readQueuePolicy } from '../outbox/outbound-queue';
import { dataSourceOptions, isEmbedded } from '../database/data-source.options';
import { pendingMigrations, runMigrations, unknownMigrations, unknownMigrationsMessage } from '../database/migrations';
import { NestFactory } from '@nestjs/core';
import { DiscoveryService } from '@nestjs/core';
import { createCountryApp, listen } from './bootstrap';
import { ensureDevelopmentAdmin } from '../console/development-admin';
import {
  type CliIo,
  OperatorCommandMeta,
  type OperatorCommandOptions,
  type OperatorCommandRunner,
} from '../cli/operator-command';
import { logConfig, PinoLoggerService } from '../logging/pino-logger';
import { DEMO_ENVIRONMENTS } from '../tester/demo-seed';
import { type CountryDefinition, loadCountryConfig } from './country';

const USAGE = `Usage: mwana <command> [--country <name>] [--env development|test|staging|production]

Commands:
  start               start the server (embedded database when none is configured)
  config              print the merged configuration and the layer of each value, secrets masked
  migrate             run pending migrations; refuses (exit 3) when the database has run
                      migrations this build does not know (a newer release's)
  migrate --check     list pending migrations and any this build does not know; exit 1 if any
  help                this text
  <command> ...       an operator command of the country's apps (listed below when the app can boot)`;

/** What a first `npm start` in development prints after the console login. */
export const DEMO_HINT =
  'Demo data (places, clinics, workers, agents, results in every state, births, a broadcast): stop the server (Ctrl-C) and run `pnpm mwana demo seed`, then `npm start` again.';

/** Exit code of `mwana migrate` when the database has run migrations this build does not know. */
export const MIGRATE_REFUSED = 3;

const stdio: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** `mwana` for one country. Returns the exit code; `start` resolves once the server listens. */
export async function runCli(country: CountryDefinition, argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false, // operator commands take their own flags
    options: {
      env: { type: 'string' },
      country: { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = values.help ? 'help' : (positionals[0] ?? 'help');
  const env = typeof values.env === 'string' ? values.env : undefined;
  if (values.country && values.country !== country.name) {
    io.err(`This is ${country.name}'s command; run it through the root \`pnpm mwana\` to pick another country.`);
    return 2;
  }
  // Help needs no config: a fresh server (or bundle) has none yet.
  if (command === 'help') {
    io.out(USAGE);
    return 0;
  }
  let config: MwanaConfig;
  try {
    config = loadCountryConfig(country, { env });
  } catch (error) {
    if (
      error instanceof ConfigValidationError ||
      error instanceof ConfigFileError ||
      error instanceof EnvironmentError
    ) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  switch (command) {
    case 'config':
      io.out(formatConfig(config));
      io.out(await queueInForce(country, config));
      return 0;
    case 'migrate':
      return migrate(country, config, values.check === true, io);
    case 'start': {
      const app = await createCountryApp(country, config);
      const url = await listen(app, config);
      io.out(
        `Mwana ${country.name} (${config.env}) is listening on ${url}  (health: ${url}/health, message tester: ${url}/console/tester)`,
      );
      if (await ensureDevelopmentAdmin(app, url, io.out)) {
        // A first run: an empty console, and demo data one command away.
        io.out(DEMO_HINT);
      }
      return 0;
    }
    case 'demo':
      // Refused before the app boots: nothing at all is written to a staging or production database.
      if (!DEMO_ENVIRONMENTS.includes(config.env)) {
        io.err(`Refused: demo data is for development and test, and this is ${config.env}. Nothing was changed.`);
        return 1;
      }
      return operatorCommand(country, config, command, commandArgs(argv, command), io);
    default:
      return operatorCommand(country, config, command, commandArgs(argv, command), io);
  }
}

/** The arguments after the command word, without `--env` and `--country` and their values. */
function commandArgs(argv: readonly string[], command: string): string[] {
  const args: string[] = [];
  let seenCommand = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--env' || arg === '--country') i++;
    else if (arg.startsWith('--env=') || arg.startsWith('--country=')) continue;
    else if (!seenCommand && arg === command) seenCommand = true;
    else args.push(arg);
  }
  return args;
}

/** Boots the country's app without HTTP and runs the operator command named `name`. */
async function operatorCommand(
  country: CountryDefinition,
  config: MwanaConfig,
  name: string,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const logger = new PinoLoggerService(
    config.section(logConfig).level === 'info' ? 'warn' : config.section(logConfig).level,
  );
  const app = await NestFactory.createApplicationContext(country.appModule(config), { logger, abortOnError: false });
  try {
    const discovery = app.get(DiscoveryService);
    const commands = discovery.getProviders({ metadataKey: OperatorCommandMeta.KEY }).map((wrapper) => ({
      options: discovery.getMetadataByDecorator(OperatorCommandMeta, wrapper) as OperatorCommandOptions,
      runner: wrapper.instance as OperatorCommandRunner,
    }));
    // A command of two words (`contacts import`, given by an app other than the first word's) goes first.
    const sub = commands.find((c) => args.length > 0 && c.options.name === `${name} ${args[0]}`);
    const found = sub ?? commands.find((c) => c.options.name === name);
    if (!found) {
      io.err(
        `Unknown command "${name}".\n\n${USAGE}\n\nOperator commands:\n${commands.flatMap((c) => c.options.usage.map((u) => `  ${u}`)).join('\n')}`,
      );
      return 2;
    }
    return await found.runner.run(sub ? args.slice(1) : args, io);
  } finally {
    await app.close();
  }
}

/**
 * The outbound queue's policy as the database holds it, beside the configured values: what is
 * in force until the next boot sets it to the configuration (`OutboundQueue.onModuleInit`).
 */
export async function queueInForce(
  country: Pick<CountryDefinition, 'migrations'>,
  config: MwanaConfig,
): Promise<string> {
  const settings = config.section(gatewaysConfig);
  const configured = {
    maxAttempts: settings.maxAttempts,
    retryBaseSeconds: settings.retryBaseSeconds,
    leaseSeconds: settings.leaseSeconds,
  };
  const db = config.section(databaseConfig);
  // The embedded engine's data is the server's own while it runs: nothing to read beside it.
  if (isEmbedded(db)) return '\nIn force (outbound queue): the values above, set at each boot.';
  const dataSource = new DataSource(dataSourceOptions(db, config.countryDir, country.migrations));
  try {
    await dataSource.initialize();
    const policy = await readQueuePolicy(poolOf(dataSource));
    if (!policy) return '\nIn force (outbound queue): none yet; the first boot creates it with the values above.';
    const inForce = {
      maxAttempts: policy.retryLimit + 1,
      retryBaseSeconds: policy.retryDelay,
      leaseSeconds: policy.expireInSeconds,
    };
    const lines = (Object.keys(configured) as Array<keyof typeof configured>).map((key) => {
      const note = inForce[key] === configured[key] ? '' : `  (configured ${configured[key]}: from the next boot)`;
      return `  backends.${key} = ${inForce[key]}${note}`;
    });
    return `\nIn force (outbound queue, in the database):\n${lines.join('\n')}`;
  } catch (error) {
    return `\nIn force (outbound queue): the database could not be read (${(error as Error).message}).`;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

async function migrate(country: CountryDefinition, config: MwanaConfig, check: boolean, io: CliIo): Promise<number> {
  const db = config.section(databaseConfig);
  const dataSource = new DataSource(dataSourceOptions(db, config.countryDir, country.migrations));
  await dataSource.initialize();
  try {
    const unknown = await unknownMigrations(dataSource);
    const ahead = unknownMigrationsMessage(unknown, `this build (${country.name} ${country.version})`);
    if (check) {
      const pending = await pendingMigrations(dataSource);
      io.out(
        pending.length === 0
          ? 'No pending migrations.'
          : `Pending migrations:\n${pending.map((n) => `  ${n}`).join('\n')}`,
      );
      if (unknown.length > 0) io.err(ahead);
      return pending.length === 0 && unknown.length === 0 ? 0 : 1;
    }
    // A rolled-back release must not migrate a database a newer one has moved on.
    if (unknown.length > 0) {
      io.err(`${ahead}\nNothing was migrated.`);
      return MIGRATE_REFUSED;
    }
    const ran = await runMigrations(dataSource, isEmbedded(db));
    io.out(
      ran.length === 0
        ? 'No pending migrations.'
        : `Ran ${ran.length} migration(s):\n${ran.map((m) => `  ${m.name}`).join('\n')}`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/** The entry of a country's `cli.js` and `main.js`: runs a command and sets the exit code. */
export function runCliMain(country: CountryDefinition, argv: readonly string[]): void {
  runCli(country, argv).then(
    (code) => {
      if (code !== 0) process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
