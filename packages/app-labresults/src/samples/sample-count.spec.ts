import { parseSampleCount } from './sample-count';

describe('the number of samples in SENT', () => {
  it.each([
    ['-1', 1],
    ['4o', 40],
    ['40 samples anythin', 40],
    ['hundred twenti 5 samples', 125],
    ['sent about 12 today', 12],
  ])('reads %p as %p', (text, count) => {
    expect(parseSampleCount(text)).toBe(count);
  });

  it('reads nothing from text without a number', () => {
    expect(parseSampleCount('some samples')).toBeNull();
  });
});
