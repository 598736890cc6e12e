import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** What `pg` (a pool or one client) and the embedded engine both answer. */
export interface PgQueryable {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

const names = new Map<string, string>();

/** A stable name for a statement's text, so each connection plans it once. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `mw_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement as a named prepared statement: PostgreSQL plans it once per connection
 * instead of on every call, which is most of the cost of the hot path's CTEs. Statements
 * without parameters (scripts of several commands) run as they are.
 */
export function runPrepared<T>(client: PgQueryable, text: string, values?: readonly unknown[]): Promise<{ rows: T[] }> {
  const config = values && values.length > 0 ? { name: statementName(text), text, values: [...values] } : { text };
  return client.query(config) as Promise<{ rows: T[] }>;
}

/** The pool under TypeORM's data source (pg's, or the embedded engine's). */
export function poolOf(dataSource: DataSource): PgQueryable {
  return (dataSource.driver as unknown as { master: PgQueryable }).master;
}

/** The connection of a TypeORM transaction: statements on it run inside the transaction. */
export async function transactionClient(db: EntityManager): Promise<PgQueryable> {
  const runner = db.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('this statement must run inside a transaction');
  return (await runner.connect()) as PgQueryable;
}
