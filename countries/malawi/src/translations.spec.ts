import {
  Catalogue,
  checkLengths,
  countryConfig,
  findMissingTranslations,
  lengthSamples,
  loadCountryConfig,
  registeredMessages,
  Translator,
  type PoSource,
} from '@mwana/core';
import { malawi } from './country';

// Malawi's catalogues as `pnpm mwana translations check` reads them (and .ci/run runs it).
const config = loadCountryConfig(malawi, { env: 'test' }).section(countryConfig);
const languages = config.languages.map((l) => l.code);

function lengthFailures(sources: readonly PoSource[]) {
  const translator = new Translator({
    defaultLanguage: config.defaultLanguage,
    languages,
    catalogue: Catalogue.fromSources(sources),
  });
  const reports = checkLengths(
    translator,
    registeredMessages(),
    languages,
    config.smsMaxLength,
    lengthSamples(malawi.dir, translator),
  );
  return reports.filter((r) => r.tooLong).map((r) => `${r.language} ${r.label} ${r.length}`);
}

describe("Malawi's translations", () => {
  const sources = Catalogue.readSources(malawi.localeDirs);

  it('translate every text of every installed app into Chichewa (as fuzzy drafts)', () => {
    const counts = findMissingTranslations(Catalogue.fromSources(sources), languages).map((m) => [
      m.language,
      m.messages.length,
      m.fuzzy.length,
    ]);
    const total = registeredMessages().length;
    expect(counts).toEqual([['chi_MW', 0, total]]);
  });

  it('fit one SMS with long values in every language, unless a text says why it may be long', () => {
    expect(lengthFailures(sources)).toEqual([]);
  });

  it('fail the length check when a translation is made too long, naming text, language and length', () => {
    const longer = `#, fuzzy\nmsgid "To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>"\nmsgstr "${'Pa kuilembesha, tumeni JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>. '.repeat(3)}"\n`;
    const extra = {
      language: 'chi_MW',
      file: 'longer/chi_MW.po',
      content: `msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n${longer}`,
    };
    expect(lengthFailures([...sources, extra])).toEqual(['chi_MW labresults.joinHelp 210']);
  });
});
