#!/usr/bin/env node
// `pnpm test:affected [base]` (default base: main): lint and test only the packages a change
// affects, with turbo's git filter `...[<merge-base>]`: the packages changed since this
// branch left `base` (committed or not) and every package that depends on them; turbo
// builds what those use first. A change under countries/malawi tests Malawi alone; one in
// core or an app tests it, the apps above it and both countries; one to a root file every
// package reads (turbo.json's globalDependencies) tests everything. `.ci/run` still runs
// everything. Arguments after the base go to turbo (e.g. `--output-logs=errors-only`).
import { execFileSync, spawn } from 'node:child_process';
import { isInstalled, offlineInstall, pathWithPnpm } from './lib/offline.mjs';
import { ROOT } from './lib/vendor-files.mjs';

const [base = 'main', ...turboArgs] = process.argv.slice(2);

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

async function main() {
  let since;
  try {
    // Since the branch point: what `base` gained since then is not this change.
    since = git('merge-base', base, 'HEAD');
  } catch {
    console.error(`No commit "${base}" to compare with: give a branch or commit (default main).`);
    return 2;
  }
  const PATH = isInstalled() ? pathWithPnpm() : await offlineInstall();
  const env = { ...process.env, PATH, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };
  const filter = `--filter=...[${since}]`;
  const listed = JSON.parse(
    execFileSync('pnpm', ['exec', 'turbo', 'ls', filter, '--output=json'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const names = listed.packages.items.map((item) => item.name);
  console.log(
    `Changes since ${base} (${since.slice(0, 10)}) affect: ${names.length > 0 ? names.join(', ') : 'no package'}`,
  );
  if (names.length === 0) return 0;
  return new Promise((done) => {
    const child = spawn('pnpm', ['exec', 'turbo', 'run', 'lint', 'test', filter, ...turboArgs], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

main().then((code) => process.exit(code));
