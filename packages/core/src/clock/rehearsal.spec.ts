import { FakeClock } from './clock';
import { countryTime, runAsAt } from './rehearsal';

describe('countryTime', () => {
  it.each([
    ['2026-01-05 11:30', 'Africa/Lusaka', '2026-01-05T09:30:00.000Z'],
    ['2026-01-05T11:30:15', 'Africa/Blantyre', '2026-01-05T09:30:15.000Z'],
    ['2026-01-05', 'Africa/Lusaka', '2026-01-04T22:00:00.000Z'],
    ['2026-03-29 03:30', 'Europe/London', '2026-03-29T02:30:00.000Z'],
    ['2026-01-05T11:30:00Z', 'Africa/Lusaka', '2026-01-05T11:30:00.000Z'],
    ['2026-01-05T11:30:00+01:00', 'Africa/Lusaka', '2026-01-05T10:30:00.000Z'],
  ])('reads %j in %s', (text, zone, iso) => {
    expect(countryTime(text, zone)?.toISOString()).toBe(iso);
  });

  it.each(['', 'monday', '2026-02-30 08:00', '2026-01-05 24:00', '05/01/2026'])('reads no time in %j', (text) => {
    expect(countryTime(text, 'Africa/Lusaka')).toBeNull();
  });
});

describe('runAsAt', () => {
  it('moves the clock for the work inside only, and lets time pass in it', async () => {
    const clock = new FakeClock('2026-01-04T20:00:00Z');
    const seen = await runAsAt(clock.now(), new Date('2026-01-05T09:00:00Z'), async () => {
      const first = clock.now().toISOString();
      await Promise.resolve();
      clock.advance('1m');
      return [first, clock.now().toISOString()];
    });
    expect(seen).toEqual(['2026-01-05T09:00:00.000Z', '2026-01-05T09:01:00.000Z']);
    expect(clock.now().toISOString()).toBe('2026-01-04T20:01:00.000Z');
  });
});
