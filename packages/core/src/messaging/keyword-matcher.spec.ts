import { keywordPattern, matchKeyword } from './keyword-matcher';

const leave = keywordPattern(['LEAVE', 'UNREGISTER', 'UNREG']);
const rest = (pattern: RegExp, text: string) => matchKeyword(pattern, text)?.rest;

describe('keyword matching, as RapidSMS does it', () => {
  it('matches the keyword and every alias, ignoring case', () => {
    expect(rest(leave, 'LEAVE')).toBe('');
    expect(rest(leave, 'leave')).toBe('');
    expect(rest(leave, 'Unregister please')).toBe('please');
    expect(rest(leave, 'unreg now')).toBe('now');
  });

  it('allows leading spaces and any run of whitespace , ; : after the keyword', () => {
    expect(rest(leave, '   leave me')).toBe('me');
    expect(rest(leave, 'leave,me')).toBe('me');
    expect(rest(leave, 'leave;me')).toBe('me');
    expect(rest(leave, 'leave:me')).toBe('me');
    expect(rest(leave, 'leave , ;: me')).toBe('me');
    expect(rest(leave, 'leave\tme')).toBe('me');
  });

  it('needs a word boundary after the keyword: echo does not match echoes', () => {
    const echo = keywordPattern(['ECHO']);
    expect(rest(echo, 'echo hi')).toBe('hi');
    expect(matchKeyword(echo, 'echoes hi')).toBeUndefined();
    expect(matchKeyword(echo, 'echo-hi')).toBeUndefined();
    expect(matchKeyword(leave, 'unregistered')).toBeUndefined();
  });

  it('does not match a keyword in the middle of the text', () => {
    expect(matchKeyword(leave, 'please leave')).toBeUndefined();
  });

  it('gives an empty rest for the bare keyword, or the keyword with only separators after it', () => {
    expect(rest(leave, 'leave   ')).toBe('');
    expect(rest(leave, 'leave ,;')).toBe('');
  });

  it('matches across newlines and keeps the newlines of the rest', () => {
    const msg = keywordPattern(['MSG']);
    expect(rest(msg, 'MSG\nclinic\nhello there')).toBe('clinic\nhello there');
  });

  it('matches multi-word keywords with any whitespace between the words', () => {
    const printerAdd = keywordPattern(['PRINTER ADD']);
    expect(rest(printerAdd, 'printer   add 402029 tester 0977')).toBe('402029 tester 0977');
    expect(matchKeyword(printerAdd, 'printer remove 1')).toBeUndefined();
    expect(matchKeyword(printerAdd, 'printeradd 1')).toBeUndefined();
  });

  it('prefers the longest alias so RESULTS is not read as RESULT + "S"', () => {
    const result = keywordPattern(['RESULT', 'RESULTS']);
    expect(rest(result, 'results 1234')).toBe('1234');
  });

  it('treats regex characters in keywords literally', () => {
    const odd = keywordPattern(['A.B']);
    expect(matchKeyword(odd, 'AxB 1')).toBeUndefined();
    expect(rest(odd, 'a.b 1')).toBe('1');
  });

  it.each([
    ['AGENT403012 3 Mary', 'AGENT', '403012 3 Mary'],
    ['agent4o3o12 3 Mary', 'AGENT', '4o3o12 3 Mary'],
    ['RESULTS1029', 'RESULT', '1029'],
    ['LANGUAGE2', 'LANGUAGE', '2'],
  ])('with gluedDigits, reads %j as %s + %j', (text, keyword, after) => {
    const pattern = keywordPattern([keyword, `${keyword}S`], { gluedDigits: true });
    expect(rest(pattern, text)).toBe(after);
  });

  it.each([
    ['TOD1 Mary', 'TOD'], // shorter than four: too easily part of a word
    ['CBA2 meeting', 'CBA'],
    ['AGENTS 1', 'AGENT'], // a letter is still no boundary
    ['AGENT-1', 'AGENT'],
  ])('with gluedDigits, still does not read %j as %s', (text, keyword) => {
    expect(matchKeyword(keywordPattern([keyword], { gluedDigits: true }), text)).toBeUndefined();
  });

  it('without gluedDigits (free text: broadcasts), a digit is no boundary', () => {
    expect(matchKeyword(keywordPattern(['BLAST']), 'BLAST2 all')).toBeUndefined();
  });
});
