import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import type { MigrationList } from './data-source.options';

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
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    installedVersion = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  }
  return installedVersion;
}

/** Where the base for a PGlite version is kept. */
export function embeddedBasePath(version = pgliteVersion(), dir = EMBEDDED_BASE_DIR): string {
  return join(dir, `pglite-${version}.tar.gz`);
}

/** The base for the installed PGlite (a gzipped tar's path), or null when none was made for it. */
export function embeddedBase(dir = EMBEDDED_BASE_DIR): string | null {
  const path = embeddedBasePath(pgliteVersion(), dir);
  return existsSync(path) ? path : null;
}

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/**
 * Unpacks a gzipped tar (PGlite's `dumpDataDir` format: ustar, files and folders) into
 * `dataDir`, streamed: each file is written as its bytes arrive, none held whole. PG_VERSION,
 * by which PGlite tells a database from an empty folder, is written last: an unpacking cut
 * short leaves a folder that is unpacked again, never one that opens.
 */
export async function unpackEmbeddedBase(archive: string, dataDir: string): Promise<void> {
  const root = normalize(dataDir);
  const versionPath = join(root, 'PG_VERSION');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const header = Buffer.alloc(512);
  let headerFill = 0;
  /** The entry whose body (`left` bytes, then `pad` to the next 512) is arriving. */
  let entry: { left: number; pad: number; fd: number | null; version: Buffer[] | null } | null = null;
  let version: Buffer | null = null;
  let ended = false;
  try {
    for await (const raw of createReadStream(archive).pipe(createGunzip())) {
      let chunk = raw as Buffer;
      while (chunk.length > 0 && !ended) {
        if (!entry) {
          const n = Math.min(512 - headerFill, chunk.length);
          chunk.copy(header, headerFill, 0, n);
          headerFill += n;
          chunk = chunk.subarray(n);
          if (headerFill < 512) break;
          headerFill = 0;
          const name = field(header, 0, 100);
          if (name === '') {
            ended = true; // the zero blocks that end a tar
            break;
          }
          const path = normalize(join(root, field(header, 345, 155), name));
          if (path !== root && !path.startsWith(root + sep))
            throw new Error(`The embedded base names a path outside its folder: ${name}`);
          const size = parseInt(field(header, 124, 12).trim() || '0', 8);
          const type = String.fromCharCode(header[156] || 48);
          entry = { left: size, pad: Math.ceil(size / 512) * 512 - size, fd: null, version: null };
          if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 });
          else if (type !== '0')
            throw new Error(
              `The embedded base holds an entry of tar type "${type}" (${name}): only files and folders are expected`,
            );
          else if (path === versionPath) entry.version = [];
          else {
            mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
            entry.fd = openSync(path, 'w', 0o600);
          }
        } else if (entry.left > 0) {
          const n = Math.min(entry.left, chunk.length);
          if (entry.fd !== null) writeSync(entry.fd, chunk, 0, n);
          else entry.version?.push(Buffer.from(chunk.subarray(0, n)));
          entry.left -= n;
          chunk = chunk.subarray(n);
        } else {
          const n = Math.min(entry.pad, chunk.length);
          entry.pad -= n;
          chunk = chunk.subarray(n);
        }
        if (entry && entry.left === 0 && entry.pad === 0) {
          if (entry.fd !== null) closeSync(entry.fd);
          if (entry.version) version = Buffer.concat(entry.version);
          entry = null;
        }
      }
    }
  } finally {
    if (entry?.fd != null) closeSync(entry.fd);
  }
  if (!version) throw new Error('The embedded base has no PG_VERSION: it is not a PostgreSQL data folder');
  writeFileSync(versionPath, version, { mode: 0o600 });
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

/*
 * A country's template: the base with every migration of the build run on it, made when the
 * country is built (`scripts/embedded-template.mjs`, in its build script) into
 * countries/<c>/dist/embedded/. Its manifest names the PGlite version and, per migration, its
 * name and a hash of its compiled class. A new database starts from the template only when
 * the manifest's migrations are the first ones of this build's list, unchanged: TypeORM then
 * runs only the newer ones. Any other difference (a migration edited, removed or reordered,
 * another PGlite) and the database starts from the base and runs every migration.
 */

const TEMPLATE_FILE = 'template.tar.gz';
const MANIFEST_FILE = 'template.json';

export interface EmbeddedTemplate {
  /** countries/<c>/dist/embedded */
  readonly dir: string;
  readonly migrations: MigrationList;
}

interface TemplateManifest {
  readonly pglite: string;
  readonly migrations: readonly string[];
}

/** `name:hash` per migration, in order: what a template must match to be used. */
export function migrationFingerprints(migrations: MigrationList): string[] {
  return migrations.map((migration) => {
    const name = new migration().name ?? migration.name;
    return `${name}:${createHash('sha256').update(String(migration)).digest('hex').slice(0, 16)}`;
  });
}

/** The template (a gzipped tar's path) when it fits this PGlite and this build's migrations, else null. */
export function embeddedTemplate(template: EmbeddedTemplate): string | null {
  const manifestPath = join(template.dir, MANIFEST_FILE);
  const archivePath = join(template.dir, TEMPLATE_FILE);
  if (!existsSync(manifestPath) || !existsSync(archivePath)) return null;
  let manifest: TemplateManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as TemplateManifest;
  } catch {
    return null;
  }
  if (manifest.pglite !== pgliteVersion() || !Array.isArray(manifest.migrations)) return null;
  const current = migrationFingerprints(template.migrations);
  if (manifest.migrations.length > current.length) return null;
  if (manifest.migrations.some((fingerprint, i) => fingerprint !== current[i])) return null;
  return archivePath;
}

/**
 * What a new database starts from: the template if it fits, else the base, else nothing
 * (initdb). MWANA_EMBEDDED_START=base or initdb takes the slower ways, for `pnpm bench:start`
 * to compare them in one run (initdb also with PGlite's own settings: the engine before).
 */
export function embeddedStart(template?: EmbeddedTemplate, env = process.env): string | null {
  if (env.MWANA_EMBEDDED_START === 'initdb') return null;
  if (env.MWANA_EMBEDDED_START === 'base') return embeddedBase();
  return (template && embeddedTemplate(template)) ?? embeddedBase();
}

/**
 * Writes a country's template: a database in memory from the base, every migration run,
 * dumped. `migrate` runs the migrations on a DataSource (TypeORM, as the boot does) and
 * returns the engine to dump.
 */
export async function writeEmbeddedTemplate(
  template: EmbeddedTemplate,
  migrate: () => Promise<{ db: PGlite; done: () => Promise<void> }>,
): Promise<string> {
  const { db, done } = await migrate();
  try {
    await db.exec('CHECKPOINT');
    const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(template.dir, { recursive: true });
    writeFileSync(join(template.dir, TEMPLATE_FILE), dump);
    const manifest: TemplateManifest = {
      pglite: pgliteVersion(),
      migrations: migrationFingerprints(template.migrations),
    };
    writeFileSync(join(template.dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return join(template.dir, TEMPLATE_FILE);
  } finally {
    await done();
  }
}
