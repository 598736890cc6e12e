import { join } from 'node:path';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { TextRenderer } from './text-renderer';
import { Catalogue } from './catalogue';
import { TranslationsCommand } from './translations.command';
import { Translator } from './translator';

/** Core's own catalogues (`packages/core/locale`): the same two levels up from src/i18n and dist/i18n. */
export const CORE_LOCALE_DIR = join(__dirname, '..', '..', 'locale');

export interface I18nModuleOptions {
  /** Catalogue folders, later ones winning: the packages' locale/, then the country's. */
  readonly localeDirs: readonly string[];
}

/**
 * The country's translations: loads the catalogues once at boot (a broken .po file stops the
 * boot, naming the file) and provides the Translator as the router's TextRenderer.
 */
@Module({})
export class I18nModule {
  static forRoot(options: I18nModuleOptions): DynamicModule {
    return {
      module: I18nModule,
      global: true,
      providers: [
        {
          provide: Catalogue,
          useFactory: () => {
            const catalogue = Catalogue.load(options.localeDirs);
            new Logger('I18n').log(`catalogues: ${catalogue.files.length === 0 ? 'none' : catalogue.files.join(', ')}`);
            return catalogue;
          },
        },
        {
          provide: Translator,
          inject: [MwanaConfig, Catalogue],
          useFactory: (config: MwanaConfig, catalogue: Catalogue) => {
            const country = config.section(countryConfig);
            return new Translator({
              defaultLanguage: country.defaultLanguage,
              languages: country.languages.map((language) => language.code),
              catalogue,
            });
          },
        },
        { provide: TextRenderer, useExisting: Translator },
        TranslationsCommand,
      ],
      exports: [Catalogue, Translator, TextRenderer],
    };
  }
}
