import { cleanMessageText, keywordPattern, matchKeyword, parseSmsDate, renderEnglish } from '@mwana/core';
import { remindersTexts as texts } from '../reminders.texts';
import { birthregPin } from './birthreg.handler';
import { parseEventText } from './event-parser';

const today = new Date('2026-03-10T10:00:00Z');
const BAD_DATE = renderEnglish(texts.eventBadDate, {});

/**
 * What the BIRTH handler reads from a text as a phone sent it: cleaned the standard way, the
 * keyword taken off (a digit glued to it too), then the place, date and name. A date it cannot
 * read is the bad-date reply, word for word.
 */
function read(sms: string): { place: string | null; date: string; name: string } | string {
  const match = matchKeyword(keywordPattern(['BIRTH'], { gluedDigits: true }), cleanMessageText(sms));
  if (!match) return 'not BIRTH';
  const { place, date, name } = parseEventText(match.rest);
  const day =
    date === null ? { year: 2026, month: 3, day: 10 } : parseSmsDate(date, today, { timeZone: 'Africa/Lusaka' });
  if (!day) return BAD_DATE;
  return { place, date: `${day.year}-${day.month}-${day.day}`, name };
}

const feb1 = (name = 'Mary Banda', place: string | null = null) => ({ place, date: '2026-2-1', name });

describe('BIRTH as health workers type it (docs/keywords.md#events)', () => {
  it.each([
    ['BIRTH 1/2/2026 Mary Banda', feb1()],
    ['birth 01-02-26 Mary Banda', feb1()],
    ['Birth 1.2.2026 Mary Banda', feb1()],
    ['BIRTH 01022026 Mary Banda', feb1()],
    ['BIRTH 010226 Mary Banda', feb1()],
    ['BIRTH 1,2,2026 Mary Banda', feb1()],
    ['BIRTH 1;2;2026, Mary Banda.', feb1()],
    ['BIRTH 1 / 2 / 2026 Mary Banda', feb1()],
    ['BIRTH   1/2/2026    Mary   Banda  ', feb1()],
    ['BIRTH, 1/2/2026, Mary, Banda', feb1()],
    ['BIRTH: 1/2/2026 - Mary Banda', feb1()],
    ['BIRTH Mary Banda 1/2/2026', feb1()],
    ['BIRTH1/2/2026 Mary Banda', feb1()],
    ['BIRTH f 1/2/2026 Mary Banda', feb1('Mary Banda', 'facility')],
    ['BIRTH\u00a01/2/2026\u00a0Mary Banda', feb1()],
    ['BIRTH １/２/２０２６ Mary Banda', feb1()],
    ['BIRTH 01\u201302\u20132026 \u201cMary Banda\u201d', feb1()],
    ['BIRTH 1 feb 2026 Mary Banda', feb1()],
    ['BIRTH 1-Feb-2026 Mary Banda', feb1()],
    ['BIRTH 1feb2026 Mary Banda', feb1()],
    ['BIRTH 1st February 2026 Mary Banda', feb1()],
    ['BIRTH Feb 1 2026 Mary Banda', feb1()],
    ['BIRTH Mary Banda 1 feb', feb1()],
    ['BIRTH 3 May Banda', { place: null, date: '2026-5-3', name: 'Banda' }],
    ['BIRTH May Banda 1/2/2026', feb1('May Banda')], // a month with no day beside it is a name
    ['BIRTH 3 4 May Banda', { place: null, date: '2026-4-3', name: 'May Banda' }], // digits make the date
    ['BIRTH Mary Banda', { place: null, date: '2026-3-10', name: 'Mary Banda' }], // today
  ])('reads %j', (sms, expected) => {
    expect(read(sms)).toEqual(expected);
  });

  it.each([
    'BIRTH 1122026 Mary Banda', // 1/12 or 11/2: ambiguous
    'BIRTH 112026 Mary Banda',
    'BIRTH 31/2/2026 Mary Banda',
    'BIRTH 1/13/2026 Mary Banda',
    'BIRTH 2026 Mary Banda',
    'BIRTH 1 ju 2026 Mary Banda',
  ])('answers %j with the bad-date reply, registering nothing', (sms) => {
    expect(read(sms)).toBe(BAD_DATE);
  });
});

describe('BIRTHREG <PIN> as typed (docs/keywords.md#birthreg)', () => {
  it.each([
    ['4321', '4321'],
    ['4321 please', '4321'],
    ['pin 4321', '4321'],
    ['PIN: 4321', '4321'],
    ['pin', 'pin'], // a wrong PIN then, as before
  ])('reads the PIN of %j as %j', (rest, pin) => {
    expect(birthregPin(rest)).toBe(pin);
  });
});
