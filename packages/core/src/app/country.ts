import type { DynamicModule } from '@nestjs/common';
import type { ConfigSection } from '../config/config-section';
import { type ConfigProblem, loadConfig } from '../config/config-loader';
import { valueAt } from '../config/config-print';
import { countryConfig, httpConfig } from '../config/core.config';
import { type MwanaEnv, type MwanaEnvironment, MWANA_ENVS, readEnvironment } from '../config/environment';
import type { MwanaConfig } from '../config/mwana-config';
import { databaseConfig } from '../database/database.config';
import type { MigrationList } from '../database/data-source.options';
import { logConfig } from '../logging/pino-logger';
import { routerConfig } from '../messaging/router.config';
import { textConfig } from '../apps/string-cleaning.app';
import type { GatewayDefinition } from '../gateways/gateway';
import { gatewaysConfig, withGatewayTypes } from '../gateways/gateways.config';
import { schedulerConfig } from '../scheduling/scheduler.config';
import { consoleConfig } from '../console/console.config';
import { contactsConfig } from '../contacts/contacts.config';

/** Config sections core itself owns; every country includes them. */
export const CORE_SECTIONS: readonly ConfigSection[] = [
  countryConfig,
  httpConfig,
  databaseConfig,
  logConfig,
  routerConfig,
  textConfig,
  gatewaysConfig,
  schedulerConfig,
  consoleConfig,
  contactsConfig,
];

/**
 * One deployable country: what its config chain validates, which migrations its database
 * runs, and the root module that composes the shared apps; `defineCountry` makes one from
 * the country's list of apps.
 */
export interface CountryDefinition {
  /** Slug, the folder name under countries/. */
  readonly name: string;
  /** The country package's folder (its config/ is inside). */
  readonly dir: string;
  readonly version: string;
  /** Sections of the apps the country composes; core's are added. */
  readonly sections: readonly ConfigSection[];
  readonly migrations: MigrationList;
  /** gettext catalogue folders, later ones winning: the packages' locale/, then the country's. */
  readonly localeDirs: readonly string[];
  readonly appModule: (config: MwanaConfig) => DynamicModule;
  /** Gateway types of the country's own, beside core's (also given to `CoreModule.forRoot`). */
  readonly gateways?: readonly GatewayDefinition[];
}

export function countrySections(country: CountryDefinition): ConfigSection[] {
  return withGatewayTypes([...CORE_SECTIONS, ...country.sections], country.gateways ?? []);
}

/** The validated chain for a country; `env` overrides MWANA_ENV (as `--env` does). */
export function loadCountryConfig(
  country: CountryDefinition,
  options: { env?: string; environment?: MwanaEnvironment } = {},
): MwanaConfig {
  const environment = options.environment ?? readEnvironment();
  if (options.env !== undefined && !MWANA_ENVS.includes(options.env as MwanaEnv)) {
    throw new Error(`--env must be one of ${MWANA_ENVS.join(', ')}; it is "${options.env}".`);
  }
  return loadConfig({
    country: country.name,
    countryDir: country.dir,
    sections: countrySections(country),
    environment: options.env ? { ...environment, env: options.env as MwanaEnv } : environment,
    checks: [serverRequirements, defaultLanguageIsOffered],
  });
}

function defaultLanguageIsOffered(merged: Record<string, unknown>): ConfigProblem[] {
  const languages = valueAt(merged, 'country.languages');
  const language = valueAt(merged, 'country.defaultLanguage') ?? 'en';
  if (!Array.isArray(languages)) return [];
  const codes = languages.map((l) => (l as { code?: unknown }).code);
  return codes.includes(language)
    ? []
    : [
        {
          key: 'country.defaultLanguage',
          message: `"${String(language)}" is not one of country.languages (${codes.join(', ')})`,
          setBy: "the country's config",
        },
      ];
}

/**
 * What a server needs that a laptop does not: PostgreSQL (the embedded engine is for a
 * laptop), a stable console session secret (sessions must outlive a restart and be shared
 * by every instance), the PIN pepper, and Secure cookies.
 */
function serverRequirements(merged: Record<string, unknown>, env: MwanaEnv): ConfigProblem[] {
  if (env !== 'staging' && env !== 'production') return [];
  const problems: ConfigProblem[] = [];
  if (!valueAt(merged, 'database.url')) {
    problems.push({
      key: 'database.url',
      message: `required in ${env}`,
      setBy: 'no layer: set DATABASE_URL or MWANA__DATABASE__URL',
    });
  }
  if (!valueAt(merged, 'console.sessionSecret')) {
    problems.push({
      key: 'console.sessionSecret',
      message: `required in ${env}`,
      setBy: 'no layer: set MWANA__CONSOLE__SESSION_SECRET (32+ characters)',
    });
  }
  if (!valueAt(merged, 'contacts.pinPepper')) {
    problems.push({
      key: 'contacts.pinPepper',
      message: `required in ${env}: it keys every PIN hash`,
      setBy: 'no layer: set MWANA__CONTACTS__PIN_PEPPER (32+ random characters, kept with the backups)',
    });
  }
  if (valueAt(merged, 'console.secureCookie') === 'never') {
    problems.push({
      key: 'console.secureCookie',
      message: `cannot be never in ${env}: session cookies are always Secure there`,
      setBy: 'a layer of the chain',
    });
  }
  return problems;
}
