// The offline install: pnpm from its vendored tarball, and a registry on loopback that
// answers tarball requests from requirements-vendor/ and nothing else. With a frozen
// lockfile pnpm asks the registry for tarballs only, so nothing leaves the machine.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseRegistryPath, pinnedPnpm, ROOT, tarballFile, VENDOR } from './vendor-files.mjs';

const TOOLS = join(ROOT, '.mwana');
const STAMP = join(ROOT, 'node_modules', '.mwana-installed');

function lockHash() {
  return createHash('sha256')
    .update(readFileSync(join(ROOT, 'pnpm-lock.yaml')))
    .digest('hex');
}

export function isInstalled() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === lockHash();
}

/**
 * PATH with the pinned pnpm on it: the one installed on the machine when it is the pinned
 * version, else the vendored tarball unpacked into .mwana/ (turbo runs tasks through
 * `pnpm`, so it must be on PATH, not just callable).
 */
export function pathWithPnpm() {
  const version = pinnedPnpm();
  try {
    if (
      execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === version
    ) {
      return process.env.PATH;
    }
  } catch {
    // not installed: use the vendored one
  }
  const dir = join(TOOLS, `pnpm-${version}`);
  const bin = join(TOOLS, 'bin');
  if (!existsSync(join(dir, 'package', 'bin', 'pnpm.cjs'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(VENDOR, `pnpm-${version}.tgz`), '-C', dir]);
  }
  mkdirSync(bin, { recursive: true });
  const shim = join(bin, 'pnpm');
  writeFileSync(shim, `#!/bin/sh\nexec node "${join(dir, 'package', 'bin', 'pnpm.cjs')}" "$@"\n`);
  chmodSync(shim, 0o755);
  return `${bin}:${process.env.PATH}`;
}

/** Serves `/<name>/-/<file>.tgz` from requirements-vendor/; 404 for anything else. */
export function startVendorRegistry() {
  const misses = [];
  let served = 0;
  const server = createServer((request, response) => {
    const pkg = parseRegistryPath(request.url ?? '');
    const file = pkg && join(VENDOR, tarballFile(pkg.name, pkg.version));
    if (!file || !existsSync(file)) {
      misses.push(request.url);
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not in requirements-vendor/"}');
      return;
    }
    served++;
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, misses, served: () => served, close: () => server.close() });
    });
  });
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Installs every workspace dependency from requirements-vendor/ with no network. */
export async function offlineInstall({ storeDir } = {}) {
  const started = Date.now();
  const PATH = pathWithPnpm();
  const registry = await startVendorRegistry();
  const env = {
    ...process.env,
    PATH,
    npm_config_registry: registry.url,
    // pnpm must never fetch another copy of itself, nor telemetry reach out.
    npm_config_manage_package_manager_versions: 'false',
    COREPACK_ENABLE_STRICT: '0',
    TURBO_TELEMETRY_DISABLED: '1',
  };
  const args = [
    'install',
    '--frozen-lockfile',
    '--registry',
    registry.url,
    '--config.fetch-retries=0',
    '--reporter=append-only',
  ];
  if (storeDir) args.push('--store-dir', storeDir);
  try {
    await run('pnpm', args, env);
  } catch (error) {
    if (registry.misses.length > 0) {
      console.error(
        `Not in requirements-vendor/: ${registry.misses.slice(0, 10).join(', ')}\nRun \`pnpm vendor\` where the registry is reachable, and commit the folder.`,
      );
    }
    throw error;
  } finally {
    registry.close();
  }
  writeFileSync(STAMP, `${lockHash()}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Installed offline from requirements-vendor/ in ${seconds} s (${registry.served()} tarballs served on loopback).`,
  );
  return PATH;
}
