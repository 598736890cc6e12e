import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ConfigValidationError } from '../config/config-loader';
import { ConfigFileError } from '../config/config-layers';
import { formatConfig } from '../config/config-print';
import { EnvironmentError } from '../config/environment';
import type { MwanaConfig } from '../config/mwana-config';
import { databaseConfig } from '../database/database.config';
import { dataSourceOptions, isEmbedded } from '../database/data-source.options';
import { pendingMigrations, runMigrations } from '../database/migrations';
import { createCountryApp, listen } from '../app/bootstrap';
import { type CountryDefinition, loadCountryConfig } from '../app/country';

const USAGE = `Usage: mwana <command> [--country <name>] [--env development|test|staging|production]

Commands:
  start               start the server (embedded database when none is configured)
  config              print the merged configuration and the layer of each value, secrets masked
  migrate             run pending migrations
  migrate --check     list pending migrations; exit 1 if any
  help                this text`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** `mwana` for one country. Returns the exit code; `start` resolves once the server listens. */
export async function runCli(country: CountryDefinition, argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      country: { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = values.help ? 'help' : (positionals[0] ?? 'help');
  if (values.country && values.country !== country.name) {
    io.err(`This is ${country.name}'s command; run it through the root \`pnpm mwana\` to pick another country.`);
    return 2;
  }
  let config: MwanaConfig;
  try {
    config = loadCountryConfig(country, { env: values.env });
  } catch (error) {
    if (error instanceof ConfigValidationError || error instanceof ConfigFileError || error instanceof EnvironmentError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  switch (command) {
    case 'config':
      io.out(formatConfig(config));
      return 0;
    case 'migrate':
      return migrate(country, config, values.check, io);
    case 'start': {
      const app = await createCountryApp(country, config);
      const url = await listen(app, config);
      io.out(`Mwana ${country.name} (${config.env}) is listening on ${url}  (health: ${url}/health)`);
      return 0;
    }
    case 'help':
      io.out(USAGE);
      return 0;
    default:
      io.err(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

async function migrate(country: CountryDefinition, config: MwanaConfig, check: boolean, io: CliIo): Promise<number> {
  const db = config.section(databaseConfig);
  const dataSource = new DataSource(dataSourceOptions(db, config.countryDir, country.migrations));
  await dataSource.initialize();
  try {
    if (check) {
      const pending = await pendingMigrations(dataSource);
      io.out(pending.length === 0 ? 'No pending migrations.' : `Pending migrations:\n${pending.map((n) => `  ${n}`).join('\n')}`);
      return pending.length === 0 ? 0 : 1;
    }
    const ran = await runMigrations(dataSource, isEmbedded(db));
    io.out(ran.length === 0 ? 'No pending migrations.' : `Ran ${ran.length} migration(s):\n${ran.map((m) => `  ${m.name}`).join('\n')}`);
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
