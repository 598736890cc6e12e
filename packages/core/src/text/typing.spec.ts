import { cleanMessageText } from './string-cleaning';
import { plainTyping } from './typing';

describe('plainTyping: what phones send that looks like ASCII', () => {
  it.each([
    ['BIRTH\u00a0Mary', 'BIRTH Mary'], // no-break space
    ['BIRTH\u202fMary\u2009Banda', 'BIRTH Mary Banda'], // narrow no-break and thin spaces
    ['AGENT\u3000403012', 'AGENT 403012'], // ideographic space
    ['RECEIVED ５ ４０３０１２', 'RECEIVED 5 403012'], // full-width digits
    ['ＪＯＩＮ ｍａｒｙ', 'JOIN mary'], // full-width letters
    ['TOLD \u201cMary\u201d', 'TOLD Mary'], // curly double quotes
    ['TOLD Mary\u2019s', 'TOLD Marys'], // curly apostrophe, removed as step 3 removes '
    ['BIRTH 01\u201302\u20142026', 'BIRTH 01-02-2026'], // en and em dashes
    ['LEAVE\u200b', 'LEAVE'], // zero-width space
    ['\ufeffJOIN', 'JOIN'], // a byte order mark
    ['Chifundo Ngʼambi é', 'Chifundo Ngʼambi é'], // letters of names stay
  ])('reads %j as %j', (typed, plain) => {
    expect(plainTyping(typed)).toBe(plain);
  });

  it('is step 0 of the standard cleaning, not of verbatim text', () => {
    expect(cleanMessageText('RECEIVED\u00a0５,\u00a0４０３０１２.')).toBe('RECEIVED 5  403012');
    expect(cleanMessageText('ALL \u201cmeeting\u201d at ５', 'verbatim')).toBe('ALL \u201cmeeting\u201d at ５');
  });
});
