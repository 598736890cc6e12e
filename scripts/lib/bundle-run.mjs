// What an operator does with a bundle, as INSTALL.md says it, for scripts/bundle-check.mjs:
// unpack a release, point `current` at it, run `./mwana`, start the server and wait for it.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Unpacks an archive into `<base>/releases/<id>`; returns that folder. */
export function unpackRelease(base, archive, id) {
  const dir = join(base, 'releases', id);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', archive, '-C', dir]);
  return dir;
}

/** Points `<base>/current` at a release in one rename, as `ln -sfn` + `mv -T` do. */
export function switchCurrent(base, id) {
  const next = join(base, `current.next-${process.pid}`);
  symlinkSync(join('releases', id), next);
  renameSync(next, join(base, 'current'));
}

/** Runs `./mwana <args>` of a release folder to its end: exit code, stdout, stderr. */
export function mwana(dir, args, env) {
  return new Promise((done, fail) => {
    const child = spawn(join(dir, 'mwana'), args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ code: code ?? signal, out, err }));
  });
}

/** A port nothing listens on now (the server is told it; the race with others is harmless here). */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/**
 * `./mwana start` of a release, its output in `log`; resolves with the first healthy
 * `/health` body. Waits as long as the start needs, up to `timeoutMs`, and fails at once
 * if the server exits first.
 */
export async function startServer(dir, { env, port, log, timeoutMs = 60_000 }) {
  const output = createWriteStream(log);
  const child = spawn(join(dir, 'mwana'), ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  let exited = null;
  const exit = new Promise((done) => child.on('exit', (code, signal) => done((exited = code ?? signal))));
  const started = Date.now();
  const url = `http://127.0.0.1:${port}`;
  const server = {
    url,
    startedMs: 0,
    /** SIGTERM, as systemd stops it; resolves with the milliseconds it took to exit. */
    async stop(limitMs = 30_000) {
      const asked = Date.now();
      if (exited === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
      const how = await exit;
      clearTimeout(timer);
      if (how === 'SIGKILL') throw new Error(`the server did not stop within ${limitMs} ms of SIGTERM`);
      return Date.now() - asked;
    },
  };
  while (Date.now() - started < timeoutMs) {
    if (exited !== null) break;
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.json();
      if (body.status === 'ok') {
        server.startedMs = Date.now() - started;
        return { server, health: body };
      }
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  await server.stop().catch(() => undefined);
  const tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(
    `${dir}: ${exited !== null ? `the server exited (${exited})` : `no healthy /health in ${timeoutMs} ms`}:\n${tail}`,
  );
}

/**
 * One SMS through the message tester's JSON endpoint (an API token from console.apiTokens),
 * then its thread until the reply is delivered by the sender; returns the reply's text.
 */
export async function smsRoundTrip(url, token, phone, text, timeoutMs = 20_000) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const sent = await fetch(`${url}/backends/tester/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ phone, text }),
  });
  const body = await sent.json();
  if (sent.status !== 201 || !Array.isArray(body.replies) || body.replies.length === 0) {
    throw new Error(`the tester answered ${sent.status}, no reply: ${JSON.stringify(body)}`);
  }
  const reply = body.replies[0];
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const thread = await (
      await fetch(`${url}/backends/tester/messages?phone=${encodeURIComponent(phone)}`, { headers })
    ).json();
    const now = thread.messages.find((m) => m.id === reply.id);
    if (now?.status === 'delivered') return { reply: now.text, thread: thread.messages };
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`reply ${reply.id} was not delivered within ${timeoutMs} ms`);
}
