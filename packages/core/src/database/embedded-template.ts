import { DataSource } from 'typeorm';
import { dataSourceOptions, embeddedTemplateDir, type MigrationList } from './data-source.options';
import { databaseConfig } from './database.config';
import { writeEmbeddedTemplate } from './embedded-base';
import { embeddedEngine } from './embedded-driver';

/**
 * Writes the country's embedded template (countries/<c>/dist/embedded/): every migration run
 * on a database in memory, as the boot runs them, then dumped. Its build script runs it
 * (scripts/embedded-template.mjs), so `npm start` on a new folder only unpacks it.
 */
export async function buildEmbeddedTemplate(countryDir: string, migrations: MigrationList): Promise<string> {
  const template = { dir: embeddedTemplateDir(countryDir), migrations };
  return writeEmbeddedTemplate(template, async () => {
    const config = databaseConfig.schema.parse({ embedded: { dataDir: 'memory' } });
    const dataSource = new DataSource(dataSourceOptions(config, countryDir, migrations));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return { db: await embeddedEngine('memory'), done: () => dataSource.destroy() };
  });
}
