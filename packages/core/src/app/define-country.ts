import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { CORE_LOCALE_DIR } from '../i18n/i18n.module';
import { coreMigrations } from '../migrations';
import type { CountryDefinition } from './country';
import type { MwanaApp } from './mwana-app';

export interface CountryOptions {
  /** Slug, the folder name under countries/ (`zambia`). */
  readonly name: string;
  /** The country package's folder: its package.json, config/ and locale/ are there. */
  readonly dir: string;
  /** The shared apps the country runs, in order (migrations and catalogues follow it). */
  readonly apps: readonly MwanaApp[];
}

/** What a country's deployment is, from what is its own: its name, its folder, its apps. */
export interface Country extends CountryDefinition {
  readonly apps: readonly MwanaApp[];
}

/** The root module of a country app: core, then each app with its own section of the chain. */
@Module({})
export class CountryModule {}

/**
 * A deployable country: its apps listed once, and from them its config sections, its
 * migrations (core's first), its catalogues (core's, the apps', then the country's own
 * `locale/`) and its root module. The version is the country package's.
 *
 * @example
 * // countries/zambia/src/country.ts
 * export const zambia = defineCountry({
 *   name: 'zambia',
 *   dir: join(__dirname, '..'),
 *   apps: [locationsApp, labresultsApp, remindersApp, broadcastApp],
 * });
 */
export function defineCountry({ name, dir, apps }: CountryOptions): Country {
  const names = apps.map((app) => app.name);
  const twice = names.find((app, i) => names.indexOf(app) !== i);
  if (twice) throw new Error(`${name} lists the app "${twice}" twice`);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const migrations = [...coreMigrations, ...apps.flatMap((app) => app.migrations ?? [])];
  const localeDirs = [
    CORE_LOCALE_DIR,
    ...apps.flatMap((app) => (app.localeDir ? [app.localeDir] : [])),
    join(dir, 'locale'),
  ];
  return {
    name,
    dir,
    version,
    apps,
    sections: apps.map((app) => app.config),
    migrations,
    localeDirs,
    appModule: (config): DynamicModule => ({
      module: CountryModule,
      imports: [
        CoreModule.forRoot({ config, version, migrations, localeDirs }),
        ...apps.map((app) => app.module(config.section(app.config))),
      ],
    }),
  };
}
