import { cleanMessageText as clean, hasLetters, isShortCodeSender, UNREADABLE_MESSAGE_REPLY } from './string-cleaning';

describe('parse-phase string cleaning (docs/keywords.md#text-cleaning)', () => {
  describe("1. trim, and nothing else for a handler whose text is 'verbatim'", () => {
    it('trims whitespace at both ends', () => {
      expect(clean('  \t check 1234 \n')).toBe('check 1234');
      expect(clean('   ')).toBe('');
    });

    it.each([
      ['clinic 403012/10. Not 402012/09;'],
      ["cba dont't filter , or / or ; or * or + or - in broadcasts"],
      ['blaster in blaster we dont clean , or / or ; or * or + or -'],
      ['MSG ALL (meeting) on 1o/2, "bring" cards.'],
      ['trace Jane (4o3o12)*'],
      ["Help my PIN 12l4 won't work!"],
    ])('leaves %j exactly as sent', (text) => {
      expect(clean(`  ${text}  `, 'verbatim')).toBe(text);
    });

    it('cleans the same texts when the handler does not say verbatim', () => {
      expect(clean('MSG ALL (meeting) on 1o/2, "bring" cards.')).toBe('MSG ALL meeting on 10 2  bring cards');
      expect(clean('msg a,b', 'standard')).toBe('msg a b');
    });
  });

  describe('2. separators , / ; * become spaces', () => {
    it('replaces each one, keeping + and - (xforms, Malawi requisition ids)', () => {
      expect(clean('join 403012/jichael,mackson;1111')).toBe('join 403012 jichael mackson 1111');
      expect(clean('agent 403012/2,peter;phiri')).toBe('agent 403012 2 peter phiri');
      expect(clean('a*b,,c')).toBe('a b  c');
      expect(clean('req 12-34 +260')).toBe('req 12-34 +260');
    });

    it("keeps the separators the handler keeps: RESULT's sample ids look like 403012/10", () => {
      const keepSlash = { keep: '/' };
      expect(clean('results 403012/10', keepSlash)).toBe('results 403012/10');
      expect(clean('RESULT 403012/10,403012/11', keepSlash)).toBe('RESULT 403012/10 403012/11');
      expect(clean('resut 1/2;3', keepSlash)).toBe('resut 1/2 3');
      expect(clean('resuts 1/2*3', keepSlash)).toBe('resuts 1/2 3');
      expect(clean('x 1/2;3*4,5', { keep: ';*' })).toBe('x 1 2;3*4 5');
    });

    it('still applies every other step when separators are kept', () => {
      expect(clean('result (4o3o12/1o).', { keep: '/' })).toBe('result 403012/10');
    });
  });

  describe('3. \' " ` ( ) are deleted', () => {
    it('deletes them without leaving a space', () => {
      expect(clean(`join 'jane' "banda" \`x\` (1234)`)).toBe('join jane banda x 1234');
      expect(clean("don't")).toBe('dont');
      expect(clean('(())')).toBe('');
    });
  });

  describe('4. one trailing full stop is dropped', () => {
    it('drops it, and step 6 takes any others', () => {
      expect(clean('check.')).toBe('check');
      expect(clean('sent 5...')).toBe('sent 5');
      expect(clean('1.5.')).toBe('1.5');
      expect(clean('.')).toBe('');
    });
  });

  describe('5. tokens that start like a number: lower-cased, ! i l -> 1 and o -> 0', () => {
    it.each([
      ['4o30i2', '403012'],
      ['4f30i2', '4f3012'],
      ['4O3OI2', '403012'],
      ['1ABC', '1abc'],
      ['2!!', '211'],
      ['O1', '01'],
      ['ab1o', 'ab10'], // a digit in the third character still counts
      ['l3oii', '13011'],
    ])('%s -> %s', (token, cleaned) => {
      expect(clean(`sent ${token} x`)).toBe(`sent ${cleaned} x`);
    });

    it('leaves tokens alone when none of their first three characters is a digit', () => {
      expect(clean('user4 abc1o Hello ooo0 Lil')).toBe('user4 abc1o Hello ooo0 Lil');
    });

    it('splits on single spaces only, so a token after a tab or newline keeps its letters', () => {
      expect(clean('check\n4o3o sent 4o3o')).toBe('check\n4o3o sent 4030');
    });
  });

  describe('6. dots go unless they sit between two digits', () => {
    it.each([
      ['temp 37.5 ok', 'temp 37.5 ok'],
      ['d.s. 12.1. x', 'ds 12.1 x'],
      ['1.a a.1 .5 5. x', '1a a1 5 5 x'],
      ['1..2 x', '12 x'],
      ['1.2.3 x', '1.2.3 x'],
      ['2lli.o x', '2111.0 x'], // step 5 made the o a digit first
    ])('%j -> %j', (text, cleaned) => {
      expect(clean(text)).toBe(cleaned);
    });
  });

  it("cleans Mwana's own example, double spaces and all", () => {
    const text = `"hello"., 2lli.o .2.o.i. d.s. 12.1. 'l3oii user4' "o0,oo", o0.oo,"o0. oo", oo0. ooo0"`;
    expect(clean(text)).toBe('hello  2111.0 2.0.1 ds 12.1 13011 user4 00 oo  00.00 00 oo  000 ooo0');
  });

  it('trims again at the end, where separators and quotes left spaces', () => {
    expect(clean(', join (jane) ,')).toBe('join jane');
  });

  it('keeps the two quirks that make a second cleaning change the text', () => {
    // Step 5 looks before step 6 drops the dots (and before the last trim drops the tab).
    expect(clean('sent a..1o')).toBe('sent a1o');
    expect(clean(clean('sent a..1o'))).toBe('sent a10');
    expect(clean(',\tab1o')).toBe('ab1o');
    expect(clean(clean(',\tab1o'))).toBe('ab10');
  });
});

describe('default phase of the string-cleaning app', () => {
  it.each([
    ['440', true],
    ['+551', true],
    ['123456', true],
    ['+55a', true], // the last character is not looked at
    ['1234567', false],
    ['+260971234567', false],
    ['12', false],
    ['4a0', false],
    ['MTN', false],
  ])('short code %j: %s', (identity, expected) => {
    expect(isShortCodeSender(identity)).toBe(expected);
  });

  it.each([
    ['Zamtel', true],
    ['MTN', true],
    ['260x', true],
    ['+260971234567', false],
    ['', false],
  ])('has letters %j: %s', (identity, expected) => {
    expect(hasLetters(identity)).toBe(expected);
  });

  it('answers an empty message with the GSM settings hint', () => {
    expect(UNREADABLE_MESSAGE_REPLY).toBe(
      "Sorry, I couldn't read your message. Make sure you have correct GSM message settings on your phone",
    );
  });
});
