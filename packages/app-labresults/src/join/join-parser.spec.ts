import type { Role } from '@mwana/core';
import { parseJoin, titleCase } from './join-parser';

const TYPES: Record<string, Role> = {
  clinic: 'clinic-worker',
  dho: 'district-worker',
  hub: 'hub-worker',
  pho: 'province-worker',
};

describe('parseJoin (staff form, docs/keywords.md#join)', () => {
  it('reads the typed and the untyped form, title-casing the name', () => {
    expect(parseJoin('clinic 403012 mary PHIRI 1234', TYPES)).toEqual({
      kind: 'staff',
      role: 'clinic-worker',
      code: '403012',
      name: 'Mary Phiri',
      pin: '1234',
    });
    expect(parseJoin('  403012   john  banda 4321 ', TYPES)).toEqual({
      kind: 'staff',
      role: null,
      code: '403012',
      name: 'John Banda',
      pin: '4321',
    });
    expect(parseJoin('DHO 4030 Jo 1111', TYPES)).toMatchObject({ role: 'district-worker', code: '4030', name: 'Jo' });
  });

  it('strips - and + before reading', () => {
    expect(parseJoin('clinic 40-30-12 Mary 12-34', TYPES)).toMatchObject({ code: '403012', pin: '1234' });
  });

  it("checks in Mwana's order: length, long pin, space, digits, shape, name", () => {
    expect(parseJoin('4030 M 12', TYPES)).toEqual({ kind: 'malformed' });
    expect(parseJoin('clinic 403012 Mary 123456', TYPES)).toEqual({
      kind: 'pin-too-long',
      word: '123456',
      typed: true,
    });
    expect(parseJoin('403012 Mary Phiri12345', TYPES)).toEqual({ kind: 'no-space-before-pin', typed: false });
    expect(parseJoin('403012 Mary Phiri 12a4', TYPES)).toEqual({ kind: 'bad-pin', word: '12a4', typed: false });
    expect(parseJoin('403012 Mary 123', TYPES)).toEqual({ kind: 'bad-pin', word: '123', typed: false });
    expect(parseJoin('clinic 403012 1234', TYPES)).toEqual({ kind: 'malformed' });
    expect(parseJoin('403012 m 1234', TYPES)).toEqual({ kind: 'bad-name' });
  });

  it('leaves the CBA form to RemindMi', () => {
    expect(parseJoin('cba 403012 1 Mary', TYPES)).toEqual({ kind: 'cba' });
  });

  it('title-cases names with hyphens and apostrophes', () => {
    expect(titleCase("mary-jane o'BRIEN")).toBe("Mary-Jane O'Brien");
  });
});
