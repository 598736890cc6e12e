import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BEARERBOX = '/usr/sbin/bearerbox';
export const SMSBOX = '/usr/sbin/smsbox';
export const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';

export const kannelInstalled = (): boolean => existsSync(BEARERBOX);

export interface KannelPorts {
  readonly admin: number;
  readonly smsbox: number;
  readonly smsc: number;
  readonly sendsms: number;
}

/** A started process and everything it printed, for the test to wait on and show on failure. */
export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  output: string;
}

/** Ports free right now on loopback (the OS picks them; the gap before Kannel binds is small). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/**
 * A minimal kannel.conf: bearerbox on loopback with a `fake` SMSC (fakesmsc connects to
 * it), smsbox with cgi-bin/sendsms for Mwana, and one sms-service calling Mwana's Kannel
 * route. `%b` (not `%a`) so UCS-2 text arrives byte for byte; `max-messages = 0` so Kannel
 * sends nothing back by itself.
 */
export function kannelConf(dir: string, ports: KannelPorts, getUrl: string): string {
  return `
group = core
admin-port = ${ports.admin}
admin-password = admin-test
admin-interface = 127.0.0.1
smsbox-port = ${ports.smsbox}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "${join(dir, 'bearerbox.log')}"
log-level = 0

group = smsc
smsc = fake
smsc-id = fake
port = ${ports.smsc}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${ports.smsbox}
sendsms-port = ${ports.sendsms}
sendsms-interface = 127.0.0.1
log-file = "${join(dir, 'smsbox.log')}"
log-level = 0

group = sendsms-user
username = mwana
password = kannel-pw

group = sms-service
keyword = default
get-url = "${getUrl}"
max-messages = 0
`;
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mwana-kannel-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeConf(dir: string, conf: string): Promise<string> {
  const file = join(dir, 'kannel.conf');
  await writeFile(file, conf);
  return file;
}

export function start(name: string, command: string, args: readonly string[], cwd: string): Started {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const started: Started = { name, child, output: '' };
  const append = (chunk: Buffer) => (started.output += chunk.toString('utf8'));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.on('error', (error) => append(Buffer.from(`spawn failed: ${error.message}\n`)));
  return started;
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`; resolves once it has exited. */
export async function stop(started: Started, graceMs = 3_000): Promise<void> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resolves once the process accepts TCP connections on the port; throws at once if it exits. */
export async function portOpen(started: Started, port: number, timeoutMs: number): Promise<void> {
  await until(
    `${started.name} to open port ${port}`,
    timeoutMs,
    () =>
      new Promise<boolean>((resolve, reject) => {
        if (started.child.exitCode !== null || started.child.signalCode !== null) {
          reject(
            new Error(
              `${started.name} exited (${started.child.exitCode ?? started.child.signalCode}) before opening port ${port}`,
            ),
          );
          return;
        }
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.end(), resolve(true)));
        socket.once('error', () => resolve(false));
      }),
  );
}

/** Polls `check` every 100 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function until(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
