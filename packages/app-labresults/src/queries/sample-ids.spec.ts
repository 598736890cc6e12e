import { sampleIds } from './result.handler';

describe('sampleIds (docs/keywords.md#result)', () => {
  it.each([
    ['1029 1030', ['1029', '1030']],
    ['1029 , 1030', ['1029', '1030']],
    ['1029,1030.', ['1029', '1030']],
    ['1029; 1030:', ['1029', '1030']],
    [' , ', []],
    ['403012/10 10-0998', ['403012/10', '10-0998']],
  ])('reads %j', (text, ids) => {
    expect(sampleIds(text)).toEqual(ids);
  });
});
