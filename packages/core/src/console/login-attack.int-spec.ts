import { ConversationHarness } from '../testing/harness';
import { ConsoleClient } from '../testing/console-client';
import { ConsoleUsersService } from './console-users.service';

const PASSWORD = 'correct horse battery';

/** Runs `work` over `items` with at most `parallel` in flight. */
async function inFlight<T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

/** A login page's text with what differs between any two forms (its tokens) taken out. */
const comparable = (text: string): string => text.replace(/value="[A-Za-z0-9_-]{20,}"/g, 'value="…"');

describe('console logins under attack: counted atomically, names alike, per-address limit', () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      // The address limit out of the way: the lock alone is under test here.
      config: { http: { rateLimit: { passwords: { max: 10_000 } } } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  const attempt = async (username: string, password: string): Promise<{ status: number; text: string }> => {
    const response = await new ConsoleClient(harness.url).login(username, password);
    return { status: response.status, text: comparable(await response.text()) };
  };

  it('40 passwords, 20 in flight, the right one 35th: no login, four judged wrong, then locked', async () => {
    await harness.get(ConsoleUsersService).add('ana', PASSWORD);
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 34 ? PASSWORD : `wrong guess ${i}`));
    const answers = await inFlight(guesses, 20, (password) => attempt('ana', password));
    const statuses = answers.map((a) => a.status);
    expect(statuses).not.toContain(303);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    expect(statuses[34]).toBe(429);
    // The lock sticks until it ends (15 minutes by default), then the right password works.
    expect((await attempt('ana', PASSWORD)).status).toBe(429);
    harness.clock.advance('16m');
    expect((await attempt('ana', PASSWORD)).status).toBe(303);
  });

  it('answers a name that is no user exactly as a real one: same statuses, same pages, locked alike', async () => {
    await harness.get(ConsoleUsersService).add('ana', PASSWORD);
    const known: Array<{ status: number; text: string }> = [];
    const unknown: Array<{ status: number; text: string }> = [];
    for (let i = 0; i < 6; i++) {
      known.push(await attempt('ana', `wrong ${i}`));
      unknown.push(await attempt('nobody', `wrong ${i}`));
    }
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
    // A name that cannot be a user at all is counted too.
    const odd = [];
    for (let i = 0; i < 6; i++) odd.push((await attempt('no such user!', `wrong ${i}`)).status);
    expect(odd).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

describe('the per-address limit of authentication routes, shared by instances on one database', () => {
  let first: ConversationHarness;
  let second: ConversationHarness;
  const limits = { http: { rateLimit: { passwords: { max: 6, windowSeconds: 60 }, tokens: { max: 4 } } } };
  const TOKEN = 'api-token-for-the-rate-limit-test';

  beforeAll(async () => {
    first = await ConversationHarness.create({
      http: true,
      config: { ...limits, console: { apiTokens: { ci: TOKEN } } },
    });
    second = await ConversationHarness.create({
      http: true,
      database: first.database,
      config: { ...limits, console: { apiTokens: { ci: TOKEN } } },
    });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });
  beforeEach(() => first.reset());

  it('counts console logins from one address across both instances, then answers 429 with Retry-After', async () => {
    await first.get(ConsoleUsersService).add('ana', PASSWORD);
    const statuses: number[] = [];
    const answers = await inFlight(Array.from({ length: 10 }), 5, async (_, i) => {
      const client = new ConsoleClient((i % 2 === 0 ? first : second).url);
      // Distinct names: the lock of a name is not what stops them.
      const response = await client.login(`user${i}`, 'wrong password');
      statuses.push(response.status);
      return response;
    });
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Too many login attempts from your address.');
    // Even the right password waits for the window to end.
    expect((await new ConsoleClient(second.url).login('ana', PASSWORD)).status).toBe(429);
  });

  it('counts every request that brings an API token, before the token is looked at', async () => {
    const statuses: number[] = [];
    for (const token of [TOKEN, 'a-wrong-token-xxxxxxxxxxxxxx', TOKEN, TOKEN, TOKEN, 'a-wrong-token-xxxxxxxxxxxxxx']) {
      const base = statuses.length % 2 === 0 ? first.url : second.url;
      const response = await fetch(`${base}/api/messages`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 401, 200, 200, 429, 429]);
    // The login form has its own budget.
    expect((await new ConsoleClient(first.url).login('ana', PASSWORD)).status).toBe(401);
  });
});
