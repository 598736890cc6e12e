import { fakeResults } from './fake-results';

describe('fakeResults', () => {
  it('gives ids 9990-9992 in the country format with P, N, R', () => {
    expect(fakeResults('{id}', '403012')).toEqual([
      { requisitionId: '9990', result: 'P' },
      { requisitionId: '9991', result: 'N' },
      { requisitionId: '9992', result: 'R' },
    ]);
    expect(fakeResults('{clinic}-{id}-1', '0101').map((r) => r.requisitionId)).toEqual([
      '0101-9990-1',
      '0101-9991-1',
      '0101-9992-1',
    ]);
  });
});
