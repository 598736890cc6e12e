// Builds a country's deploy archive. pnpm deploy (with the lockfile, injected workspace
// packages and a flat node_modules) installs the production dependencies from the same
// loopback registry the offline install uses, so nothing is fetched from outside; what a
// production run never loads is then pruned (lib/bundle-prune.mjs) and the launcher,
// systemd unit and INSTALL.md (scripts/bundle/) are written beside the app.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { FORBIDDEN_PACKAGES, installedPackages, pruneDependencies, pruneMwanaPackage } from './bundle-prune.mjs';
import { isInstalled, offlineInstall, pathWithPnpm, startVendorRegistry } from './offline.mjs';
import { ROOT } from './vendor-files.mjs';

const TEMPLATES = join(ROOT, 'scripts', 'bundle');
/** The issue's target for one archive, compressed. */
const TARGET_BYTES = 15 * 1000 * 1000;

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** Country, version, commit, and the release id the archive and its folder are named by. */
export function releaseInfo(country, versionOverride) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'countries', country, 'package.json'), 'utf8'));
  const version = versionOverride ?? pkg.version;
  if (!/^[0-9A-Za-z.+-]+$/.test(version)) throw new Error(`--version "${version}": letters, digits, . + - only.`);
  const commit = git('rev-parse', '--short=10', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const id = `${version}-${commit}${dirty ? '-dirty' : ''}`;
  return {
    country,
    packageName: pkg.name,
    version,
    commit: git('rev-parse', 'HEAD'),
    committedAt: Number(git('show', '-s', '--format=%ct', 'HEAD')),
    dirty,
    id,
    name: `mwana-${country}-${id}`,
  };
}

function run(command, args, env) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

/** pnpm deploy of the country into `target`, its tarballs served from requirements-vendor/. */
async function deploy(release, target, env) {
  const registry = await startVendorRegistry();
  try {
    await run(
      'pnpm',
      [
        '--filter',
        release.packageName,
        'deploy',
        '--prod',
        '--prefer-offline',
        '--frozen-lockfile',
        '--registry',
        registry.url,
        '--config.fetch-retries=0',
        // The lockfile's workspace packages are copied in, not linked, and node_modules is
        // flat: an operator can read it, and nothing points back into this repository.
        '--config.inject-workspace-packages=true',
        '--config.node-linker=hoisted',
        '--reporter=append-only',
        target,
      ],
      { ...env, npm_config_registry: registry.url },
    );
  } catch (error) {
    if (registry.misses.length > 0) {
      error.message += `\nNot in requirements-vendor/: ${registry.misses.slice(0, 10).join(', ')}`;
    }
    throw error;
  } finally {
    registry.close();
  }
}

function fill(template, values) {
  return readFileSync(join(TEMPLATES, template), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key) => {
    if (!(key in values)) throw new Error(`${template}: no value for ${whole}`);
    return values[key];
  });
}

function walk(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else visit(path, entry);
  }
}

/** Every `require` in Mwana's own compiled code must resolve inside the bundle. */
function unresolvedRequires(app) {
  const roots = [
    join(app, 'dist'),
    ...readdirSync(join(app, 'node_modules', '@mwana')).map((p) => join(app, 'node_modules', '@mwana', p, 'dist')),
  ];
  const builtins = new Set(builtinModules);
  const missing = [];
  for (const root of roots) {
    walk(root, (file) => {
      if (!file.endsWith('.js')) return;
      const requireFrom = createRequire(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)) {
        if (builtins.has(spec) || spec.startsWith('node:')) continue;
        try {
          requireFrom.resolve(spec);
        } catch {
          missing.push(`${relative(app, file)}: ${spec}`);
        }
      }
    });
  }
  return missing;
}

