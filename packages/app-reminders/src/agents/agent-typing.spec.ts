import { cleanMessageText, keywordPattern, matchKeyword, renderEnglish } from '@mwana/core';
import { remindersTexts as texts } from '../reminders.texts';
import { parseAgentForm } from './agent-parser';

const MALFORMED = renderEnglish(texts.agentMalformed, {});

/** What AGENT reads from a text as a phone sent it: cleaned, the keyword off (digits glued to it too), the form. */
function read(sms: string) {
  const match = matchKeyword(keywordPattern(['AGENT', 'AGNT'], { gluedDigits: true }), cleanMessageText(sms));
  if (!match) return 'not AGENT';
  return parseAgentForm(match.rest) ?? MALFORMED;
}

const mary = (zone = '3', name = 'Mary Phiri') => ({ clinic: '403012', zone, name });

describe('AGENT as agents type it (docs/keywords.md#agent)', () => {
  it.each([
    ['AGENT 403012 3 Mary Phiri', mary()],
    ['agent 403012 3 Mary Phiri', mary()],
    ['AGENT   403012  3   Mary Phiri ', mary()],
    ['AGENT 403012,3,Mary Phiri.', mary()],
    ['AGENT 403012; 3; Mary Phiri', mary()],
    ['AGENT 403012/3/Mary Phiri', mary()],
    ['AGENT: 403012 3 Mary Phiri', mary()],
    ['AGENT403012 3 Mary Phiri', mary()],
    ['AGENT 4o3o12 3 Mary Phiri', mary()],
    ['AGENT clinic 403012 zone 3 name Mary Phiri', mary()],
    ['AGENT clinic403012 zone3 Mary Phiri', mary()],
    ['AGENT 403012 zone #3 Mary Phiri', mary()],
    ['AGENT 403012 #3 Mary Phiri', mary()],
    ['AGENT 403012 three Mary Phiri', mary()],
    ['AGENT 403012 Zone Two Mary Phiri', mary('2')],
    ['AGENT 403012 kabwe Mary Phiri', mary('kabwe')], // a zone with a name keeps it
    ['AGENT 403012 tom Mary Phiri', mary('tom')], // sounds like ten, but is a name
    ['AGENT\u00a0403012\u00a03\u00a0Mary Phiri', mary()],
    ['AGENT ４０３０１２ ３ \u201cMary Phiri\u201d', mary()],
  ])('reads %j', (sms, expected) => {
    expect(read(sms)).toEqual(expected);
  });

  it.each(['AGENT 403012 3', 'AGENT 403012', 'AGENT 403012, 3.'])(
    'answers %j with the how-to, word for word',
    (sms) => {
      expect(read(sms)).toBe(MALFORMED);
    },
  );
});
