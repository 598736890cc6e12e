import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { country, fixtures, shared, texts } from './__fixtures__/clinic-texts';
import { Catalogue } from './catalogue';
import { I18nErrorCode } from './i18n.error';
import { defineMessages } from './messages';

const header = (pluralForms?: string): string =>
  [
    'msgid ""',
    'msgstr ""',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    ...(pluralForms ? [`"Plural-Forms: ${pluralForms}\\n"`] : []),
    '',
  ].join('\n');

function bem(po: string): Catalogue {
  return Catalogue.fromSources([{ language: 'bem', file: '/locale/bem.po', content: po }]);
}

describe('Catalogue', () => {
  it('reads <dir>/<language>.po and lists its languages and files', () => {
    const catalogue = Catalogue.load([shared]);
    expect(catalogue.languages.sort()).toEqual(['bem', 'chi_MW']);
    expect(catalogue.files).toEqual([join(shared, 'bem.po'), join(shared, 'chi_MW.po')]);
  });

  it('layers folders: a later translation wins, an empty or fuzzy one does not hide an earlier one', () => {
    const layered = Catalogue.load([shared, country]);
    expect(layered.find('bem', texts.leaveDone)?.forms).toEqual(['{name}, mwafuma bwino. Natulanda ukumwishiba.']);
    expect(layered.find('bem', texts.leaveDone)?.file).toBe(join(country, 'bem.po'));
    expect(layered.find('bem', texts.resultsReady)?.forms).toEqual([
      'Mwapoleni {name}. Ifyakufuma fyafika ku {clinic}.',
    ]);
    expect(layered.find('bem', texts.help)?.forms).toEqual(['Tumeni HELP nga mulefwaya ubwafwilisho.']); // fuzzy in shared
    expect(Catalogue.load([country, shared]).find('bem', texts.leaveDone)?.forms).toEqual([
      'Mwafuma, {name}. Twalelanda.',
    ]);
  });

  it('uses a fuzzy draft (marked fuzzy) but not a stale fuzzy guess or an empty entry', () => {
    const catalogue = Catalogue.load([shared]);
    const draft = defineMessages('clinic', { draft: 'Come to the clinic.' }).draft;
    expect(catalogue.find('bem', draft)).toMatchObject({ forms: ['Iseni ku cipatala.'], fuzzy: true });
    expect(catalogue.find('bem', texts.resultsReady)?.fuzzy).toBe(false);
    expect(catalogue.find('bem', texts.help)).toBeUndefined();
    expect(catalogue.find('bem', defineMessages('clinic', { thanks: 'Thank you.' }).thanks)).toBeUndefined();
  });

  it('skips a folder that does not exist (git keeps no empty folder) but not a file given as a folder', () => {
    expect(Catalogue.load([join(fixtures, 'none'), shared]).languages).toHaveLength(2);
    expect(() => Catalogue.load([join(shared, 'bem.po')])).toThrow('is not a folder');
  });

  it('refuses a .po file not named after a language, which would never be used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mwana-i18n-'));
    try {
      writeFileSync(join(dir, 'bemba.po'), header());
      expect(() => Catalogue.load([dir])).toThrow('bemba.po: is not named <language>.po');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses a translation with a placeholder the English does not have, naming file and placeholder', () => {
    const po = `${header()}\nmsgid "Hello {name}. Results are ready at {clinic}."\nmsgstr "Mwapoleni {nama}."\n`;
    expect(() => bem(po)).toThrow(expect.objectContaining({ code: I18nErrorCode.BadCatalogue }));
    expect(() => bem(po)).toThrow(
      '/locale/bem.po: "Mwapoleni {nama}." has {nama}, which "Hello {name}. Results are ready at {clinic}." does not have',
    );
  });

  it('refuses a singular translation that drops a placeholder, as msgfmt --check does', () => {
    const po = `${header()}\nmsgid "Hello {name}. Results are ready at {clinic}."\nmsgstr "Mwapoleni {name}."\n`;
    expect(() => bem(po)).toThrow(
      '/locale/bem.po: "Mwapoleni {name}." lacks {clinic}, which "Hello {name}. Results are ready at {clinic}." has',
    );
  });

  it('accepts a plural form that leaves a placeholder out, and checks forms against both English forms', () => {
    const po = `${header('nplurals=2; plural=(n != 1);')}
msgid "{count} result"
msgid_plural "{count} results"
msgstr[0] "icipimo cimo"
msgstr[1] "ifipimo {count}"
`;
    expect(bem(po).find('bem', texts.results)?.forms).toEqual(['icipimo cimo', 'ifipimo {count}']);
  });

  it('takes `n != 1` when there is no Plural-Forms header', () => {
    const po = `${header()}\nmsgid "{count} result"\nmsgid_plural "{count} results"\nmsgstr[0] "one"\nmsgstr[1] "many"\n`;
    const rule = bem(po).find('bem', texts.results)?.pluralIndex;
    expect([0, 1, 2].map((n) => rule?.(n))).toEqual([1, 0, 1]);
  });

  it.each([
    ['the template placeholder', 'nplurals=INTEGER; plural=EXPRESSION;'],
    ['no plural expression', 'nplurals=2;'],
    ['code instead of arithmetic', 'nplurals=2; plural=process.exit(1);'],
    ['an unknown variable', 'nplurals=2; plural=x > 1;'],
    ['a form beyond nplurals', 'nplurals=2; plural=(n==1 ? 0 : n==2 ? 1 : 2);'],
  ])('refuses a Plural-Forms header with %s', (_, pluralForms) => {
    expect(() => bem(header(pluralForms))).toThrow(/bem\.po: (cannot read Plural-Forms|Plural-Forms .* gives form)/);
  });

  it('reads a file without a header entry', () => {
    expect(bem('msgid "Send HELP for help."\nmsgstr "Tumeni HELP."\n').find('bem', texts.help)?.forms).toEqual([
      'Tumeni HELP.',
    ]);
  });

  it('reports a file gettext-parser cannot read, naming it', () => {
    expect(() => bem('msgid "Send "HELP" for help."\nmsgstr "Tumeni HELP."\n')).toThrow(/^\/locale\/bem\.po: .*quote/i);
  });
});
