import { locationsConfig } from '../locations.config';
import { codeRules, normalizeCode, normalizeLabCode, parseCode } from './location-codes';

// The two countries' code schemes as their country.yaml sets them (docs/keywords.md#countries).
const zambia = codeRules(locationsConfig.schema.parse({ codeFormat: 'PPDDFF' }));
const malawi = codeRules(locationsConfig.schema.parse({ codeFormat: 'DDFF', padShortCodes: false }));

describe('Zambia codes (PPDDFF)', () => {
  it.each([
    ['403012', '403012'],
    ['4030', '403000'],
    ['40', '400000'],
    [' 403012 ', '403012'],
    ['4o30i2', '403012'],
    ['4O3OI2', '403012'],
    ['4o3o', '403000'],
    ['403', '403'], // not a part boundary: left for the caller to reject
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeCode(input, zambia)).toBe(expected);
  });

  it('says which level a code names, and the codes above it', () => {
    expect(parseCode('403012', zambia)).toEqual({ code: '403012', level: 'facility', ancestors: ['400000', '403000'] });
    expect(parseCode('4030', zambia)).toEqual({ code: '403000', level: 'district', ancestors: ['400000'] });
    expect(parseCode('40', zambia)).toEqual({ code: '400000', level: 'province', ancestors: [] });
  });

  it.each(['000000', '400012', '003012', '40301', '4030123', 'kalingalinga', ''])('rejects %j', (input) => {
    expect(parseCode(input, zambia)).toBeNull();
  });

  it('drops the 0 labs add to a 7-digit code, and only then', () => {
    expect(normalizeLabCode('2020200', zambia)).toBe('202020');
    expect(normalizeLabCode('2o2o2oo', zambia)).toBe('202020');
    expect(normalizeLabCode('2020201', zambia)).toBe('2020201');
    expect(normalizeLabCode('202020', zambia)).toBe('202020');
  });

  it('keeps a lab code whole when the country says labs do not pad', () => {
    const strict = codeRules(locationsConfig.schema.parse({ labCodeTrailingZero: false }));
    expect(normalizeLabCode('2020200', strict)).toBe('2020200');
  });
});

describe('Malawi codes (DDFF)', () => {
  it('reads districts and facilities', () => {
    expect(parseCode('0203', malawi)).toEqual({ code: '0203', level: 'facility', ancestors: ['0200'] });
    expect(parseCode('1200', malawi)).toEqual({ code: '1200', level: 'district', ancestors: [] });
    expect(parseCode('i2o3', malawi)).toEqual({ code: '1203', level: 'facility', ancestors: ['1200'] });
  });

  it('does not pad short codes when the country does not', () => {
    expect(normalizeCode('12', malawi)).toBe('12');
    expect(parseCode('12', malawi)).toBeNull();
  });

  it('pads them when configured to', () => {
    const padded = codeRules(locationsConfig.schema.parse({ codeFormat: 'DDFF' }));
    expect(parseCode('12', padded)).toEqual({ code: '1200', level: 'district', ancestors: [] });
  });

  it.each(['0000', '0012', '020304', '203'])('rejects %j', (input) => {
    expect(parseCode(input, malawi)).toBeNull();
  });

  it('drops a lab trailing 0 from a 5-digit code', () => {
    expect(normalizeLabCode('02030', malawi)).toBe('0203');
  });
});

describe('codeFormat', () => {
  it.each(['XX', 'FFDD', 'PPFF', ''])('rejects %j', (format) => {
    expect(locationsConfig.schema.safeParse({ codeFormat: format }).success).toBe(false);
  });

  it('accepts a longer scheme, read the same way', () => {
    const rules = codeRules(locationsConfig.schema.parse({ codeFormat: 'PDDDFFF' }));
    expect(parseCode('1020000', rules)).toEqual({ code: '1020000', level: 'district', ancestors: ['1000000'] });
  });
});
