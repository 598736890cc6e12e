import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { dataSourceOptions, embeddedTemplateDir, type MigrationList } from './data-source.options';
import { databaseConfig } from './database.config';
import { embeddedBase, embeddedTemplate, migrationFingerprints, pgliteVersion } from './embedded-base';
import { buildEmbeddedTemplate } from './embedded-template';
import { runMigrations } from './migrations';

class Notes1700000000001 implements MigrationInterface {
  name = 'Notes1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE note (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL)');
    await runner.query("INSERT INTO note (body) VALUES ('seeded')");
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE note');
  }
}

class Tags1700000000002 implements MigrationInterface {
  name = 'Tags1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE tag (name text PRIMARY KEY)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tag');
  }
}

/** Notes1700000000001 as a later edit of the same migration: same name, another body. */
class EditedNotes implements MigrationInterface {
  name = 'Notes1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE note (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text, edited boolean)',
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE note');
  }
}

describe('the embedded engine starts a new database from the base or the country template', () => {
  let root: string;
  let country: string;
  let n = 0;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mwana-embedded-base-'));
    country = join(root, 'country');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A new folder opened with these migrations: what ran, the tables, its system identifier. */
  async function start(migrations: MigrationList, dataDir = join(root, `data-${++n}`)) {
    const config = databaseConfig.schema.parse({ embedded: { dataDir } });
    const dataSource = new DataSource(dataSourceOptions(config, country, migrations));
    await dataSource.initialize();
    try {
      const ran = (await runMigrations(dataSource, true)).map((m) => m.name);
      const tables = (
        (await dataSource.query(
          "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname",
        )) as Array<{ relname: string }>
      ).map((t) => t.relname);
      const [{ id }] = (await dataSource.query('SELECT system_identifier::text AS id FROM pg_control_system()')) as [
        { id: string },
      ];
      const buffers = ((await dataSource.query("SELECT current_setting('shared_buffers') AS v")) as [{ v: string }])[0]
        .v;
      return { ran, tables, id, buffers, dataDir };
    } finally {
      await dataSource.destroy();
    }
  }

  it('has a base for the installed PGlite (after an upgrade: pnpm embedded:base)', () => {
    expect(embeddedBase()).toBe(join(__dirname, '..', '..', 'embedded', `pglite-${pgliteVersion()}.tar.gz`));
  });

  it(
    'unpacks the base instead of running initdb, runs every migration, and uses 16 MB of shared buffers',
    async () => {
      const first = await start([Notes1700000000001]);
      const second = await start([Notes1700000000001]);
      expect(first.ran).toEqual(['Notes1700000000001']);
      expect(first.tables).toEqual(['mwana_migrations', 'note']);
      // initdb draws a new system identifier each time; two folders unpacked from one base share it
      expect(second.id).toBe(first.id);
      expect(first.buffers).toBe('16MB');
      // and a folder that exists opens as it is
      expect((await start([Notes1700000000001, Tags1700000000002], first.dataDir)).ran).toEqual(['Tags1700000000002']);
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    "starts from the country's template and runs only the migrations newer than it",
    async () => {
      await buildEmbeddedTemplate(country, [Notes1700000000001]);
      expect(JSON.parse(readFileSync(join(embeddedTemplateDir(country), 'template.json'), 'utf8'))).toEqual({
        pglite: pgliteVersion(),
        migrations: migrationFingerprints([Notes1700000000001]),
      });
      const started = await start([Notes1700000000001, Tags1700000000002]);
      expect(started.ran).toEqual(['Tags1700000000002']);
      expect(started.tables).toEqual(['mwana_migrations', 'note', 'tag']);
      const config = databaseConfig.schema.parse({ embedded: { dataDir: started.dataDir } });
      const dataSource = new DataSource(dataSourceOptions(config, country, [Notes1700000000001, Tags1700000000002]));
      await dataSource.initialize();
      try {
        // the template's rows came with it: the seeded note, the migration recorded as run
        expect(await dataSource.query('SELECT body FROM note')).toEqual([{ body: 'seeded' }]);
      } finally {
        await dataSource.destroy();
      }
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    'ignores a template whose migrations are not the first of the list, unchanged, or that another PGlite made',
    async () => {
      await buildEmbeddedTemplate(country, [Notes1700000000001, Tags1700000000002]);
      const template = (migrations: MigrationList) =>
        embeddedTemplate({ dir: embeddedTemplateDir(country), migrations });
      expect(template([Notes1700000000001, Tags1700000000002])).not.toBeNull();
      expect(template([Notes1700000000001])).toBeNull(); // a migration removed
      expect(template([Tags1700000000002, Notes1700000000001])).toBeNull(); // reordered
      expect(template([EditedNotes, Tags1700000000002])).toBeNull(); // edited
      // an edited migration: the database starts from the base and runs the edited one
      const edited = await start([EditedNotes, Tags1700000000002]);
      expect(edited.ran).toEqual(['Notes1700000000001', 'Tags1700000000002']);
      const manifest = join(embeddedTemplateDir(country), 'template.json');
      const written = JSON.parse(readFileSync(manifest, 'utf8')) as { pglite: string };
      writeFileSync(manifest, JSON.stringify({ ...written, pglite: '0.0.1' }));
      expect(template([Notes1700000000001, Tags1700000000002])).toBeNull();
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    'unpacks again into a folder whose unpacking was cut short (no PG_VERSION yet)',
    async () => {
      const dataDir = join(root, 'cut');
      await start([Notes1700000000001], dataDir);
      // what an unpacking stopped half-way leaves: some files, PG_VERSION (written last) not yet
      unlinkSync(join(dataDir, 'PG_VERSION'));
      rmSync(join(dataDir, 'global'), { recursive: true });
      const again = await start([Notes1700000000001], dataDir);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(again.ran).toEqual(['Notes1700000000001']);
    },
    STARTUP_TIMEOUT_MS,
  );
});
