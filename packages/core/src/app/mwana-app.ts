import type { DynamicModule } from '@nestjs/common';
import type { ConfigSection, SectionValue } from '../config/config-section';
import type { MigrationList } from '../database/data-source.options';

/**
 * One shared app, declared once by its package (in its `src/index.ts`) and listed once by
 * each country that runs it (`defineCountry({ apps: [...] })`): what the country's config
 * chain validates, what its database runs and which catalogues it reads all follow from it.
 *
 * @example
 * // packages/app-reminders/src/index.ts
 * export const remindersApp = defineApp({
 *   name: 'reminders',
 *   config: remindersConfig,
 *   module: (settings) => RemindersModule.forRoot(settings),
 *   migrations: remindersMigrations,
 *   localeDir: join(__dirname, '..', 'locale'),
 * });
 */
export interface MwanaApp<S extends ConfigSection = ConfigSection> {
  /** The app's name (its config section's, by convention). */
  readonly name: string;
  /** Its section of the config chain, validated at boot with core's. */
  readonly config: S;
  /** Its Nest module, given the validated section (as `XModule.forRoot(settings)`). */
  module(settings: SectionValue<S>): DynamicModule;
  /** Its migrations, in order; they run after core's and those of the apps listed before it. */
  readonly migrations?: MigrationList;
  /** gettext catalogues shipped with the package; the country's own catalogues win over them. */
  readonly localeDir?: string;
}

/** Declares an app, typing `module`'s settings by its config section. */
export function defineApp<S extends ConfigSection>(app: MwanaApp<S>): MwanaApp {
  return app as MwanaApp;
}
