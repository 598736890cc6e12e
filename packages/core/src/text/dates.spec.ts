import { calendarDay, monthNumber, parseSmsDate } from './dates';

const today = new Date('2026-03-10T09:00:00Z');
const parse = (text: string) => parseSmsDate(text, today);
const day = (year: number, month: number, d: number) => ({ year, month, day: d });

describe('parseSmsDate', () => {
  it.each([
    ['23/04/2010', day(2010, 4, 23)], // d/m/yyyy
    ['3/4/2010', day(2010, 4, 3)],
    ['23/4/10', day(2010, 4, 23)], // d/m/yy
    ['03/04/99', day(2099, 4, 3)], // two-digit years are 20yy
    ['3/4', day(2026, 4, 3)], // d/m: the current year
    ['230410', day(2010, 4, 23)], // ddmmyy
    ['23042010', day(2010, 4, 23)], // ddmmyyyy
    ['2304', day(2026, 4, 23)], // ddmm
    ['1112', day(2026, 12, 11)],
  ])('reads %j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each(['23 04 2010', '23.04.2010', '23-04-2010', '23. 04. 2010', '23 - 04 - 2010', '23/04.2010', ' 23 04 2010 '])(
    'reads %j as 23/04/2010 once . space and - are /',
    (text) => {
      expect(parse(text)).toEqual(day(2010, 4, 23));
    },
  );

  it.each([
    ['1/2/2026', day(2026, 2, 1)], // day first, always
    ['01-02-26', day(2026, 2, 1)],
    ['1.2.2026', day(2026, 2, 1)],
    ['01022026', day(2026, 2, 1)],
    ['2026-02-01', day(2026, 2, 1)], // a four-digit year first cannot be a day
    ['1 feb 2026', day(2026, 2, 1)],
    ['1 Feb 26', day(2026, 2, 1)],
    ['1-FEB-2026', day(2026, 2, 1)],
    ['1feb2026', day(2026, 2, 1)],
    ['01february2026', day(2026, 2, 1)],
    ['1st feb 2026', day(2026, 2, 1)],
    ['feb 1 2026', day(2026, 2, 1)], // a month in words may come first
    ['Feb 1st', day(2026, 2, 1)],
    ['3 sept', day(2026, 9, 3)],
    ['22nd June 2025', day(2025, 6, 22)],
  ])('reads %j, as health workers type it', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    '1122026', // 1/12/2026 or 11/2/2026: ambiguous, so no date
    '112026', // 11/20/26 impossible, 1/1/2026 a guess
    '11226',
    '1 ju 2026', // June or July
    '1 febx 2026',
    '1 mary 2026',
    '31 feb',
    '2026-13-01',
    'feb 2026',
    '1 feb 2 2026',
  ])('refuses %j rather than guess', (text) => {
    expect(parse(text)).toBeNull();
  });

  it('reads 29 February in leap years only', () => {
    expect(parse('29/02/2012')).toEqual(day(2012, 2, 29));
    expect(parse('29/02/2000')).toEqual(day(2000, 2, 29));
    expect(parse('29/02/2010')).toBeNull();
    expect(parse('29/02/2100')).toBeNull();
    expect(parse('29/02')).toBeNull(); // 2026 is no leap year
    expect(parseSmsDate('29/02', new Date('2028-01-01T00:00:00Z'))).toEqual(day(2028, 2, 29));
  });

  it.each([
    '31/02/2010',
    '31/04/2010',
    '0/1/2010',
    '1/0/2010',
    '32/1/2010',
    '1/13/2010',
    '1/1/0000',
    '310210',
    '00002010',
  ])('rejects the impossible date %j', (text) => {
    expect(parse(text)).toBeNull();
  });

  it.each([
    '',
    '   ',
    'today',
    '23/04/201',
    '23/04/20100',
    '123',
    '12345',
    '1234567',
    '123456789',
    '23/04/2010/',
    '/23/04',
    '23042010x',
    '2 3 4 5',
    '23,04,2010',
    '２３/04/2010',
  ])('rejects %j, which is none of the formats', (text) => {
    expect(parse(text)).toBeNull();
  });

  it('takes the current year from the time zone the caller names', () => {
    const newYearInLusaka = new Date('2025-12-31T23:30:00Z'); // 01:30 on 1 January in Lusaka
    expect(parseSmsDate('1/1', newYearInLusaka)).toEqual(day(2025, 1, 1));
    expect(parseSmsDate('1/1', newYearInLusaka, { timeZone: 'Africa/Lusaka' })).toEqual(day(2026, 1, 1));
  });

  it('does not judge future or old dates: that is the caller’s reply to give', () => {
    expect(parse('1/1/2999')).toEqual(day(2999, 1, 1));
    expect(parse('1/1/1900')).toEqual(day(1900, 1, 1));
  });
});

describe('monthNumber', () => {
  it.each([
    ['jan', 1],
    ['January', 1],
    ['SEPT', 9],
    ['may', 5],
    ['ju', null],
    ['ma', null],
    ['juni', null],
    ['', null],
  ])('reads %j as %j', (word, month) => {
    expect(monthNumber(word)).toBe(month);
  });
});

describe('calendarDay', () => {
  it("is the day on the zone's calendar, not UTC's", () => {
    expect(calendarDay(new Date('2026-01-31T23:00:00Z'), 'Africa/Lusaka')).toEqual({ year: 2026, month: 2, day: 1 });
    expect(calendarDay(new Date('2026-01-31T23:00:00Z'), 'UTC')).toEqual({ year: 2026, month: 1, day: 31 });
  });
});
