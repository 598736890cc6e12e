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
