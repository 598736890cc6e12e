// Shared by the vendoring scripts: which tarball file holds which package. Plain Node, no
// dependencies, so that it runs before anything is installed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VENDOR = join(ROOT, 'requirements-vendor');

/** `@nestjs/core` 11.2.10 -> `@nestjs+core-11.2.10.tgz` */
export function tarballFile(name, version) {
  return `${name.replace('/', '+')}-${version}.tgz`;
}

/** The registry path pnpm asks for: `/@nestjs/core/-/core-11.2.10.tgz`. */
export function registryPath(name, version) {
  const base = name.startsWith('@') ? name.split('/')[1] : name;
  return `/${name}/-/${base}-${version}.tgz`;
}

/** Inverse of registryPath, for the loopback registry; undefined for anything else. */
export function parseRegistryPath(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const match = /^\/((?:@[^/]+\/)?[^/@]+)\/-\/(?:@[^/]+\/)?([^/]+)\.tgz$/.exec(path);
  if (!match) return undefined;
  const [, name, file] = match;
  const base = name.startsWith('@') ? name.split('/')[1] : name;
  if (!file.startsWith(`${base}-`)) return undefined;
  return { name, version: file.slice(base.length + 1) };
}

/** `sha512-<base64>` of a buffer, as lockfiles write integrity. */
export function integrityOf(buffer, algorithm = 'sha512') {
  return `${algorithm}-${createHash(algorithm).update(buffer).digest('base64')}`;
}

export function verifyIntegrity(buffer, integrity) {
  const [algorithm] = integrity.split('-');
  return integrityOf(buffer, algorithm) === integrity;
}

/** The pnpm version the workspace pins in package.json's packageManager. */
export function pinnedPnpm() {
  const { packageManager } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager ?? '');
  if (!match) throw new Error('package.json must pin "packageManager": "pnpm@x.y.z"');
  return match[1];
}
