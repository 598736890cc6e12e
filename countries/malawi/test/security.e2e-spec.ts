import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, csrfOf, type TestDatabase, TesterPhones, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';

/*
 * The counted checks across real processes: two Malawi servers (dist/main.js) on one
 * PostgreSQL database, as a district runs several api processes. The per-address limit of
 * the console login is one budget over both; PIN guesses spread over both still lock after
 * five, with one alert, and release nothing.
 */

const MAIN = join(__dirname, '..', 'dist', 'main.js');
const TOKEN = 'security-e2e-token-0123456789';
const LOGIN_BUDGET = 10;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One console login through the real form: its own form cookie and token. */
async function login(base: string, username: string, password: string): Promise<number> {
  const form = await fetch(`${base}/console/login`);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrfOf(await form.text()), username, password }).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('counted checks across two server processes (Malawi, PostgreSQL)', () => {
  let database: TestDatabase;
  let db: Client;
  const servers: ChildProcess[] = [];
  const bases: string[] = [];

  async function startServer(): Promise<string> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        MWANA_ENV: 'test',
        DATABASE_URL: database.url,
        MWANA__HTTP__PORT: String(port),
        MWANA__HTTP__HOST: '127.0.0.1',
        MWANA__CONSOLE__API_TOKENS__E2E: TOKEN,
        MWANA__HTTP__RATE_LIMIT__PASSWORDS__MAX: String(LOGIN_BUDGET),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    servers.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await until(`the server on port ${port}`, async () => {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
      return fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
    });
    return `http://127.0.0.1:${port}`;
  }

  beforeAll(async () => {
    database = await createTestDatabase('mwana_security');
    // One after the other: the first runs the migrations.
    bases.push(await startServer());
    bases.push(await startServer());
    db = new Client({ connectionString: database.url });
    await db.connect();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const child of servers) if (child.exitCode === null) child.kill('SIGTERM');
    await db?.end();
    await database?.drop();
  });

  it(
    'counts console logins from one address once over both processes',
    async () => {
      const statuses = await Promise.all(
        Array.from({ length: 16 }, (_, i) => login(bases[i % 2], `nobody-${i}`, 'a wrong password')),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_BUDGET);
      expect(statuses.filter((s) => s === 429)).toHaveLength(16 - LOGIN_BUDGET);
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    '60 PINs, 16 at a time over both processes, the right one 50th: nothing released, one alert, locked',
    async () => {
      await db.query(
        `INSERT INTO location_type (slug, singular, plural, kind) VALUES ('clinic', 'Clinic', 'Clinics', 'clinic')`,
      );
      const {
        rows: [clinic],
      } = await db.query<{ id: number }>(
        `INSERT INTO location (name, code, type_id) SELECT 'Chifubu Clinic', '0512', id FROM location_type RETURNING id`,
      );
      await db.query(
        `INSERT INTO lab_result (sample_id, requisition_id, clinic_id, result, notification_status, verified, collected_on, arrival_date)
       SELECT 'S' || n, 'P-000' || n, $1, 'P', 'new', true, '2026-01-02', now() FROM generate_series(1, 3) AS n`,
        [clinic.id],
      );
      const phones = bases.map((base) => new TesterPhones(base, TOKEN));
      expect(await phones[0].send('0999000100', 'JOIN clinic 0512 Help Desk 1212')).toHaveLength(1);
      await db.query(`UPDATE contact SET is_help_admin = true WHERE name = 'Help Desk'`);
      await phones[1].send('0999000001', 'JOIN clinic 0512 Mary Phiri 8765');
      expect((await phones[0].send('0999000001', 'CHECK'))[0]).toMatch(
        /^Hello Mary Phiri\. We have 3 DBS test results/,
      );

      const replies: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async (_, lane) => {
          while (next < 60) {
            const i = next++;
            replies.push(...(await phones[lane % 2].send('0999000001', i === 49 ? '8765' : String(1000 + i))));
          }
        }),
      );
      expect(replies.filter((t) => /^Thank you! Here are your results/.test(t))).toEqual([]);
      expect(replies.filter((t) => /^Sorry, that was not the correct pin code\. /.test(t))).toHaveLength(4);
      expect(replies.filter((t) => /too many times/.test(t))).toHaveLength(56);
      expect(replies.filter((t) => /sent 5 wrong pin codes in a row/.test(t))).toHaveLength(1);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM result_disclosure');
      expect(rows[0].n).toBe(0);
      expect((await phones[1].send('0999000001', '8765'))[0]).toMatch(/too many times/);
    },
    STARTUP_TIMEOUT_MS,
  );
});
