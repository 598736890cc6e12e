import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';

/*
 * Durable delivery across a real crash: Malawi's built server (dist/main.js) is killed with
 * SIGKILL while its Kannel is still answering a reply; a second server, started on the same
 * database, sends that reply once its job has expired, and the reply is accepted once.
 */

const MAIN = join(__dirname, '..', 'dist', 'main.js');
const SECRET = 'kill-test-secret-0123456789';

/** A Kannel sendsms that hangs on the calls `hang` says, and accepts the others. */
class FakeKannel {
  readonly calls: string[] = [];
  readonly accepted: string[] = [];
  hang = true;
  private readonly hanging: ServerResponse[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeKannel> {
    let fake: FakeKannel | null = null;
    const server = createServer((request, response) => fake?.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeKannel(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/sendsms`);
    return fake;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const text = new URL(request.url ?? '/', 'http://kannel').searchParams.get('text') ?? '';
    this.calls.push(text);
    if (this.hang) {
      this.hanging.push(response);
      return;
    }
    this.accepted.push(text);
    response.writeHead(202).end('0: Accepted for delivery');
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a server killed mid-send (Malawi, real processes, PostgreSQL)', () => {
  let database: TestDatabase;
  let kannel: FakeKannel;
  let db: Client;
  const servers: ChildProcess[] = [];

  async function startServer(port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        MWANA_ENV: 'test',
        DATABASE_URL: database.url,
        MWANA__HTTP__PORT: String(port),
        MWANA__HTTP__HOST: '127.0.0.1',
        MWANA__BACKENDS__GATEWAYS__AIRTEL__TYPE: 'kannel',
        MWANA__BACKENDS__GATEWAYS__AIRTEL__SENDSMS_URL: kannel.url,
        MWANA__BACKENDS__GATEWAYS__AIRTEL__USERNAME: 'mwana',
        MWANA__BACKENDS__GATEWAYS__AIRTEL__PASSWORD: 'mwana',
        MWANA__BACKENDS__GATEWAYS__AIRTEL__SECRET: SECRET,
        MWANA__BACKENDS__GATEWAYS__AIRTEL__TIMEOUT_MS: '60000',
        // A lease longer than the test: what recovers the reply is the restarted process handing
        // back what its earlier life left `sending`, not the lease running out.
        MWANA__BACKENDS__LEASESECONDS: '300',
        MWANA__BACKENDS__MAINTENANCESECONDS: '1',
        MWANA__BACKENDS__RETRYBASESECONDS: '1',
        MWANA__BACKENDS__POLLMS: '100',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    servers.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await until(`the server on port ${port} (${stderr})`, async () => {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
      return fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
    });
    return child;
  }

  const outbound = async () =>
    (
      await db.query<{ id: string; status: string; attempts: number }>(
        `SELECT id::text, status, attempts FROM message WHERE direction = 'out' ORDER BY id`,
      )
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase('mwana_kill');
    kannel = await FakeKannel.start();
  });
  afterAll(async () => {
    for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
    await db?.end();
    await kannel.close();
    await database.drop();
  });

  it(
    'sends the reply after a restart, and it is accepted once',
    async () => {
      const port = await freePort();
      const first = await startServer(port);
      db = new Client({ connectionString: database.url });
      await db.connect();

      const inbound = await fetch(
        `http://127.0.0.1:${port}/backends/airtel/incoming?secret=${SECRET}&id=%2B265991000001&text=hello&message_id=k1`,
      );
      expect(inbound.status).toBe(200);
      // The reply is on its way: Kannel has the request and has not answered.
      await until('the first send', async () => kannel.calls.length === 1);
      const [reply] = await outbound();
      expect(reply).toMatchObject({ status: 'sending', attempts: 1 });

      first.kill('SIGKILL');
      await once(first, 'exit');
      kannel.hang = false;
      await startServer(port);

      const sent = await until('the reply sent after the restart', async () =>
        (await outbound()).find((m) => m.status === 'sent'),
      );
      expect(sent).toMatchObject({ id: reply.id, attempts: 1 });
      expect(kannel.calls).toHaveLength(2);
      expect(kannel.accepted).toEqual([kannel.calls[0]]);
      expect(await outbound()).toHaveLength(1);
      const events = await db.query<{ status: string; detail: string | null }>(
        'SELECT status, detail FROM message_event WHERE message_id = $1 ORDER BY id',
        [reply.id],
      );
      // The restarted process (same name) hands back what its earlier life left `sending`, no try
      // spent, saying it may have gone twice; the routine steps after it are on the row (MessageRows).
      expect(events.rows.map((e) => e.status)).toEqual(['retrying']);
      expect(events.rows[0].detail).toMatch(/^may have gone twice/);
    },
    STARTUP_TIMEOUT_MS,
  );
});
