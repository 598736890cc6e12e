import { buildConfig } from '../config/config-loader';
import { CORE_SECTIONS } from '../app/country';
import { hashSecret } from '../security/secrets';
import { ConversationHarness } from '../testing/harness';
import { storedPin } from '../testing/stored-pin';
import { ContactPins } from './contact-pins.service';
import { PinHasher } from './pin-hasher';

const POLICY = { attempts: 5, lockMinutes: 30 };

describe('PINs: a keyed hash, counted checks that hold under concurrency', () => {
  let harness: ConversationHarness;
  let other: ConversationHarness;
  let pins: ContactPins;

  beforeAll(async () => {
    harness = await ConversationHarness.create();
    // A second instance on the same database: its own pool, as a second process has.
    other = await ConversationHarness.create({ database: harness.database });
    pins = harness.get(ContactPins);
  });
  afterAll(async () => {
    await other.close();
    await harness.close();
  });
  beforeEach(async () => {
    await harness.reset();
    // Both instances read the same time, as two servers do.
    harness.clock.set('2026-01-05T09:00:00Z');
    other.clock.set('2026-01-05T09:00:00Z');
  });

  const check = (h: ConversationHarness, contactId: number, pin: string) =>
    h.dataSource.transaction((db) => h.get(ContactPins).check(contactId, pin, POLICY, db));

  it('stores an HMAC with a salt of its own, keyed by the pepper, never the PIN', async () => {
    const a = await harness.build.contact({ pin: '4321' });
    const b = await harness.build.contact({ pin: '4321' });
    const [ha, hb] = [(await storedPin(harness, a.id)).hash!, (await storedPin(harness, b.id)).hash!];
    expect(ha).toMatch(/^hmac-sha256\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(ha).not.toBe(hb);
    expect(ha).not.toContain('4321');
    expect((await check(harness, a.id, '4321')).kind).toBe('right');
    // Another pepper (another deployment's key) makes the same hash wrong.
    const config = buildConfig({
      country: 'testland',
      sections: CORE_SECTIONS,
      environment: { env: 'test', role: 'all', variables: [] },
      values: {
        country: { name: 'Testland', code: 'ZM', timezone: 'Africa/Lusaka' },
        contacts: { pinPepper: 'another-pepper-of-thirty-two-characters' },
      },
    });
    expect((await new PinHasher(config).verify('4321', ha)).right).toBe(false);
  });

  it('checks an old scrypt hash once, then keeps the PIN under the pepper', async () => {
    const mary = await harness.build.contact({});
    await harness.dataSource.query('UPDATE contact SET pin_hash = $2 WHERE id = $1', [
      mary.id,
      await hashSecret('2468'),
    ]);
    expect((await check(harness, mary.id, '1111')).kind).toBe('wrong');
    expect((await storedPin(harness, mary.id)).hash).toMatch(/^scrypt\$/);
    expect((await check(harness, mary.id, '2468')).kind).toBe('right');
    const after = await storedPin(harness, mary.id);
    expect(after.hash).toMatch(/^hmac-sha256\$/);
    expect(await after.matches('2468')).toBe(true);
  });

  it('locks after five wrong PINs, refuses without checking while locked, and a failure never lifts the lock', async () => {
    const mary = await harness.build.contact({ pin: '2468' });
    const verify = jest.spyOn(PinHasher.prototype, 'verify');
    try {
      const outcomes = [];
      for (let i = 0; i < 5; i++) outcomes.push(await check(harness, mary.id, '1111'));
      expect(outcomes.map((o) => o.kind)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
      expect(outcomes[4]).toMatchObject({ justLocked: true });
      verify.mockClear();
      expect(await check(harness, mary.id, '2468')).toMatchObject({ kind: 'locked', justLocked: false });
      expect(await check(harness, mary.id, '1111')).toMatchObject({ kind: 'locked', justLocked: false });
      expect(verify).not.toHaveBeenCalled();
      expect(await pins.lockedUntil(mary.id)).toEqual(new Date(harness.clock.now().getTime() + 30 * 60_000));

      harness.clock.advance('31m');
      expect((await check(harness, mary.id, '1111')).kind).toBe('wrong');
      expect((await check(harness, mary.id, '2468')).kind).toBe('right');
    } finally {
      verify.mockRestore();
    }
  });

  it('the help desk reset lifts a lock; a new PIN by JOIN does not', async () => {
    const mary = await harness.build.contact({ pin: '2468' });
    for (let i = 0; i < 5; i++) await check(harness, mary.id, '1111');
    await pins.set(mary.id, '1357');
    expect((await check(harness, mary.id, '1357')).kind).toBe('locked');
    await pins.reset(mary.id, '9753');
    expect((await check(harness, mary.id, '9753')).kind).toBe('right');
  });

  it('40 PINs, 20 in flight over two instances, the right one 35th: at most 5 checked, one lock, nothing right', async () => {
    const mary = await harness.build.contact({ pin: '8765' });
    const verify = jest.spyOn(PinHasher.prototype, 'verify');
    try {
      const guesses = Array.from({ length: 40 }, (_, i) => (i === 34 ? '8765' : String(1000 + i)));
      const outcomes: Array<{ kind: string; justLocked?: boolean }> = new Array(40);
      let next = 0;
      await Promise.all(
        Array.from({ length: 20 }, async (_, lane) => {
          while (next < guesses.length) {
            const i = next++;
            outcomes[i] = await check(lane % 2 === 0 ? harness : other, mary.id, guesses[i]);
          }
        }),
      );
      expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
      expect(outcomes.filter((o) => o.kind === 'right')).toEqual([]);
      expect(outcomes.filter((o) => o.kind === 'locked' && o.justLocked)).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'wrong')).toHaveLength(4);
      expect(outcomes[34].kind).toBe('locked');
    } finally {
      verify.mockRestore();
    }
  });
});
