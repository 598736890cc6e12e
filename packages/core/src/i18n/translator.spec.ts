import { join } from 'node:path';
import { literal } from './translatable';
import { country, fixtures, shared, texts } from './__fixtures__/clinic-texts';
import { Catalogue } from './catalogue';
import { I18nErrorCode } from './i18n.error';
import { defineMessages } from './messages';
import { Translator } from './translator';

const mary = { name: 'Mary', clinic: 'Chipata' };

function translator(options: { defaultLanguage?: string; languages?: string[]; dirs?: string[] } = {}): Translator {
  return new Translator({
    defaultLanguage: options.defaultLanguage ?? 'en',
    languages: options.languages ?? ['en', 'bem', 'chi_MW', 'tst'],
    catalogue: Catalogue.load(options.dirs ?? [shared]),
  });
}

describe('Translator: which language', () => {
  it("speaks the contact's language when the catalogue translates the text", () => {
    expect(translator().render(texts.resultsReady, mary, 'bem')).toBe('Mwapoleni Mary. Ifyakufuma fyafika ku Chipata.');
    expect(translator().render(texts.resultsReady, mary, 'chi_MW')).toBe('Moni Mary, zotsatira zafika ku Chipata.');
  });

  it('falls back to the default language, then to English, text by text', () => {
    const t = translator({ defaultLanguage: 'chi_MW' });
    expect(t.render(texts.help, {}, 'bem')).toBe('Tumizani HELP kuti muthandizidwe.'); // fuzzy in bem
    expect(t.render(texts.thanks, {}, 'bem')).toBe('Thank you.'); // empty in bem, absent in chi_MW
    expect(t.render(texts.resultsReady, mary, 'bem')).toBe('Mwapoleni Mary. Ifyakufuma fyafika ku Chipata.');
  });

  it('uses the default language for no language, or one the country does not offer', () => {
    const t = translator({ defaultLanguage: 'chi_MW', languages: ['en', 'chi_MW'] });
    expect(t.render(texts.help, {}, null)).toBe('Tumizani HELP kuti muthandizidwe.');
    expect(t.render(texts.help, {}, undefined)).toBe('Tumizani HELP kuti muthandizidwe.');
    expect(t.render(texts.help, {}, 'bem')).toBe('Tumizani HELP kuti muthandizidwe.'); // bem.po exists, bem is not offered
    expect(t.languageFor('bem')).toBe('chi_MW');
    expect(t.languageFor('en')).toBe('en');
  });

  it('speaks English to a contact who chose English, whatever the default', () => {
    expect(translator({ defaultLanguage: 'bem' }).render(texts.resultsReady, mary, 'en')).toBe(
      'Hello Mary. Results are ready at Chipata.',
    );
    expect(translator({ defaultLanguage: 'bem' }).render(texts.resultsReady, mary, null)).toBe(
      'Mwapoleni Mary. Ifyakufuma fyafika ku Chipata.',
    );
  });

  it('uses a bem translation for bem_ZM when bem_ZM has none, as gettext does', () => {
    expect(translator({ languages: ['en', 'bem_ZM'] }).render(texts.resultsReady, mary, 'bem_ZM')).toBe(
      'Mwapoleni Mary. Ifyakufuma fyafika ku Chipata.',
    );
  });

  it('tells texts apart by context', () => {
    expect(translator().render(texts.may, {}, 'bem')).toBe('Kapepa');
    expect(translator().render(texts.mayVerb, {}, 'bem')).toBe('May');
  });

  it('does not use a plural entry for a singular text', () => {
    expect(translator().render(texts.welcome, {}, 'bem')).toBe('Welcome');
  });

  it('sends a literal exactly as it is, braces included', () => {
    expect(translator().render(literal('echo {name}'), {}, 'bem')).toBe('echo {name}');
  });
});

describe('Translator: placeholders', () => {
  it('fills named placeholders in the translation and ignores values it does not use', () => {
    expect(translator({ dirs: [shared, country] }).render(texts.leaveDone, { name: 'Mary', extra: 1 }, 'bem')).toBe(
      'Mary, mwafuma bwino. Natulanda ukumwishiba.',
    );
  });

  it('throws, naming the placeholder, when a value is missing: {clinic} never reaches a phone', () => {
    const render = (): string => translator().render(texts.resultsReady, { name: 'Mary' }, 'bem');
    expect(render).toThrow(expect.objectContaining({ code: I18nErrorCode.MissingValue }));
    expect(render).toThrow('No value for {clinic} in clinic.resultsReady (bem)');
  });

  it('does not take inherited properties for values', () => {
    const odd = defineMessages('odd', { text: 'Made by {constructor}' });
    expect(() => translator().render(odd.text, {})).toThrow('No value for {constructor}');
  });
});

describe('Translator: plurals', () => {
  it('picks the form by the Bemba catalogue rule (2 forms)', () => {
    const t = translator();
    expect([0, 1, 2, 5].map((n) => t.renderPlural(texts.results, n, {}, 'bem'))).toEqual([
      'ifipimo 0',
      'icipimo 1',
      'ifipimo 2',
      'ifipimo 5',
    ]);
  });

  it('picks the form by a 3-form rule', () => {
    const t = translator({ dirs: [join(fixtures, 'three-forms')] });
    expect([1, 2, 0, 3, 11].map((n) => t.renderPlural(texts.results, n, {}, 'tst'))).toEqual([
      'one result',
      'a pair of results',
      '0 results, many',
      '3 results, many',
      '11 results, many',
    ]);
  });

  it('falls back to English singular and plural', () => {
    const t = translator();
    expect(t.renderPlural(texts.results, 1, {}, 'tst')).toBe('1 result');
    expect(t.renderPlural(texts.results, 0, {}, 'tst')).toBe('0 results');
    expect(t.renderPlural(texts.samples, 1, {}, 'bem')).toBe('1 sample'); // bem lacks a form: incomplete
  });

  it('renders a plural text through render() with params.count, as the router does', () => {
    expect(translator().render(texts.results, { count: 3 }, 'chi_MW')).toBe('zotsatira 3');
    expect(() => translator().render(texts.results, {}, 'bem')).toThrow(
      expect.objectContaining({ code: I18nErrorCode.BadPlural }),
    );
    expect(() => translator().render(texts.results, { count: '3' }, 'bem')).toThrow('numeric {count}');
  });

  it('rejects a count that is not a whole number, and a singular text', () => {
    expect(() => translator().renderPlural(texts.results, -1)).toThrow('count must be a whole number');
    expect(() => translator().renderPlural(texts.results, 1.5)).toThrow('count must be a whole number');
    // @ts-expect-error a singular text is not a PluralMessage
    expect(() => translator().renderPlural(texts.help, 2)).toThrow('clinic.help is not a plural text');
  });
});
