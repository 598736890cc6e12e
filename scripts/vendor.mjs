#!/usr/bin/env node
// Keeps requirements-vendor/ equal to what pnpm-lock.yaml needs on the platforms we deploy
// to, plus pnpm's own tarball.
//
//   node scripts/vendor.mjs           download what is missing (checked against the
//                                      lockfile's integrity), drop what is no longer needed
//   node scripts/vendor.mjs --check   fail if the lockfile names a package the folder lacks
//                                      or a tarball does not match its integrity
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { pinnedPnpm, registryPath, ROOT, tarballFile, VENDOR, verifyIntegrity } from './lib/vendor-files.mjs';

/** Native packages are kept for these platforms only: vendor every platform you deploy to. */
const PLATFORMS = [{ os: 'linux', cpu: 'x64', libc: 'glibc' }];
const KEEP = new Set(['README.md', 'tools.json']);
const check = process.argv.includes('--check');

function fitsAPlatform(pkg) {
  return PLATFORMS.some(
    (p) =>
      (!pkg.os || pkg.os.includes(p.os)) &&
      (!pkg.cpu || pkg.cpu.includes(p.cpu)) &&
      (!pkg.libc || pkg.libc.includes(p.libc)),
  );
}

function splitKey(key) {
  const at = key.lastIndexOf('@');
  return { name: key.slice(0, at), version: key.slice(at + 1) };
}

function needed() {
  const lock = parse(readFileSync(join(ROOT, 'pnpm-lock.yaml'), 'utf8'));
  const wanted = new Map();
  for (const [key, pkg] of Object.entries(lock.packages ?? {})) {
    if (!pkg.resolution?.integrity || pkg.resolution.tarball) continue; // workspace or non-registry
    if (!fitsAPlatform(pkg)) continue;
    const { name, version } = splitKey(key);
    wanted.set(tarballFile(name, version), { name, version, integrity: pkg.resolution.integrity });
  }
  return wanted;
}

function registry() {
  const fromEnv = process.env.npm_config_registry;
  const url = fromEnv || execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  return url.replace(/\/$/, '');
}

async function download(url, integrity) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const buffer = Buffer.from(await response.arrayBuffer());
      if (integrity && !verifyIntegrity(buffer, integrity)) throw new Error('integrity mismatch');
      return buffer;
    } catch (error) {
      if (attempt >= 3) throw new Error(`${url}: ${error.message}`);
    }
  }
}

async function pool(items, size, work) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (queue.length > 0) await work(queue.shift());
    }),
  );
}

function sizeReport() {
  const files = readdirSync(VENDOR).filter((f) => f.endsWith('.tgz'));
  const bytes = files.reduce((sum, f) => sum + statSync(join(VENDOR, f)).size, 0);
  return { count: files.length, megabytes: (bytes / 1024 / 1024).toFixed(1) };
}

function writeSizeIntoReadme({ count, megabytes }) {
  const readme = join(VENDOR, 'README.md');
  if (!existsSync(readme)) return;
  const text = readFileSync(readme, 'utf8');
  const line = `<!-- size -->${count} tarballs, ${megabytes} MB (linux x64, glibc)<!-- /size -->`;
  writeFileSync(readme, text.replace(/<!-- size -->.*<!-- \/size -->/, line));
}

async function main() {
  const wanted = needed();
  const pnpm = pinnedPnpm();
  const pnpmFile = `pnpm-${pnpm}.tgz`;
  const toolsFile = join(VENDOR, 'tools.json');
  const tools = existsSync(toolsFile) ? JSON.parse(readFileSync(toolsFile, 'utf8')) : {};

  const problems = [];
  for (const [file, pkg] of wanted) {
    const path = join(VENDOR, file);
    if (!existsSync(path)) problems.push(`missing ${file} (${pkg.name}@${pkg.version})`);
    else if (check && !verifyIntegrity(readFileSync(path), pkg.integrity)) problems.push(`corrupt ${file}`);
  }
  const pnpmPath = join(VENDOR, pnpmFile);
  if (!existsSync(pnpmPath) || !tools[pnpmFile]) problems.push(`missing ${pnpmFile} (the pinned package manager)`);
  else if (check && !verifyIntegrity(readFileSync(pnpmPath), tools[pnpmFile])) problems.push(`corrupt ${pnpmFile}`);
  const extra = readdirSync(VENDOR).filter((f) => !KEEP.has(f) && !wanted.has(f) && f !== pnpmFile);

  if (check) {
    const { count, megabytes } = sizeReport();
    if (extra.length > 0) console.log(`not in the lockfile (run \`pnpm vendor\` to drop): ${extra.join(', ')}`);
    if (problems.length > 0) {
      console.error(
        `requirements-vendor/ does not match pnpm-lock.yaml:\n  ${problems.join('\n  ')}\nRun \`pnpm vendor\` with network access.`,
      );
      process.exit(1);
    }
    console.log(
      `requirements-vendor/ holds all ${wanted.size + 1} tarballs the lockfile needs (${count} files, ${megabytes} MB).`,
    );
    return;
  }

  const base = registry();
  const missing = [...wanted].filter(([file]) => !existsSync(join(VENDOR, file)));
  let done = 0;
  await pool(missing, 8, async ([file, pkg]) => {
    writeFileSync(join(VENDOR, file), await download(base + registryPath(pkg.name, pkg.version), pkg.integrity));
    if (++done % 50 === 0) console.log(`  ${done}/${missing.length}`);
  });
  if (!existsSync(pnpmPath) || !tools[pnpmFile]) {
    const meta = await (await fetch(`${base}/pnpm/${pnpm}`)).json();
    writeFileSync(pnpmPath, await download(meta.dist.tarball, meta.dist.integrity));
    tools[pnpmFile] = meta.dist.integrity;
  }
  for (const key of Object.keys(tools)) if (key !== pnpmFile) delete tools[key];
  writeFileSync(toolsFile, `${JSON.stringify(tools, null, 2)}\n`);
  for (const file of extra) rmSync(join(VENDOR, file));
  const size = sizeReport();
  writeSizeIntoReadme(size);
  console.log(`added ${missing.length}, dropped ${extra.length}; ${size.count} tarballs, ${size.megabytes} MB`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
