import { VerifiedPasswords } from './verified-passwords';

describe('VerifiedPasswords', () => {
  it('takes again only the same password for the same stored hash, within ten minutes', () => {
    let now = 0;
    const verified = new VerifiedPasswords(() => now);
    expect(verified.matches(1, 'hash-a', 'right')).toBe(false);
    verified.remember(1, 'hash-a', 'right');
    expect(verified.matches(1, 'hash-a', 'right')).toBe(true);
    expect(verified.matches(1, 'hash-a', 'wrong')).toBe(false);
    expect(verified.matches(1, 'hash-b', 'right')).toBe(false);
    expect(verified.matches(2, 'hash-a', 'right')).toBe(false);
    now += 10 * 60_000 + 1;
    expect(verified.matches(1, 'hash-a', 'right')).toBe(false);
  });
});
