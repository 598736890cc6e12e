import { Catalogue } from './catalogue';
import { checkLengths, type LengthSamples } from './length-check';
import { defineMessages } from './messages';
import { Translator } from './translator';

const texts = defineMessages('lengths', {
  ready: 'Hello {name}. Results are ready at {clinic}.',
  batch: { text: 'Results: {results}', long: 'a batch of results' },
});

const samples: LengthSamples = {
  name: 'N'.repeat(30),
  clinic: 'C'.repeat(40),
  district: 'D',
  province: 'P',
  count: 999,
};

function po(msgstr: string): string {
  return `msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#, fuzzy\nmsgid "${texts.ready.id}"\nmsgstr "${msgstr}"\n`;
}

function reports(bem: string) {
  const catalogue = Catalogue.fromSources([{ language: 'bem', file: 'bem.po', content: po(bem) }]);
  const translator = new Translator({ defaultLanguage: 'en', languages: ['en', 'bem'], catalogue });
  return checkLengths(translator, Object.values(texts), ['en', 'bem'], 160, samples);
}

describe('checkLengths', () => {
  it('renders every text in every language with the long values, as the outbox would split it', () => {
    const ready = reports('Mwapoleni {name}. Ifyafumamo fyafika ku {clinic}.').filter((r) => r.message === texts.ready);
    expect(ready.map((r) => [r.language, r.length, r.tooLong])).toEqual([
      ['en', 'Hello . Results are ready at .'.length + 70, false],
      ['bem', 'Mwapoleni . Ifyafumamo fyafika ku .'.length + 70, false],
    ]);
    expect(ready[1].rendered).toBe(`Mwapoleni ${'N'.repeat(30)}. Ifyafumamo fyafika ku ${'C'.repeat(40)}.`);
  });

  it('fails a translation made too long, naming the text, the language and the length', () => {
    const long = `Mwapoleni {name}. ${'Ifyafumamo fyenu fyafika ku cipatala. '.repeat(3)}{clinic}.`;
    const failures = reports(long).filter((r) => r.tooLong);
    expect(failures.map((r) => [r.label, r.language, r.length, r.parts.length])).toEqual([
      ['lengths.ready', 'bem', long.length - '{name}{clinic}'.length + 70, 2],
    ]);
  });

  it('does not fail a text declared long, and shows its split', () => {
    const batch = reports('{name} {clinic}').filter((r) => r.message === texts.batch);
    expect(batch.every((r) => !r.tooLong && r.parts.length > 1)).toBe(true);
    expect(batch[0].parts.join(' ')).toBe(batch[0].rendered);
    expect(batch[0].parts.every((p) => p.length <= 160)).toBe(true);
  });
});
