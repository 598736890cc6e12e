import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { buildConfig } from '../config/config-loader';
import { MwanaConfigModule } from '../config/config.module';
import { countryConfig } from '../config/core.config';
import { TextRenderer } from './text-renderer';
import { I18nModule } from './i18n.module';
import { defineMessages } from './messages';
import { Translator } from './translator';

const texts = defineMessages('clinic', { help: 'Send HELP for help.' });

async function renderer(defaultLanguage: string): Promise<TextRenderer> {
  const config = buildConfig({
    country: 'zambia',
    sections: [countryConfig],
    values: {
      country: {
        name: 'Zambia',
        code: 'ZM',
        timezone: 'Africa/Lusaka',
        languages: [
          { code: 'en', name: 'English' },
          { code: 'bem', name: 'Bemba' },
        ],
        defaultLanguage,
      },
    },
  });
  const fixtures = join(__dirname, '__fixtures__');
  const moduleRef = await Test.createTestingModule({
    imports: [
      MwanaConfigModule.forRoot(config),
      I18nModule.forRoot({ localeDirs: [join(fixtures, 'shared'), join(fixtures, 'country')] }),
    ],
  }).compile();
  return moduleRef.get(TextRenderer);
}

describe('I18nModule', () => {
  it("provides the Translator as the router's TextRenderer, with the country's languages and layered folders", async () => {
    const bemDefault = await renderer('bem');
    expect(bemDefault).toBeInstanceOf(Translator);
    expect(bemDefault.render(texts.help, {}, null)).toBe('Tumeni HELP nga mulefwaya ubwafwilisho.'); // the country folder's
    expect(bemDefault.render(texts.help, {}, 'chi_MW')).toBe('Tumeni HELP nga mulefwaya ubwafwilisho.'); // not a Zambian language
    expect((await renderer('en')).render(texts.help, {}, null)).toBe('Send HELP for help.');
  });
});
