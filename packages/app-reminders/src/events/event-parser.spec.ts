import { parseSmsDate } from '@mwana/core';
import { parseEventText } from './event-parser';

describe('the text after an event keyword', () => {
  it('takes an optional place word first, date words anywhere, and the rest as the name', () => {
    expect(parseEventText('Mary Banda')).toEqual({ place: null, date: null, name: 'Mary Banda' });
    expect(parseEventText('f 12 01 2026 Mary Banda')).toEqual({
      place: 'facility',
      date: '12 01 2026',
      name: 'Mary Banda',
    });
    expect(parseEventText('HOME Mary 12.01.26')).toEqual({ place: 'home', date: '12.01.26', name: 'Mary' });
    for (const word of ['f', 'fa', 'cl', 'clinic', 'facility'])
      expect(parseEventText(`${word} Mary`).place).toBe('facility');
    for (const word of ['h', 'hm', 'home']) expect(parseEventText(`${word} Mary`).place).toBe('home');
    expect(parseEventText('12-01-2026')).toEqual({ place: null, date: '12-01-2026', name: '' });
  });

  it('leaves every date format to parseSmsDate, which reads them day first', () => {
    const today = new Date('2026-03-10T10:00:00Z');
    const read = (typed: string) => {
      const date = parseEventText(`${typed} Mary`).date;
      return date === null ? null : parseSmsDate(date, today, { timeZone: 'Africa/Lusaka' });
    };
    const jan12 = { year: 2026, month: 1, day: 12 };
    for (const typed of [
      '12/1/26',
      '12/1/2026',
      '12/1',
      '120126',
      '12012026',
      '1201',
      '12.1.26',
      '12-01-2026',
      '12 01 26',
    ])
      expect([typed, read(typed)]).toEqual([typed, jan12]);
    expect(read('31/02/2026')).toBeNull();
  });
});
