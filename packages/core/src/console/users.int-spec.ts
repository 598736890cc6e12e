import type { CliIo } from '../cli/operator-command';
import { ConversationHarness } from '../testing/harness';
import { ConsoleClient } from '../testing/console-client';
import { ConsoleUsersService } from './console-users.service';
import { ensureDevelopmentAdmin } from './development-admin';
import { UsersCommand } from './users.command';
import { MwanaConfig } from '../config/mwana-config';

describe('`mwana users` and the development admin (real PostgreSQL)', () => {
  let harness: ConversationHarness;
  let out: string[];
  let err: string[];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const users = (...args: string[]) => harness.get(UsersCommand).run(args, io);

  beforeAll(async () => {
    harness = await ConversationHarness.create({ http: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    out = [];
    err = [];
    await harness.reset();
  });

  it('adds a user with a given password, and one with a made-up password printed once', async () => {
    expect(await users('add', 'Ana', '--password', 'correct horse battery')).toBe(0);
    expect(out).toEqual(['Added console user ana.']);
    expect(await users('add', 'bo')).toBe(0);
    const password = /^Password: (\S+) /.exec(out[2])?.[1] ?? '';
    expect(password).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect((await ConsoleClient.loggedIn(harness, 'bo', password)).cookie('mwana_session')).toBeDefined();
    const [stored] = (await harness.dataSource.query(
      `SELECT password_hash FROM console_user WHERE username = 'bo'`,
    )) as Array<{ password_hash: string }>;
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(password);
    out = [];
    expect(await users('list')).toBe(0);
    expect(out[0]).toMatch(/^ana\s+last login never$/);
    expect(out[1]).toMatch(/^bo\s+last login 2026-/);
  });

  it('refuses a second user of the same name (any case), a bad name and a short password', async () => {
    await users('add', 'ana', '--password', 'correct horse battery');
    expect(await users('add', 'ANA', '--password', 'another long one')).toBe(1);
    expect(err).toEqual(['A console user "ana" exists already.']);
    expect(await users('add', 'a b', '--password', 'another long one')).toBe(1);
    expect(await users('add', 'cy', '--password', 'short')).toBe(1);
    expect(err[2]).toBe('A console password needs at least 10 characters.');
    expect(await users('add')).toBe(2);
    expect(await users('frobnicate')).toBe(2);
    expect(await harness.get(ConsoleUsersService).count()).toBe(1);
  });

  it('changes a password, which logs the user out everywhere, and removes a user', async () => {
    await users('add', 'ana', '--password', 'correct horse battery');
    const client = await ConsoleClient.loggedIn(harness, 'ana', 'correct horse battery');
    expect(await users('password', 'ana', '--password', 'a new long password')).toBe(0);
    expect((await client.get('/console/messages')).status).toBe(303);
    expect((await new ConsoleClient(harness.url).login('ana', 'correct horse battery')).status).toBe(401);
    const again = await ConsoleClient.loggedIn(harness, 'ana', 'a new long password');
    expect(await users('remove', 'ana')).toBe(0);
    expect((await again.get('/console/messages')).status).toBe(303);
    expect(await users('remove', 'ana')).toBe(1);
    expect(err).toEqual(['No console user "ana".']);
  });

  it('in development, creates admin with a random password printed once, only while nobody has a login', async () => {
    const printed: string[] = [];
    const config = harness.get(MwanaConfig);
    // The harness runs as `test`; the function looks at the environment it is given.
    expect(await ensureDevelopmentAdmin(harness.module, harness.url, (l) => printed.push(l))).toBeNull();
    Object.defineProperty(config, 'env', { value: 'development', configurable: true });
    try {
      const admin = await ensureDevelopmentAdmin(harness.module, harness.url, (l) => printed.push(l));
      expect(admin?.username).toBe('admin');
      expect(printed).toEqual([
        expect.stringContaining(`${harness.url}/console  user "admin", password "${admin?.password}"`),
      ]);
      expect((await new ConsoleClient(harness.url).login('admin', admin?.password ?? '')).status).toBe(303);
      expect(await ensureDevelopmentAdmin(harness.module, harness.url, (l) => printed.push(l))).toBeNull();
      expect(printed).toHaveLength(1);
    } finally {
      Object.defineProperty(config, 'env', { value: 'test', configurable: true });
    }
  });
});
