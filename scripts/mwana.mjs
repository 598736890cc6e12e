#!/usr/bin/env node
// The root entry: `npm start`, `npm test` and `pnpm mwana <command>`. Needs only Node.js:
// it installs from requirements-vendor/ first when the lockfile changed since the last
// install, builds what the command needs (turbo caches it), then runs it.
//
//   node scripts/mwana.mjs start [--country malawi|zambia]   build and start a country's server
//   node scripts/mwana.mjs test                              build and run every test
//   node scripts/mwana.mjs <command> [--country c] [...]     a country's CLI: config, migrate, ...
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isInstalled, offlineInstall, pathWithPnpm } from './lib/offline.mjs';
import { ROOT } from './lib/vendor-files.mjs';

// `npm start -- --country zambia` arrives as `start --country malawi --country zambia`: the
// last --country wins, and every --country pair is taken out of the command's arguments.
const argv = process.argv.slice(2);
let country = 'malawi';
const rest = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--country') country = argv[++i];
  else if (argv[i].startsWith('--country=')) country = argv[i].slice('--country='.length);
  else rest.push(argv[i]);
}
const [command = 'help', ...args] = rest;

function run(cmd, cmdArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (!existsSync(join(ROOT, 'countries', country, 'package.json'))) {
    console.error(`No country "${country}": choose one of the folders in countries/.`);
    return 2;
  }
  const PATH = isInstalled() ? pathWithPnpm() : await offlineInstall();
  const env = { ...process.env, PATH, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };
  const turbo = (...a) => run('pnpm', ['exec', 'turbo', 'run', ...a, '--output-logs=errors-only'], env);
  if (command === 'test') {
    return run('pnpm', ['exec', 'turbo', 'run', 'test', ...args], env);
  }
  const built = await turbo('build', `--filter=@mwana/${country}...`);
  if (built !== 0) return built;
  const entry = join('countries', country, 'dist', command === 'start' ? 'main.js' : 'cli.js');
  return run(process.execPath, [entry, ...(command === 'start' ? args : [command, ...args])], env);
}

main().then((code) => process.exit(code));
