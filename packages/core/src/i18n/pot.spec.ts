import { join } from 'node:path';
import { texts } from './__fixtures__/clinic-texts';
import { Catalogue } from './catalogue';
import { I18nErrorCode } from './i18n.error';
import { defineMessages, messageLabel, plural, registeredMessages } from './messages';
import { findMissingTranslations } from './missing-translations';
import { compilePo, parsePo, type PoEntry } from './po-file';
import { toPot } from './pot';
import { Translator } from './translator';

const agents = defineMessages('agents', {
  thanks: 'Thank you.',
  confirm: 'Reply "YES" to confirm,\nor NO.',
});

describe('findMissingTranslations', () => {
  const catalogue = Catalogue.load([join(__dirname, '__fixtures__', 'shared')]);

  it('lists, per language but English, exactly the messages without a usable translation', () => {
    const all = Object.values(texts);
    const missing = findMissingTranslations(catalogue, ['en', 'bem', 'chi_MW', 'ton'], all);
    expect(missing.map((m) => [m.language, m.messages.map((message) => message.key)])).toEqual([
      ['bem', ['help', 'thanks', 'samples', 'mayVerb', 'welcome']], // fuzzy, empty, a form missing, no context, plural entry
      ['chi_MW', ['leaveDone', 'thanks', 'samples', 'may', 'mayVerb', 'welcome']],
      ['ton', all.map((message) => message.key)],
    ]);
  });

  it('checks every registered message by default', () => {
    const [bem] = findMissingTranslations(catalogue, ['bem']);
    expect(bem.messages.map(messageLabel)).toEqual([
      'clinic.help',
      'clinic.thanks',
      'clinic.samples',
      'clinic.mayVerb',
      'clinic.welcome',
      'agents.thanks',
      'agents.confirm',
    ]);
  });
});

describe('toPot', () => {
  const pot = toPot(registeredMessages(), { project: 'Mwana Zambia 1.0' });
  const parsed = parsePo(pot);
  const entry = (msgid: string, context = ''): PoEntry | undefined => parsed.translations[context]?.[msgid];

  it('writes a header translators fill in', () => {
    expect(parsed.headers).toMatchObject({
      'Project-Id-Version': 'Mwana Zambia 1.0',
      'Content-Type': 'text/plain; charset=utf-8',
      'Plural-Forms': 'nplurals=INTEGER; plural=EXPRESSION;',
    });
  });

  it('names each message in a #. comment and flags placeholders python-brace-format', () => {
    expect(pot).toContain(
      '#. clinic.resultsReady\n#, python-brace-format\nmsgid "Hello {name}. Results are ready at {clinic}."\nmsgstr ""\n',
    );
    expect(entry('Send HELP for help.')).toEqual({
      msgid: 'Send HELP for help.',
      msgstr: [''],
      comments: { extracted: 'clinic.help' }, // no placeholder, no python-brace-format
    });
  });

  it('writes plurals, contexts, and escapes quotes and newlines', () => {
    expect(entry('{count} result')).toMatchObject({ msgid_plural: '{count} results', msgstr: ['', ''] });
    expect(entry('May', 'month')).toMatchObject({ msgctxt: 'month', msgstr: [''] });
    expect(entry('May')).toMatchObject({ msgstr: [''], comments: { extracted: 'clinic.mayVerb' } });
    expect(entry('Reply "YES" to confirm,\nor NO.')?.msgid).toBe(agents.confirm.id);
    expect(pot).toContain('msgid ""\n"Reply \\"YES\\" to confirm,\\n"\n"or NO."');
  });

  it('gives one entry to messages sharing an English text, naming them all, domains in order', () => {
    expect(entry('Thank you.')?.comments?.extracted).toBe('agents.thanks\nclinic.thanks');
    expect(pot.indexOf('agents.confirm')).toBeLessThan(pot.indexOf('clinic.resultsReady'));
  });

  it('refuses one English text as both singular and plural: a catalogue cannot hold both', () => {
    const clash = defineMessages('other', { day: plural('Welcome', 'Welcomes') });
    expect(() => toPot([texts.welcome, clash.day])).toThrow(
      expect.objectContaining({
        code: I18nErrorCode.ConflictingMessage,
        message: expect.stringContaining('clinic.welcome and other.day'),
      }),
    );
  });

  it('starts a catalogue the Translator reads once translated', () => {
    const translate: Record<string, string[]> = {
      'Hello {name}. Results are ready at {clinic}.': ['Moni {name}, zotsatira zafika ku {clinic}.'],
      '{count} result': ['zotsatira {count} chimodzi', 'zotsatira {count}'],
    };
    const translations = Object.fromEntries(
      Object.entries(parsed.translations).map(([context, entries]) => [
        context,
        Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, { ...e, msgstr: translate[id] ?? e.msgstr }])),
      ]),
    );
    const po = compilePo({
      ...parsed,
      headers: { ...parsed.headers, Language: 'chi_MW', 'Plural-Forms': 'nplurals=2; plural=(n != 1);' },
      translations,
    });
    const translator = new Translator({
      defaultLanguage: 'en',
      languages: ['en', 'chi_MW'],
      catalogue: Catalogue.fromSources([{ language: 'chi_MW', file: 'chi_MW.po', content: po }]),
    });
    expect(translator.render(texts.resultsReady, { name: 'Mary', clinic: 'Zomba' }, 'chi_MW')).toBe(
      'Moni Mary, zotsatira zafika ku Zomba.',
    );
    expect(translator.renderPlural(texts.results, 4, {}, 'chi_MW')).toBe('zotsatira 4');
    expect(translator.render(texts.help, {}, 'chi_MW')).toBe('Send HELP for help.');
  });
});
