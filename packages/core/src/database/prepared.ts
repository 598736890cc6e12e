import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

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

/**
 * Runs a statement planned for these values each time (an unnamed statement: a custom plan).
 * For the queue's claims, whose best plan depends on how much is queued: a named statement's
 * generic plan, made while the queue was short, would walk the whole backlog once it is long.
 * Planning them costs a fraction of a millisecond, once per batch.
 */
export function runCustom<T>(client: PgQueryable, text: string, values?: readonly unknown[]): Promise<{ rows: T[] }> {
  return client.query(values && values.length > 0 ? { text, values: [...values] } : { text }) as Promise<{ rows: T[] }>;
}

/** The pool under TypeORM's data source (pg's, or the embedded engine's). */
export function poolOf(dataSource: DataSource): PgQueryable {
  return (dataSource.driver as unknown as { master: PgQueryable }).master;
}

/** Runners of `lazyTransaction`, each with what begins its transaction (once). */
const lazyBegin = new WeakMap<QueryRunner, () => Promise<void>>();

/**
 * A transaction that begins only when the work first touches the database. Routing an SMS
 * whose hooks read and write nothing then costs no BEGIN and COMMIT: its replies, their
 * queue jobs and its final status go in one statement (see `standalone`), atomic by itself.
 * Once anything runs on `db`, everything after it is in one transaction, committed at the
 * end (or rolled back if `work` throws).
 */
export async function lazyTransaction<T>(dataSource: DataSource, work: (db: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  const start = runner.startTransaction.bind(runner);
  let begun = false;
  const begin = async (): Promise<void> => {
    if (begun) return;
    begun = true;
    await start();
  };
  const patched = runner as {
    query: (...args: unknown[]) => Promise<unknown>;
    startTransaction: QueryRunner['startTransaction'];
  };
  // Every statement begins it first (START TRANSACTION itself goes through once `begun` is set).
  patched.query = async (...args: unknown[]) => {
    await begin();
    return query(...args);
  };
  // TypeORM's save() opens a transaction of its own when none is active and commits it: inside ours it is a savepoint.
  patched.startTransaction = async (isolationLevel) => {
    await begin();
    return start(isolationLevel);
  };
  lazyBegin.set(runner, begin);
  try {
    const result = await work(runner.manager);
    if (runner.isTransactionActive) await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** The connection of a TypeORM transaction: statements on it run inside the transaction (a lazy one begins here). */
export async function transactionClient(db: EntityManager): Promise<PgQueryable> {
  const runner = db.queryRunner;
  if (runner) await lazyBegin.get(runner)?.();
  if (!runner?.isTransactionActive) throw new Error('this statement must run inside a transaction');
  return (await runner.connect()) as PgQueryable;
}

/** Runs `work` in a transaction of its own, its statements on the transaction's connection. */
export function inTransaction<T>(dataSource: DataSource, work: (client: PgQueryable) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (db) => work(await transactionClient(db)));
}

/** True inside a lazy transaction that has not begun: a statement now would run on its own, atomic by itself. */
export function standalone(db: EntityManager): boolean {
  const runner = db.queryRunner;
  return runner !== undefined && lazyBegin.has(runner) && !runner.isTransactionActive;
}
