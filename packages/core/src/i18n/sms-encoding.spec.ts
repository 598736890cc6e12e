import fc from 'fast-check';
import { GSM7_BASIC_CHARACTERS, GSM7_EXTENSION_CHARACTERS } from './gsm7';
import { gsm7Length, isGsm7, segmentInfo, smsEncoding } from './sms-encoding';

const BEMBA = 'Mwapoleni, ndimwe bashi Mary. Ifyakufuma fyafika ku clinic.';
const CHICHEWA = 'Moni, zotsatira zafika ku chipatala';

describe('GSM-7 alphabet', () => {
  it('has the 127 characters of the default table (ESC aside) and the 10 of the extension table', () => {
    expect(new Set(GSM7_BASIC_CHARACTERS).size).toBe(127);
    expect(GSM7_EXTENSION_CHARACTERS).toEqual(['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€']);
  });

  it('accepts every character GSM 03.38 lists', () => {
    const listed =
      '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\n\r ';
    expect(isGsm7(listed)).toBe(true);
    expect(isGsm7('^{}\\[~]|€\f')).toBe(true);
  });

  it.each([
    ['tab', '\t'],
    ['backtick', '`'],
    ['small c cedilla', 'ç'],
    ['OHM SIGN (not Greek capital omega)', '\u2126'],
    ['ESC itself', '\u001b'],
    ['no-break space', '\u00a0'],
    ['curly apostrophe', '\u2019'],
    ['emoji', '😀'],
    ['Chichewa ŵ', 'ŵ'],
  ])('rejects %s', (_, char) => {
    expect(isGsm7(`a${char}b`)).toBe(false);
  });

  it('keeps Bemba, Nyanja and Chichewa without special characters in GSM-7', () => {
    expect(smsEncoding(BEMBA)).toBe('GSM-7');
    expect(smsEncoding(CHICHEWA)).toBe('GSM-7');
    expect(smsEncoding('Mwaiseni! Muli shani?')).toBe('GSM-7');
  });

  it('turns to UCS-2 for a single emoji', () => {
    expect(smsEncoding(`${CHICHEWA} 👍`)).toBe('UCS-2');
  });

  it('counts an extension character as two septets', () => {
    expect(gsm7Length('€')).toBe(2);
    expect(gsm7Length('K5 000 [paid] €')).toBe(18); // [ ] € two each
    expect(gsm7Length('')).toBe(0);
    expect(() => gsm7Length('ok 😀')).toThrow('U+1F600 is not in the GSM-7 alphabet');
  });
});

describe('segmentInfo', () => {
  it('counts the empty text as one segment', () => {
    expect(segmentInfo('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1, perSegment: 160 });
  });

  it('fits 160 GSM-7 characters in one SMS, 161 in two', () => {
    expect(segmentInfo('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(segmentInfo('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(segmentInfo('a'.repeat(306)).segments).toBe(2);
    expect(segmentInfo('a'.repeat(307)).segments).toBe(3);
  });

  it('counts € as two septets towards the limit', () => {
    expect(segmentInfo(`${'a'.repeat(158)}€`).segments).toBe(1);
    expect(segmentInfo(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('fits 70 UCS-2 units in one SMS, 71 in two', () => {
    expect(segmentInfo(`😀${'a'.repeat(68)}`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70 });
    expect(segmentInfo(`😀${'a'.repeat(69)}`)).toEqual({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 });
    expect(segmentInfo(`😀${'a'.repeat(132)}`).segments).toBe(2);
    expect(segmentInfo(`😀${'a'.repeat(133)}`).segments).toBe(3);
  });

  it('never splits an escape sequence or a surrogate pair across segments', () => {
    // 152 + 2 + 152 = 306 septets would be two full segments of 153 if € could straddle them.
    expect(segmentInfo(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
    // 66 + 2 + 66 = 134 units: the emoji starts the second segment, the last unit spills into a third.
    expect(segmentInfo(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
  });

  it('never counts fewer than one segment, nor fewer units than a segment carries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        const info = segmentInfo(text);
        expect(info.segments).toBeGreaterThanOrEqual(1);
        expect(info.segments * info.perSegment).toBeGreaterThanOrEqual(info.units);
        expect(info.segments === 1).toBe(info.units <= (info.encoding === 'GSM-7' ? 160 : 70));
      }),
      { numRuns: 2000 },
    );
  });
});
