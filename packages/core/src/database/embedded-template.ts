import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { dataSourceOptions, embeddedTemplateDir, type MigrationList } from './data-source.options';
import { databaseConfig } from './database.config';
import { writeEmbeddedTemplate } from './embedded-base';
import { embeddedEngine } from './embedded-driver';
import { poolOf, runPrepared } from './prepared';
import { QUEUE_SCHEMA } from './queue-schema';

/**
 * Writes the country's embedded template (countries/<c>/dist/embedded/): every migration run
 * on a database in memory, as the boot runs them, and pg-boss's schema created (its own DDL,
 * which the first boot would otherwise run: its start migrates it if a newer pg-boss finds
 * it older; the outbound queue and its policy are still made at boot, from the config), then
 * dumped. Its build script runs it (scripts/embedded-template.mjs), so `npm start` on a new
 * folder only unpacks it.
 */
export async function buildEmbeddedTemplate(countryDir: string, migrations: MigrationList): Promise<string> {
  const template = { dir: embeddedTemplateDir(countryDir), migrations };
  return writeEmbeddedTemplate(template, async () => {
    const config = databaseConfig.schema.parse({ embedded: { dataDir: 'memory' } });
    const dataSource = new DataSource(dataSourceOptions(config, countryDir, migrations));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const boss = new PgBoss({
        db: { executeSql: (text, values) => runPrepared(poolOf(dataSource), text, values) },
        schema: QUEUE_SCHEMA,
        schedule: false,
        supervise: false,
      });
      await boss.start();
      await boss.stop({ close: false, graceful: false, wait: true });
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return { db: await embeddedEngine('memory'), done: () => dataSource.destroy() };
  });
}
