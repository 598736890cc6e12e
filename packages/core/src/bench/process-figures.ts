import { existsSync, readFileSync } from 'node:fs';
import { testDatabaseAdminUrl } from '../config/environment';
import { Pool } from 'pg';

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 where it is gone or there is no /proc. */
export function processCpu(pid: number): number {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return 0;
  try {
    const stat = readFileSync(file, 'utf8');
    // The fields after the command's closing parenthesis: state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The peak RSS (VmHWM) of a process, in MB; 0 where it is gone. */
export function processPeakRssMb(pid: number): number {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return 0;
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(file, 'utf8'));
  return line ? Math.round(Number(line[1]) / 1024) : 0;
}

/** The current RSS (VmRSS) of a process, in MB. */
export function processRssMb(pid: number): number {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return 0;
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(file, 'utf8'));
  return line ? Math.round(Number(line[1]) / 1024) : 0;
}

/** The PostgreSQL backends serving a database now, and the CPU they used so far (by pid). */
export async function backendCpu(admin: Pool, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
    database,
  ]);
  return new Map(rows.map((r) => [r.pid, processCpu(r.pid)]));
}

/** CPU seconds the backends used between two readings (backends that came in between count from 0). */
export function backendCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, cpu] of after) spent += cpu - (before.get(pid) ?? 0);
  return spent;
}

/** Commits in a database so far (pg_stat_database, flushed by a backend when it goes idle or exits). */
export async function commits(admin: Pool, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Statements run in a database so far, when pg_stat_statements is loaded (null otherwise). */
export async function statements(admin: Pool, database: string): Promise<number | null> {
  try {
    const { rows } = await admin.query<{ n: string }>(
      `SELECT coalesce(sum(calls), 0)::text AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1`,
      [database],
    );
    return Number(rows[0].n);
  } catch {
    return null;
  }
}

/**
 * A pool on the bench's own database with pg_stat_statements created there (the server loads
 * it; the view exists only where the extension is created), so `statements` can read it.
 */
export async function statementsPool(database: { url: string }): Promise<Pool> {
  const pool = new Pool({ connectionString: database.url, max: 1 });
  // The bench drops its database at the end (WITH FORCE): an idle client's error then is expected.
  pool.on('error', () => undefined);
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').catch(() => undefined);
  return pool;
}

/** A small pool on the test server's admin database (TEST_DATABASE_URL): commits and backends of the bench's database. */
export function adminPool(): Pool {
  return new Pool({ connectionString: testDatabaseAdminUrl(), max: 2 });
}
