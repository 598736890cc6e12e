import type { DataSource, Migration } from 'typeorm';
import { MigrationExecutor } from 'typeorm';

// Two instances booting together must not both run the same migration.
const MIGRATION_LOCK = 7_260_977_001;

/** Runs pending migrations under an advisory lock (PostgreSQL) and returns those it ran. */
export async function runMigrations(dataSource: DataSource, embedded: boolean): Promise<Migration[]> {
  if (embedded) return dataSource.runMigrations({ transaction: 'each' });
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/** Names of migrations that exist in code but have not run on this database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/**
 * Migrations this database has run that this build does not know: a newer release ran them
 * (a rollback), or another country's build shares the database. This build cannot undo them.
 */
export async function unknownMigrations(dataSource: DataSource): Promise<string[]> {
  // Named as TypeORM names them when it records a run.
  const known = new Set(dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name));
  const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
  return executed.filter((migration) => !known.has(migration.name)).map((migration) => migration.name);
}

/** What `mwana migrate` and the boot say when the database is ahead of this build. */
export function unknownMigrationsMessage(unknown: readonly string[], build = 'this build'): string {
  return (
    `The database has run ${unknown.length} migration(s) that ${build} does not know:\n` +
    unknown.map((name) => `  ${name}`).join('\n') +
    '\nA newer release ran them, and this one cannot undo them: it runs on that newer schema as it is. ' +
    "To go back to this build's schema, restore the backup taken before the upgrade."
  );
}
