#!/usr/bin/env node
// `node scripts/bundle-check.mjs [zambia] [malawi]`: builds each country's bundle and a
// second, newer one; then, with the registry unreachable (and inside a network namespace
// with only loopback where one can be made, PostgreSQL reached over its Unix socket), does
// what INSTALL.md tells an operator: unpack into an empty folder, migrate, start against a
// fresh PostgreSQL database, check /health and one SMS through the message tester; upgrade
// to the newer bundle; roll back to the first, whose `migrate` must refuse once the database
// has run a migration it does not know, and whose server must still start and say so.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from './lib/bundle.mjs';
import { freePort, mwana, smsRoundTrip, startServer, switchCurrent, unpackRelease } from './lib/bundle-run.mjs';
import { ROOT } from './lib/vendor-files.mjs';

const TOKEN = 'bundle-check-0123456789abcdef';
/** The secrets a country's production.yaml leaves to the env file: its gateways' (Malawi's two Kannels). */
const COUNTRY_SECRETS = {
  malawi: ['AIRTEL_SMPP', 'TNM_MODEM'].flatMap((gateway) => [
    `MWANA__BACKENDS__GATEWAYS__${gateway}__PASSWORD=bundle-check-sendsms-pw`,
    `MWANA__BACKENDS__GATEWAYS__${gateway}__SECRET=bundle-check-get-url-secret`,
  ]),
};
/** What a newer release that ran a migration leaves in the migrations table. */
const NEWER_MIGRATION = { timestamp: '1999999999999', name: 'FromANewerRelease1999999999999' };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { plan: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const psql = (sql, url = adminUrl) => execFileSync('psql', [url, '-qAtc', sql], { encoding: 'utf8' }).trim();

function check(what, ok, detail = '') {
  if (!ok) throw new Error(`bundle check: ${what}${detail ? `\n${detail}` : ''}`);
  console.log(`  ok  ${what}`);
}

/** The database URL the bundle uses: the server's Unix socket inside a network namespace. */
function bundleDatabaseUrl(name, socketDir) {
  const admin = new URL(adminUrl);
  const user = decodeURIComponent(admin.username || 'postgres');
  if (socketDir) return `postgres://${encodeURIComponent(user)}@/${name}?host=${encodeURIComponent(socketDir)}`;
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** Phase one, outside any namespace: both bundles of each country, and a fresh database each. */
async function prepare(countries) {
  const work = mkdtempSync(join(tmpdir(), 'mwana-bundle-check-'));
  const admin = new URL(adminUrl);
  const socketDir = '/var/run/postgresql';
  const socket = existsSync(join(socketDir, `.s.PGSQL.${admin.port || 5432}`));
  const isolated = socket && spawnSync('unshare', ['-n', 'true']).status === 0;
  const plan = { work, isolated, countries: [] };
  for (const country of countries) {
    const started = Date.now();
    const local = join(ROOT, 'countries', country, 'config', 'local.yaml');
    // A local.yaml in the tree must never reach a bundle: this one would stop the boot.
    const planted = !existsSync(local);
    if (planted)
      writeFileSync(local, '# written by scripts/bundle-check.mjs, which deletes it\nhttp: { port: nope }\n');
    let first;
    let second;
    try {
      first = await buildBundle({ country, out: join(work, 'bundles') });
      const [major, minor, patch] = first.release.version.split(/[.-]/).map(Number);
      second = await buildBundle({
        country,
        out: join(work, 'bundles'),
        version: `${major}.${minor}.${patch + 1}-check`,
        build: false,
      });
    } finally {
      if (planted) unlinkSync(local);
    }
    const database = `mwana_bundle_${country}_${Date.now().toString(36)}_${process.pid}`;
    psql(`CREATE DATABASE ${database}`);
    plan.countries.push({
      country,
      database,
      url: bundleDatabaseUrl(database, isolated ? socketDir : undefined),
      buildMs: Date.now() - started,
      releases: [first, second].map((b) => ({
        archive: b.archive,
        id: b.release.id,
        version: b.release.version,
        compressed: b.compressedBytes,
        unpacked: b.unpackedBytes,
      })),
    });
  }
  return plan;
}

/** Phase two: what the operator does, with no registry and (where possible) no network. */
async function operate(entry, work) {
  const { country, releases } = entry;
  const [older, newer] = releases;
  const base = join(work, `opt-${country}`);
  const port = await freePort();
  const envFile = join(work, `${country}.env`);
  writeFileSync(
    envFile,
    [
      `DATABASE_URL=${entry.url}`,
      `MWANA__CONSOLE__SESSION_SECRET=${'s'.repeat(40)}`,
      `MWANA__CONTACTS__PIN_PEPPER=${'p'.repeat(40)}`,
      `MWANA__CONSOLE__API_TOKENS={ci: ${TOKEN}}`,
      `PORT=${port}`,
      ...(COUNTRY_SECRETS[country] ?? []),
      '',
    ].join('\n'),
  );
  // Only what a service account has: no MWANA_* or DATABASE_URL from this shell.
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    MWANA_ENV_FILE: envFile,
    npm_config_registry: process.env.npm_config_registry,
  };
  const log = (name) => join(work, `${country}-${name}.log`);
  const timings = [];
  let running; // stopped whatever happens: nothing is left behind
  const start = async (name) => {
    const started = await startServer(current, { env, port, log: log(name) });
    running = started.server;
    timings.push(`start ${seconds(running.startedMs)}`);
    return started;
  };
  const stop = async () => {
    const ms = await running.stop();
    running = undefined;
    timings.push(`stop ${seconds(ms)}`);
  };
  const current = join(base, 'current');
  try {
    console.log(`\n${country}: release ${older.id} into an empty folder`);
    const olderDir = unpackRelease(base, older.archive, older.id);
    switchCurrent(base, older.id);
    const config = readdirSync(join(olderDir, 'app', 'config'));
    check(
      'config/ holds the YAML chain and no local.yaml',
      config.includes('production.yaml') && !config.includes('local.yaml'),
      config.join(' '),
    );
    const samples = readdirSync(join(ROOT, 'countries', country, 'config')).filter((f) => f.endsWith('.conf.sample'));
    if (samples.length > 0)
      check(
        `config/ holds the gateways' sample configurations (${samples.join(', ')})`,
        samples.every((f) => config.includes(f)),
      );
    const help = await mwana(current, ['help'], env);
    check('./mwana help lists the commands', help.code === 0 && /migrate/.test(help.out), help.out + help.err);
    const migrated = await mwana(current, ['migrate'], env);
    check(
      './mwana migrate creates the tables',
      migrated.code === 0 && /Ran \d+ migration/.test(migrated.out),
      migrated.err,
    );

    let { health } = await start('1');
    check(
      `/health: ok, ${country}, production, PostgreSQL, ${older.version}`,
      health.country === country &&
        health.environment === 'production' &&
        health.database.engine === 'postgresql' &&
        health.version === older.version,
      JSON.stringify(health),
    );
    const first = await smsRoundTrip(running.url, TOKEN, '+260977000001', 'help');
    check(`one SMS through the tester, its reply delivered ("${first.reply.slice(0, 40)}...")`, true);
    await stop();

    console.log(`${country}: upgrade to ${newer.id}`);
    unpackRelease(base, newer.archive, newer.id);
    const newerMigrate = await mwana(join(base, 'releases', newer.id), ['migrate'], env);
    check('the newer release migrates (nothing pending)', newerMigrate.code === 0, newerMigrate.err);
    switchCurrent(base, newer.id);
    ({ health } = await start('2'));
    check(`current runs ${newer.version}`, health.version === newer.version, JSON.stringify(health));
    const second = await smsRoundTrip(running.url, TOKEN, '+260977000001', 'help');
    check("the first release's messages are still there", second.thread.length === 4, JSON.stringify(second.thread));
    // As the newer release leaves the database when it ran a migration of its own.
    psql(
      `INSERT INTO mwana_migrations (timestamp, name) VALUES (${NEWER_MIGRATION.timestamp}, '${NEWER_MIGRATION.name}')`,
      entry.url,
    );
    await stop();

    console.log(`${country}: roll back to ${older.id}`);
    switchCurrent(base, older.id);
    const refused = await mwana(current, ['migrate'], env);
    check(
      './mwana migrate refuses (exit 3) and names the migration it does not know',
      refused.code === 3 && refused.err.includes(NEWER_MIGRATION.name),
      `${refused.code}\n${refused.out}${refused.err}`,
    );
    const listed = await mwana(current, ['migrate', '--check'], env);
    check(
      './mwana migrate --check exits 1 and names it',
      listed.code === 1 && listed.err.includes(NEWER_MIGRATION.name),
    );
    ({ health } = await start('3'));
    check(`the previous release starts again (${older.version})`, health.version === older.version);
    check(
      'and its log warns of the migration it does not know',
      readFileSync(log('3'), 'utf8').includes(NEWER_MIGRATION.name),
    );
    await smsRoundTrip(running.url, TOKEN, '+260977000002', 'help');
    check('it still answers an SMS', true);
    await stop();
  } finally {
    await running?.stop().catch(() => undefined);
  }
  return timings;
}

async function main() {
  if (values.plan) {
    // Inside the namespace (or not): run the plan written by phase one.
    const plan = JSON.parse(readFileSync(values.plan, 'utf8'));
    for (const entry of plan.countries) {
      const started = Date.now();
      const timings = await operate(entry, plan.work);
      console.log(
        `  ${entry.country}: install, upgrade, roll back in ${seconds(Date.now() - started)} (${timings.join(', ')})`,
      );
    }
    return;
  }
  const started = Date.now();
  const countries = positionals.length > 0 ? positionals : ['zambia', 'malawi'];
  const plan = await prepare(countries);
  const planFile = join(plan.work, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const built = Date.now();
  try {
    const env = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/' };
    const self = [process.execPath, join(ROOT, 'scripts', 'bundle-check.mjs'), '--plan', planFile];
    console.log(
      plan.isolated
        ? '\nRunning the bundles inside a network namespace with only loopback (PostgreSQL over its socket)'
        : '\nNo network namespace here: running the bundles with the registry unreachable only',
    );
    const result = plan.isolated
      ? spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...self], {
          stdio: 'inherit',
          env,
        })
      : spawnSync(self[0], self.slice(1), { stdio: 'inherit', env });
    if (result.status !== 0)
      throw new Error(`bundle check failed (exit ${result.status ?? result.signal}); logs in ${plan.work}`);
  } finally {
    for (const entry of plan.countries) psql(`DROP DATABASE IF EXISTS ${entry.database} WITH (FORCE)`);
  }
  console.log('\nBundles:');
  for (const { country, releases, buildMs } of plan.countries) {
    const [r] = releases;
    console.log(
      `  ${country}: ${(r.compressed / 1e6).toFixed(1)} MB compressed, ${(r.unpacked / 1e6).toFixed(1)} MB unpacked (${r.id}; both bundles built in ${seconds(buildMs)})`,
    );
  }
  console.log(
    `Bundle check: ${seconds(Date.now() - started)} (bundles ${seconds(built - started)}, install/upgrade/roll back ${seconds(Date.now() - built)})`,
  );
  if (!values.keep) rmSync(plan.work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
