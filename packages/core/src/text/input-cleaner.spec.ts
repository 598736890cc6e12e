import {
  collapseSpaces,
  exactNumberWord,
  lettersToDigits,
  levenshtein,
  removeDashAndPlus,
  soundex,
  wordsToNumber,
} from './input-cleaner';

describe('wordsToNumber', () => {
  it.each([
    ['two', 2],
    ['too', 2],
    ['thri hundred two', 302],
    ['thri hundred and two', 302],
    ['twenti six', 26],
    ['Eight thousand and two', 8002],
    ['2 milion one thouzand Eighty too samples', 2001082],
  ])('reads the example pinned by Mwana: %j -> %d', (text, expected) => {
    expect(wordsToNumber(text)).toBe(expected);
  });

  it.each([
    ['Forteen', 14],
    ['fourty two', 42],
    ['ninty', 90],
    ['leven', 11],
    ['FIFTY FIVE', 55],
    ['zero', 0],
    ['one trillion', 1_000_000_000_000],
    ['three billion', 3_000_000_000],
  ])('snaps misspellings and any case to the number word: %j -> %d', (text, expected) => {
    expect(wordsToNumber(text)).toBe(expected);
  });

  it('reads month abbreviations as their number', () => {
    const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'Dec'];
    expect(months.map(wordsToNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('breaks Soundex ties in favour of the earlier word', () => {
    expect(wordsToNumber('eigth')).toBe(8); // Eight and Eighty share E230
    expect(wordsToNumber('Eighty')).toBe(80); // an exact word is never re-snapped
    expect(wordsToNumber('sevinteen')).toBe(17); // Seventeen and Seventy share S153
  });

  it('sums left to right, a place value multiplying the term before it', () => {
    expect(wordsToNumber('ninety nine thousand')).toBe(9090); // Mwana's documented quirk
    expect(wordsToNumber('one hundred thousand')).toBe(100_000);
    expect(wordsToNumber('hundred two')).toBe(102);
    expect(wordsToNumber('samples hundred')).toBe(100);
    expect(wordsToNumber('two samples hundred')).toBe(200);
    expect(wordsToNumber('12 and 5')).toBe(17);
    expect(wordsToNumber('+5')).toBe(5);
  });

  it('removes " And" from the text, not the word, as Mwana did: it can join two words', () => {
    expect(wordsToNumber('eight andy')).toBe(80); // Eight Andy -> Eighty
    expect(wordsToNumber('two AND three')).toBe(5);
  });

  it('ignores words that are no number, and gives null when nothing is left', () => {
    expect(wordsToNumber('two ? three')).toBe(5);
    expect(wordsToNumber('samples')).toBeNull();
    expect(wordsToNumber('?!')).toBeNull();
    expect(wordsToNumber('')).toBeNull();
    expect(wordsToNumber('   ')).toBeNull();
    expect(wordsToNumber('and')).toBeNull();
  });

  it('gives null rather than an imprecise number past Number.MAX_SAFE_INTEGER', () => {
    expect(wordsToNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(wordsToNumber('9007199254740992')).toBeNull();
    expect(wordsToNumber('trillion trillion')).toBeNull();
  });
});

describe('lettersToDigits', () => {
  it.each([
    ['oOiIl', '00111'],
    ['4o3oi2', '403012'],
    ['1234', '1234'],
    ['', ''],
  ])('%j -> %j', (text, expected) => {
    expect(lettersToDigits(text)).toBe(expected);
  });

  it.each(['4f3oi2', 'L1', '!1', '12 3', 'o-1'])('returns %j unchanged: it holds another character', (text) => {
    expect(lettersToDigits(text)).toBe(text);
  });
});

describe('removeDashAndPlus and collapseSpaces', () => {
  it('removes every - and +', () => {
    expect(removeDashAndPlus('+260-97-123+')).toBe('26097123');
  });

  it('collapses runs of spaces only, keeping the ends and other whitespace', () => {
    expect(collapseSpaces('request  10    for  db      samples')).toBe('request 10 for db samples');
    expect(collapseSpaces('  a\t\tb  ')).toBe(' a\t\tb ');
  });
});

describe('levenshtein', () => {
  it('ignores case by default, as Mwana did', () => {
    expect(levenshtein('pea', 'PeA')).toBe(0);
    expect(levenshtein('peac', 'PeA')).toBe(1);
    expect(levenshtein('pea', 'PeAc')).toBe(1);
    expect(levenshtein('trev', 'nanc')).toBe(4);
  });

  it('counts case when asked', () => {
    expect(levenshtein('pea', 'PeA', { ignoreCase: false })).toBe(2);
  });

  it.each([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['', '', 0],
    ['mwana', 'mwana', 0],
    ['😀a', '😃a', 1], // characters, not UTF-16 units
  ])('%j to %j is %d', (a, b, expected) => {
    expect(levenshtein(a, b)).toBe(expected);
  });
});

describe('soundex', () => {
  it.each([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Rubin', 'R150'],
    ['Tymczak', 'T522'], // C and Z code once; after the vowel, K codes again
    ['Pfister', 'P236'], // F codes like the first letter P
    ['Ashcraft', 'A261'], // H does not separate S and C
    ['Honeyman', 'H555'],
    ['Lee', 'L000'],
    ['A', 'A000'],
    ['robert', 'R163'],
    ["O'Brien", 'O165'],
  ])('%s -> %s', (word, code) => {
    expect(soundex(word)).toBe(code);
  });

  it('gives the same code to thri and three, which words-to-number relies on', () => {
    expect(soundex('thri')).toBe(soundex('three'));
  });

  it('has no code for a word without letters A-Z', () => {
    expect(soundex('')).toBe('');
    expect(soundex('123')).toBe('');
    expect(soundex('éé')).toBe('');
  });
});

describe('exactNumberWord', () => {
  it.each([
    ['two', 2],
    ['Twelve', 12],
    ['TWENTY', 20],
    ['forteen', 14],
    [' three ', 3],
    ['tom', null], // sounds like ten: wordsToNumber would take it
    ['too', null],
    ['kabwe', null],
    ['jan', null], // a month, not a number
    ['3', null],
    ['twenty one', null],
  ])('reads %j as %j', (word, n) => {
    expect(exactNumberWord(word)).toBe(n);
  });
});