function bytesIn(dir) {
  let bytes = 0;
  let files = 0;
  walk(dir, (path, entry) => {
    if (entry.isFile()) {
      bytes += statSync(path).size;
      files++;
    }
  });
  return { bytes, files };
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Builds the archive; returns its path, release and sizes. */
export async function buildBundle({ country, out = 'bundles', version, embedded = false, build = true }) {
  if (!existsSync(join(ROOT, 'countries', country, 'package.json'))) {
    throw new Error(`No country "${country}": choose one of the folders in countries/.`);
  }
  const started = Date.now();
  const release = releaseInfo(country, version);
  const PATH = isInstalled() ? pathWithPnpm() : await offlineInstall();
  const env = {
    ...process.env,
    PATH,
    npm_config_manage_package_manager_versions: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
  };
  if (build) {
    await run(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', `--filter=${release.packageName}...`, '--output-logs=errors-only'],
      env,
    );
  }
  // Outside the repository, so that nothing in the bundle resolves through its node_modules.
  const stage = mkdtempSync(join(tmpdir(), 'mwana-bundle-'));
  chmodSync(stage, 0o755); // the archive's top folder: readable by the user that runs it
  try {
    const app = join(stage, 'app');
    await deploy(release, app, env);
    pruneDependencies(join(app, 'node_modules'), { embedded });
    for (const [name, dir] of installedPackages(join(app, 'node_modules'))) {
      if (name.startsWith('@mwana/')) pruneMwanaPackage(dir, { embedded });
    }
    pruneMwanaPackage(app, { embedded });

    // The country's package.json as it runs: its release version (country.ts reads it for
    // /health), the versions installed, no scripts or build paths.
    const source = JSON.parse(readFileSync(join(ROOT, 'countries', country, 'package.json'), 'utf8'));
    const installed = (name) =>
      JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version;
    const { scripts, devDependencies, ...kept } = source;
    const runtime = {
      ...kept,
      version: release.version,
      engines: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines,
      dependencies: Object.fromEntries(Object.keys(source.dependencies ?? {}).map((name) => [name, installed(name)])),
    };
    writeFileSync(join(app, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);

    const values = {
      country,
      Country: country[0].toUpperCase() + country.slice(1),
      release: release.id,
      version: release.version,
      commit: release.commit,
      engines: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node,
    };
    writeFileSync(join(stage, 'mwana'), fill('mwana', values));
    chmodSync(join(stage, 'mwana'), 0o755);
    writeFileSync(join(stage, 'INSTALL.md'), fill('INSTALL.md', values));
    writeFileSync(join(stage, `mwana-${country}.service`), fill('mwana.service', values));
    writeFileSync(join(stage, 'mwana.env.example'), fill('mwana.env.example', values));
    writeFileSync(
      join(stage, 'RELEASE'),
      [
        `country: ${country}`,
        `version: ${release.version}`,
        `release: ${release.id}`,
        `commit: ${release.commit}${release.dirty ? ' (with uncommitted changes)' : ''}`,
        `committed: ${new Date(release.committedAt * 1000).toISOString()}`,
        `node: ${values.engines}`,
        `embedded database engine: ${embedded ? 'included' : 'left out (PostgreSQL only)'}`,
        '',
      ].join('\n'),
    );

    const packages = installedPackages(join(app, 'node_modules'));
    const forbidden = packages
      .map(([name]) => name)
      .filter((name) => FORBIDDEN_PACKAGES.some((rule) => rule.test(name)));
    if (forbidden.length > 0)
      throw new Error(`Build or test tools in the bundle: ${[...new Set(forbidden)].join(', ')}`);
    const missing = unresolvedRequires(app);
    if (missing.length > 0) throw new Error(`Requires that do not resolve in the bundle:\n  ${missing.join('\n  ')}`);

    const outDir = resolve(out);
    mkdirSync(outDir, { recursive: true });
    const archive = join(outDir, `${release.name}.tar.gz`);
    const partial = `${archive}.partial`;
    // Reproducible: sorted, owned by root, every file dated at the commit, gzip without a name or time.
    execFileSync('tar', [
      '--sort=name',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      `--mtime=@${release.committedAt}`,
      '--use-compress-program=gzip -9 -n',
      '-cf',
      partial,
      '-C',
      stage,
      '.',
    ]);
    renameSync(partial, archive);
    const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
    writeFileSync(`${archive}.sha256`, `${sha256}  ${release.name}.tar.gz\n`);

    const compressed = statSync(archive).size;
    const unpacked = bytesIn(stage);
    const largest = packages
      .filter(([name]) => !name.includes('/node_modules/'))
      .map(([name, dir]) => [name, bytesIn(dir).bytes])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, bytes]) => `${name} ${mb(bytes)}`);
    console.log(
      [
        `Bundle ${archive.startsWith(`${process.cwd()}/`) ? relative(process.cwd(), archive) : archive}`,
        `  ${mb(compressed)} compressed (target under ${mb(TARGET_BYTES)}), ${mb(unpacked.bytes)} unpacked in ${unpacked.files} files, built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  largest unpacked: ${largest.join(', ')}`,
        `  embedded database engine: ${embedded ? 'included' : 'left out (PostgreSQL only; --embedded keeps it)'}`,
        `  sha256 ${sha256}`,
      ].join('\n'),
    );
    if (compressed > TARGET_BYTES) console.warn(`Warning: over the ${mb(TARGET_BYTES)} target.`);
    return { archive, release, compressedBytes: compressed, unpackedBytes: unpacked.bytes, files: unpacked.files };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
