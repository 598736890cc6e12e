import { parseLogTime } from './log-time';

describe('parseLogTime', () => {
  it('reads the millisecond suffix after a comma or a dot', () => {
    expect(parseLogTime('2026-01-06 10:58:00,123')).toBe('2026-01-06 10:58:00.123');
    expect(parseLogTime('2026-01-06 10:58:00.5')).toBe('2026-01-06 10:58:00.500');
    expect(parseLogTime('2026-01-06T10:58:00')).toBe('2026-01-06 10:58:00.000');
    expect(parseLogTime(' 2026-01-06 10:58:00,123456 ')).toBe('2026-01-06 10:58:00.123');
  });

  it('refuses what is not a time', () => {
    for (const at of [
      '',
      'yesterday',
      '2026-02-30 10:00:00',
      '2026-01-06 25:00:00',
      '06/01/2026 10:58:00',
      '2026-01-06 10:58:00;123',
      '0000-01-01 10:58:00',
    ]) {
      expect(parseLogTime(at)).toBeNull();
    }
  });
});
