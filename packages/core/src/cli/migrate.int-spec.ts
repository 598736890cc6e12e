import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { CountryDefinition } from '../app/country';
import type { MigrationList } from '../database/data-source.options';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { MIGRATE_REFUSED, runCli } from '../app/cli';

class Notes1700000000001 implements MigrationInterface {
  name = 'Notes1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE note (id integer PRIMARY KEY)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE note');
  }
}

class NoteBodies1700000000002 implements MigrationInterface {
  name = 'NoteBodies1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE note ADD COLUMN body text');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE note DROP COLUMN body');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mwana-migrate-'));
mkdirSync(join(dir, 'config'));
writeFileSync(join(dir, 'config', 'country.yaml'), 'country: { name: Testland, code: ZM, timezone: Africa/Lusaka }\n');

/** The same country in two releases: the newer one has one more migration. */
const release = (version: string, migrations: MigrationList): CountryDefinition => ({
  name: 'testland',
  dir,
  version,
  sections: [],
  migrations,
  localeDirs: [],
  appModule: () => ({ module: class {} }),
});
const older = release('1.0.0', [Notes1700000000001]);
const newer = release('1.1.0', [Notes1700000000001, NoteBodies1700000000002]);

async function mwana(country: CountryDefinition, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(country, argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mwana migrate after a rollback (real PostgreSQL)', () => {
  let db: TestDatabase;
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await createTestDatabase('mwana_migrate');
    // runCli reads the environment as the command line does.
    process.env.MWANA_ENV = 'test';
    process.env.DATABASE_URL = db.url;
  });
  afterAll(async () => {
    process.env = saved;
    await db.drop();
  });

  it('refuses, naming them, when the database has run migrations this build does not know', async () => {
    expect(await mwana(newer, 'migrate')).toMatchObject({ code: 0 });
    expect(await mwana(newer, 'migrate', '--check')).toEqual({ code: 0, out: 'No pending migrations.', err: '' });

    const check = await mwana(older, 'migrate', '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain(
      '1 migration(s) that this build (testland 1.0.0) does not know:\n  NoteBodies1700000000002',
    );

    const refused = await mwana(older, 'migrate');
    expect(refused.code).toBe(MIGRATE_REFUSED);
    expect(refused.err).toContain('  NoteBodies1700000000002');
    expect(refused.err).toContain('Nothing was migrated.');
  });

  it('runs nothing while it refuses, even a migration of its own that is pending', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // As if the older build's only migration had not run: it stays pending.
      await client.query("DELETE FROM mwana_migrations WHERE name = 'Notes1700000000001'");
      expect((await mwana(older, 'migrate')).code).toBe(MIGRATE_REFUSED);
      const { rows } = await client.query<{ name: string }>('SELECT name FROM mwana_migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toEqual(['NoteBodies1700000000002']);
    } finally {
      await client.end();
    }
  });
});
