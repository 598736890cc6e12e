/** `pnpm bench`'s baseline: a bare Fastify route doing one PostgreSQL transaction of two inserts. */
import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import type { TestDatabase } from '../testing/test-database';
import { drive, meter, vacuum } from './bench-processes';
import type { Run } from './bench-table';
import { commits, processPeakRssMb } from './process-figures';
import { percentile } from './stats';

/** The bare route itself, on its own table (made here): `GET /incoming?id=&text=`, one transaction of two inserts. */
export async function bareRoute(pool: Pool): Promise<FastifyInstance> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bare_message (id bigserial PRIMARY KEY, direction text, identity text, text text, created_at timestamptz DEFAULT now())',
  );
  const app = Fastify();
  app.get('/incoming', async (request) => {
    const query = request.query as Record<string, string>;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const direction of ['in', 'out'])
        await client.query('INSERT INTO bare_message (direction, identity, text) VALUES ($1, $2, $3)', [
          direction,
          query.id,
          query.text,
        ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    return '';
  });
  return app;
}

/** The bare baseline: one Fastify route, one PostgreSQL transaction with two inserts. */
export async function bare(
  count: number,
  concurrency: number,
  database: TestDatabase,
  admin: Pool,
  texts: readonly string[],
): Promise<Run> {
  const pool = new Pool({ connectionString: database.url, max: 10 });
  const app = await bareRoute(pool);
  await vacuum(database);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let closed = false;
  try {
    await Promise.all(Array.from({ length: 10 }, () => pool.query('SELECT 1')));
    const before = await commits(admin, database.name);
    const cpu = await meter(admin, database.name, [process.pid]);
    const load = await drive({ url: `${url}/incoming?id=%2B26097{phone}&text={text}`, count, concurrency, texts });
    const spent = await cpu.finish();
    await app.close();
    await pool.end();
    closed = true;
    await new Promise((ok) => setTimeout(ok, 300));
    return {
      path: 'bare route',
      traffic: 'two inserts',
      concurrency,
      count,
      acceptedPerSecond: count / load.seconds,
      repliesPerSecond: null,
      p50: percentile(load.latencies, 50),
      p95: percentile(load.latencies, 95),
      p99: percentile(load.latencies, 99),
      requestP99: percentile(load.latencies, 99),
      afterAnswerP50: null,
      afterAnswerP99: null,
      serverCpuMs: (spent.serverCpu * 1000) / count,
      pgCpuMs: (spent.pgCpu * 1000) / count,
      commitsPerSms: ((await commits(admin, database.name)) - before) / count,
      statementsPerSms: null,
      peakRssMb: processPeakRssMb(process.pid),
      exact: null,
      missing: 0,
      twice: 0,
    };
  } finally {
    if (!closed) {
      await app.close();
      await pool.end();
    }
  }
}
