import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

/*
 * The embedded engine's base: a freshly initialised PGlite data folder (what `initdb` makes),
 * as a gzipped tar committed in packages/core/embedded/ and named by the PGlite version that
 * made it. initdb in WebAssembly runs three engines at once: on a 2-core machine it took 8-10 s
 * and 900 MB, most of a first start. Unpacking the base takes a fraction of a second; the
 * migrations then run on it as on any empty database. A PGlite upgrade without a new base
 * finds no file of its version and runs initdb as before (slow, still correct); `pnpm
 * embedded:base` writes the new one.
 */

/** packages/core/embedded, from dist/database or src/database. */
export const EMBEDDED_BASE_DIR = join(__dirname, '..', '..', 'embedded');

let installedVersion: string | undefined;

/** The installed @electric-sql/pglite's version (its data folders' format). */
export function pgliteVersion(): string {
  if (!installedVersion) {
    // The package's exports do not list package.json: found from its entry point instead.
    let dir = dirname(require.resolve('@electric-sql/pglite'));
    while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
    installedVersion = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  }
  return installedVersion;
}

/** Where the base for a PGlite version is kept. */
export function embeddedBasePath(version = pgliteVersion(), dir = EMBEDDED_BASE_DIR): string {
  return join(dir, `pglite-${version}.tar.gz`);
}

/** The base for the installed PGlite (gzipped tar), or null when none was made for it. */
export function readEmbeddedBase(dir = EMBEDDED_BASE_DIR): Buffer | null {
  const path = embeddedBasePath(pgliteVersion(), dir);
  return existsSync(path) ? readFileSync(path) : null;
}

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/**
 * Unpacks a gzipped tar (PGlite's `dumpDataDir` format: ustar, files and folders) into
 * `dataDir`. PG_VERSION, by which PGlite tells a database from an empty folder, is written
 * last: an unpacking cut short leaves a folder that is unpacked again, never one that opens.
 */
export function unpackEmbeddedBase(gzipped: Buffer, dataDir: string): void {
  const tar = gunzipSync(gzipped);
  const root = normalize(dataDir);
  const last: Array<[string, Buffer]> = [];
  mkdirSync(root, { recursive: true, mode: 0o700 });
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    const name = field(header, 0, 100);
    if (name === '') break; // the two zero blocks that end a tar
    const prefix = field(header, 345, 155);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const path = normalize(join(root, prefix, name));
    if (path !== root && !path.startsWith(root + sep)) throw new Error(`The embedded base names a path outside its folder: ${name}`);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 });
    else if (type === '0') {
      if (path === join(root, 'PG_VERSION')) last.push([path, body]);
      else {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeFileSync(path, body, { mode: 0o600 });
      }
    } else throw new Error(`The embedded base holds an entry of tar type "${type}" (${name}): only files and folders are expected`);
  }
  if (last.length === 0) throw new Error('The embedded base has no PG_VERSION: it is not a PostgreSQL data folder');
  for (const [path, body] of last) writeFileSync(path, body, { mode: 0o600 });
}

/** Runs initdb in PGlite and writes the base for the installed version; returns its path. */
export async function writeEmbeddedBase(dir = EMBEDDED_BASE_DIR): Promise<string> {
  const db = await PGlite.create();
  try {
    const dump = await db.dumpDataDir('gzip');
    const path = embeddedBasePath(pgliteVersion(), dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
    return path;
  } finally {
    await db.close();
  }
}
