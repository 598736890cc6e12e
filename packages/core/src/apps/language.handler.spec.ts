import { cleanMessageText } from '../text';
import { findLanguage } from './language.handler';

const zambia = [
  { code: 'en', name: 'English' },
  { code: 'bem', name: 'Bemba' },
  { code: 'nya', name: 'Nyanja' },
  { code: 'ton', name: 'Tonga' },
];
const malawi = [
  { code: 'en', name: 'English' },
  { code: 'chi_MW', name: 'Chichewa' },
];

/** The text after LANGUAGE as the router hands it over: cleaned the standard way. */
const typed = (text: string) => cleanMessageText(text);

describe('LANGUAGE: the language a health worker names (docs/keywords.md#language)', () => {
  it.each([
    ['bem', 'bem'],
    ['BEM', 'bem'],
    ['Bemba.', 'bem'],
    ['bemba!', 'bem'],
    ['-Tonga-', 'ton'],
    ['"nyanja"', 'nya'],
    ['\u201cNyanja\u201d', 'nya'],
    ['\u00a0english\u00a0', 'en'],
    ['ｂｅｍ', 'bem'],
  ])('Zambia: %j is %j', (text, code) => {
    expect(findLanguage(zambia, typed(text))?.code).toBe(code);
  });

  it.each([
    ['chi', 'chi_MW'],
    ['CHI_MW', 'chi_MW'],
    ['chichewa', 'chi_MW'],
  ])('Malawi: %j is %j', (text, code) => {
    expect(findLanguage(malawi, typed(text))?.code).toBe(code);
  });

  it.each(['french', 'be', 'bemba please', '', '...', 'chi'])('Zambia: %j is none of its languages', (text) => {
    expect(findLanguage(zambia, typed(text))).toBeUndefined();
  });
});
