import { parseReceived } from './received.handler';

describe('parseReceived (docs/keywords.md#received)', () => {
  it.each([
    ['5 403012', { count: 5, code: '403012' }],
    ['five 403012', { count: 5, code: '403012' }],
    ['twenty five 403012', { count: 25, code: '403012' }],
    ['hundred twenti 5 403012', { count: 125, code: '403012' }],
    ['5, 403012', { count: 5, code: '403012' }],
    ['5 samples from 403012.', { count: 5, code: '403012' }],
    ['12;403012', { count: 12, code: '403012' }],
    ['-1 403012', { count: -1, code: '403012' }],
    ['0 403012', { count: 0, code: '403012' }],
  ])('reads %j', (text, expected) => {
    expect(parseReceived(text)).toEqual(expected);
  });

  it.each(['', '403012', 'lots', 'many 403012', 'five'])('reads no count and code in %j', (text) => {
    expect(parseReceived(text)).toBeNull();
  });
});
