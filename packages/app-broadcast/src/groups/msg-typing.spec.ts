import { cleanMessageText, keywordPattern, matchKeyword } from '@mwana/core';
import { parseMsg } from './msg.handler';

/** What MSG reads from a text as a phone sent it: trimmed only (verbatim), the keyword off, the group and text. */
function read(sms: string) {
  const match = matchKeyword(keywordPattern(['MSG']), cleanMessageText(sms, 'verbatim'));
  return match ? parseMsg(match.rest) : 'not MSG';
}

describe('MSG as health workers type it (docs/keywords.md#msg)', () => {
  it.each([
    ['MSG ALL meeting at 10', { group: 'ALL', text: 'meeting at 10' }],
    ['msg clinic meeting at 10', { group: 'clinic', text: 'meeting at 10' }],
    ['MSG ALL: meeting at 10', { group: 'ALL', text: 'meeting at 10' }],
    ['MSG ALL, meeting at 10', { group: 'ALL', text: 'meeting at 10' }],
    ['MSG all,meeting at 10', { group: 'all', text: 'meeting at 10' }],
    ['MSG cba;meeting', { group: 'cba', text: 'meeting' }],
    ['MSG ALL. meeting', { group: 'ALL', text: 'meeting' }],
    ['MSG ALL- meeting', { group: 'ALL', text: 'meeting' }],
    ['MSG: DHO meeting', { group: 'DHO', text: 'meeting' }],
    ['MSG   ALL    meeting,  at 10 ', { group: 'ALL', text: 'meeting,  at 10' }], // the text as written
    ['MSG\u00a0ALL\u00a0meeting', { group: 'ALL', text: 'meeting' }],
    ['MSG\nclinic\nmeeting\nat 10', { group: 'clinic', text: 'meeting\nat 10' }],
    ['MSG doctors meeting', { group: 'doctors', text: 'meeting' }], // then: not one of your groups
  ])('reads %j', (sms, expected) => {
    expect(read(sms)).toEqual(expected);
  });

  it.each(['MSG ALL', 'MSG ALL:', 'MSG ALL ,;', 'MSG ALL.'])('finds no text in %j (the how-to reply)', (sms) => {
    expect(read(sms)).toBeNull();
  });
});
