/**
 * A PostgreSQL cluster of a fault test's own (`initdb` in a temporary folder, on a free
 * loopback port), so the test can stop and start the server under load without touching the
 * shared one. fsync, full-page writes and synchronous commit are off: nothing here must
 * survive a power cut, and the 2-core machine's disk is shared. Run as root, the server runs
 * as the `postgres` user (initdb refuses root).
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** `initdb` and `pg_ctl`: on PATH, else Debian's folder of the installed major version. */
async function binary(name: string): Promise<string> {
  for (const candidate of [
    `/usr/local/bin/${name}`,
    `/usr/lib/postgresql/17/bin/${name}`,
    `/usr/lib/postgresql/16/bin/${name}`,
    `/usr/lib/postgresql/15/bin/${name}`,
  ])
    if (
      await run(candidate, ['--version']).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  return name;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The `postgres` user's ids when this process is root, for initdb and the server. */
async function serverUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

export class PgCluster {
  private constructor(
    /** The cluster's folder (its data, log and socket); removed by `destroy`. */
    readonly folder: string,
    readonly port: number,
    private readonly user: { uid: number; gid: number } | null,
    private readonly pgCtl: string,
  ) {}

  static async create(): Promise<PgCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'mwana-pg-'));
    const user = await serverUser();
    if (user) await chown(dir, user.uid, user.gid);
    const cluster = new PgCluster(dir, await freePort(), user, await binary('pg_ctl'));
    await run(
      await binary('initdb'),
      ['-D', cluster.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
      {
        ...cluster.as,
        cwd: dir,
      },
    );
    await cluster.start();
    return cluster;
  }

  private get data(): string {
    return join(this.folder, 'data');
  }

  private get as(): { uid?: number; gid?: number } {
    return this.user ?? {};
  }

  /** A URL of this cluster (the database `name`). */
  url(name = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  /** Creates a database on the cluster; its URL. */
  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Starts the server and waits until it takes connections. */
  async start(): Promise<void> {
    const settings = [`-p ${this.port}`, `-k ${this.folder}`, '-c listen_addresses=127.0.0.1'];
    settings.push('-c fsync=off', '-c full_page_writes=off', '-c synchronous_commit=off', '-c max_connections=100');
    await this.ctl(['-l', join(this.folder, 'server.log'), '-o', settings.join(' '), '-w', 'start']);
  }

  /** Stops the server: `fast` ends every session (rolling back what is open), `immediate` is a crash. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.ctl(['-m', mode, '-w', 'stop']);
  }

  /** Stops the server (if running) and removes the cluster. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    await rm(this.folder, { recursive: true, force: true });
  }

  private async ctl(args: string[]): Promise<void> {
    await run(this.pgCtl, ['-D', this.data, ...args], { ...this.as, cwd: this.folder });
  }
}
