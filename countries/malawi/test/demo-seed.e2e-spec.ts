import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { ConsoleClient, createTestDatabase, type TestDatabase, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';

/*
 * `mwana demo seed` as an operator runs it: Malawi's built CLI (dist/cli.js) in its own
 * process against a fresh PostgreSQL database, then the server on that database, whose
 * console shows the demo; a second run changes nothing; staging and production refuse and
 * write nothing at all.
 */

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const MAIN = join(__dirname, '..', 'dist', 'main.js');
const STATES = ['new', 'notified', 'sent', 'unprocessed', 'updated'];
/** What staging and production require; production's Kannel gateways need their secrets too. */
const SECRETS = { MWANA__CONSOLE__SESSION_SECRET: 's'.repeat(40), MWANA__CONTACTS__PIN_PEPPER: 'p'.repeat(40) };
const PRODUCTION = {
  ...SECRETS,
  MWANA__BACKENDS__GATEWAYS__AIRTEL_SMPP__PASSWORD: 'pw',
  MWANA__BACKENDS__GATEWAYS__AIRTEL_SMPP__SECRET: 'airtel-get-url-secret',
  MWANA__BACKENDS__GATEWAYS__TNM_MODEM__PASSWORD: 'pw',
  MWANA__BACKENDS__GATEWAYS__TNM_MODEM__SECRET: 'modem-get-url-secret',
};

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function mwana(args: string[], env: Record<string, string>, timeoutMs = STARTUP_TIMEOUT_MS): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mwana ${args.join(' ')} took over ${timeoutMs} ms:\n${out}${err}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every table's row count (public and pg-boss's): what "changes nothing" is checked against. */
async function fingerprint(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const { schema, name } of rows) {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM "${schema}"."${name}"`)).rows;
    counts[`${schema}.${name}`] = n;
  }
  return counts;
}

describe('mwana demo seed (Malawi, its own processes, PostgreSQL)', () => {
  let database: TestDatabase;
  let fresh: TestDatabase;
  let db: Client;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('mwana_demo');
    fresh = await createTestDatabase('mwana_demo_prod');
    db = new Client({ connectionString: database.url });
    await db.connect();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await db?.end();
    await database?.drop();
    await fresh?.drop();
  }, STARTUP_TIMEOUT_MS);

  it(
    'seeds places, workers, agents, results in every state, births, a broadcast and a help request',
    async () => {
      const run = await mwana(['demo', 'seed'], { MWANA_ENV: 'development', DATABASE_URL: database.url });
      expect(run).toMatchObject({ code: 0 });
      expect(run.out).toContain('Seeding demo data for Malawi');
      expect(run.out).not.toMatch(/\b1234\b/); // the demo workers' PIN is never printed

      const one = async (sql: string) => (await db.query(sql)).rows;
      expect(
        (await one(`SELECT DISTINCT notification_status AS s FROM lab_result ORDER BY 1`)).map((r) => r.s),
      ).toEqual(STATES);
      expect(await one(`SELECT count(*)::int AS n FROM result_disclosure`)).toEqual([{ n: 3 }]);
      expect(await one(`SELECT count(*)::int AS n FROM patient_event`)).toEqual([{ n: 4 }]);
      expect(await one(`SELECT count(*)::int AS n FROM broadcast`)).toEqual([{ n: 1 }]);
      expect(await one(`SELECT count(*)::int AS n FROM help_request`)).toEqual([{ n: 1 }]);
      // Workers, the district worker and agents: contacts with their roles, each phone linked.
      const [people] = await one(
        `SELECT count(DISTINCT k.id)::int AS n FROM contact k JOIN connection c ON c.contact_id = k.id
        WHERE c.identity LIKE '+2659991000%'`,
      );
      expect(people.n).toBe(8);
      // Nothing left to send: every demo SMS and reply went through the tester.
      expect(await one(`SELECT DISTINCT status FROM message WHERE direction = 'out' ORDER BY 1`)).toEqual([
        { status: 'delivered' },
      ]);
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    'changes nothing when run again',
    async () => {
      const before = await fingerprint(db);
      const run = await mwana(['demo', 'seed'], { MWANA_ENV: 'development', DATABASE_URL: database.url });
      expect(run).toMatchObject({ code: 0 });
      expect(run.out).toContain('Already seeded');
      expect(await fingerprint(db)).toEqual(before);
    },
    STARTUP_TIMEOUT_MS,
  );

  it.each(['staging', 'production'])(
    'is refused in %s, changing nothing',
    async (env) => {
      const before = await fingerprint(db);
      const secrets = env === 'production' ? PRODUCTION : SECRETS;
      const run = await mwana(['demo', 'seed'], { MWANA_ENV: env, DATABASE_URL: database.url, ...secrets });
      expect(run.code).toBe(1);
      expect(run.err).toContain(`Refused: demo data is for development and test, and this is ${env}`);
      expect(await fingerprint(db)).toEqual(before);
    },
    150_000,
  );

  it(
    'is refused in production on a fresh database before anything is written (not even a table)',
    async () => {
      const run = await mwana(['demo', 'seed'], { MWANA_ENV: 'production', DATABASE_URL: fresh.url, ...PRODUCTION });
      expect(run.code).toBe(1);
      const probe = new Client({ connectionString: fresh.url });
      await probe.connect();
      try {
        expect(await fingerprint(probe)).toEqual({});
      } finally {
        await probe.end();
      }
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    "shows the demo on the console's pages, and a first start says how to seed",
    async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          MWANA_ENV: 'development',
          DATABASE_URL: database.url,
          MWANA__HTTP__PORT: String(port),
          MWANA__LOG__LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = child;
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const deadline = Date.now() + 60_000;
      let login: RegExpMatchArray | null = null;
      while (!(login = out.match(/user "admin", password "([^"]+)"/)) || !out.includes('mwana demo seed')) {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${out}`);
        if (Date.now() > deadline) throw new Error(`no console login printed within 60 s: ${out}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const console = new ConsoleClient(`http://127.0.0.1:${port}`);
      expect((await console.login('admin', login[1])).status).toBe(303);

      expect(await console.page('/console/labresults')).toContain('Queen Elizabeth Central Hospital');
      expect(await console.page('/console/reminders/agents')).toContain('Chisomo Tembo');
      expect(await console.page('/console/reminders/births')).toContain('Chisomo Tembo');
      expect(await console.page('/console/contacts')).toContain('Chikondi Banda');
      expect(await console.page('/console/messages')).toContain('vaccine fridge');
      expect(await console.page('/console/locations')).toContain('Southern Region');
    },
    STARTUP_TIMEOUT_MS,
  );
});
