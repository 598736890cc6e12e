import { STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * countries/malawi/config/kannel.conf.sample run by Debian's real Kannel: bearerbox and
 * smsbox start on it (its ports, log and spool paths moved to a temporary folder, the SMPP
 * link pointed at a closed port and the modem at a device that is not there, as on a server
 * whose links are down), and each of Mwana's sendsms users is taken (the SMS queued for its
 * SMSC) while a wrong password is refused.
 */

const BEARERBOX = '/usr/sbin/bearerbox';
const SMSBOX = '/usr/sbin/smsbox';
const SAMPLE = join(__dirname, '..', 'config', 'kannel.conf.sample');
const installed = existsSync(BEARERBOX) && existsSync(SMSBOX);
if (!installed)
  console.warn('Skipping kannel.conf.sample under Kannel: /usr/sbin/bearerbox is absent (apt-get install kannel).');
const suite = installed ? describe : describe.skip;

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
    socket.connect(port, '127.0.0.1');
  });
}

suite('kannel.conf.sample under the real Kannel (bearerbox, smsbox)', () => {
  const children: Array<{ name: string; child: ChildProcess; output: string }> = [];
  let dir: string;
  let sendsms: number;

  async function startBox(name: string, binary: string, conf: string, port: number): Promise<void> {
    const started = { name, child: spawn(binary, [conf], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }), output: '' };
    started.child.stdout?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
    started.child.stderr?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
    children.push(started);
    const deadline = Date.now() + 15_000;
    while (!(await portOpen(port))) {
      if (started.child.exitCode !== null)
        throw new Error(`${name} exited (${started.child.exitCode}):\n${started.output}`);
      if (Date.now() > deadline) throw new Error(`${name} did not open port ${port} within 15 s:\n${started.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwana-kannel-sample-'));
    await mkdir(join(dir, 'spool'));
    const [admin, smsbox, send, closed] = await freePorts(4);
    sendsms = send;
    const conf = (await readFile(SAMPLE, 'utf8'))
      .replace(/^admin-port = 13000$/m, `admin-port = ${admin}`)
      .replace(/^smsbox-port = 13001$/m, `smsbox-port = ${smsbox}`)
      .replace(/^bearerbox-port = 13001$/m, `bearerbox-port = ${smsbox}`)
      .replace(/^sendsms-port = 13013$/m, `sendsms-port = ${send}`)
      .replace(/^host = .*$/m, 'host = 127.0.0.1')
      .replace(/^port = 2775$/m, `port = ${closed}`)
      .replace(/^device = .*$/m, `device = ${join(dir, 'no-modem')}`)
      .replaceAll('/var/log/kannel', dir)
      .replace('/var/spool/kannel', join(dir, 'spool'));
    for (const port of [admin, smsbox, send]) expect(conf).toContain(String(port));
    const file = join(dir, 'kannel.conf');
    await writeFile(file, conf);
    await startBox('bearerbox', BEARERBOX, file, smsbox);
    await startBox('smsbox', SMSBOX, file, send);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const { child } of children.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  }, STARTUP_TIMEOUT_MS);

  const send = (username: string, password: string) =>
    fetch(
      `http://127.0.0.1:${sendsms}/cgi-bin/sendsms?${new URLSearchParams({ username, password, to: '+265991000001', text: 'hi' })}`,
    );

  it.each([
    ['mwana-airtel', 'CHANGE-ME-airtel-sendsms-password'],
    ['mwana-modem', 'CHANGE-ME-modem-sendsms-password'],
  ])('takes an SMS from the sendsms user %s (queued for its SMSC, which is down)', async (username, password) => {
    const response = await send(username, password);
    expect(response.status).toBe(202);
    expect(await response.text()).toMatch(/^(0: Accepted for delivery|3: Queued for later delivery)/);
  });

  it('refuses a wrong password', async () => {
    const response = await send('mwana-airtel', 'wrong');
    expect(response.status).toBe(403);
    await response.text();
  });
});
