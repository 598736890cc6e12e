/** `pnpm bench`'s other processes (the fake Kannel, the load generator, a worker) and its meters. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';
import type { TestDatabase } from '../testing/test-database';
import type { SmscAnswer, SmscQuestion } from './fake-smsc';
import type { LoadOrder, LoadResult } from './load-generator';
import { backendCpu, backendCpuSpent, processCpu } from './process-figures';
import type { WorkerOrder } from './worker-process';

export interface Smsc {
  readonly url: string;
  ask(question: SmscQuestion): Promise<SmscAnswer>;
  stop(): void;
}

export async function fakeSmsc(): Promise<Smsc> {
  const child = fork(join(__dirname, 'fake-smsc.js'));
  const url = await new Promise<string>((ok, fail) => {
    child.once('message', (sent: string) => ok(sent));
    child.once('exit', (code) => fail(new Error(`the fake Kannel stopped (${code})`)));
  });
  child.removeAllListeners('exit');
  return {
    url,
    ask: (question) =>
      new Promise((ok) => {
        child.once('message', (answer: SmscAnswer) => ok(answer));
        child.send(question);
      }),
    stop: () => child.kill(),
  };
}

export function drive(order: LoadOrder): Promise<LoadResult> {
  const child = fork(join(__dirname, 'load-generator.js'));
  return new Promise<LoadResult>((ok, fail) => {
    child.once('message', (result: LoadResult) => ok(result));
    child.once('exit', (code) => fail(new Error(`the load generator stopped (${code})`)));
    child.send(order);
  }).then((result) => {
    child.removeAllListeners('exit');
    child.kill();
    if (result.error) throw new Error(result.error);
    return result;
  });
}

export function workerProcess(
  database: TestDatabase,
  backends: Record<string, unknown>,
  config: Record<string, Record<string, unknown>>,
): Promise<{ pid: number; stop(): Promise<number> }> {
  return forkWorker(join(__dirname, 'worker-process.js'), database, backends, config);
}

/** A worker process from `script` (core's ECHO worker, or a country's), told the database and gateways; ready when it says so. */
export async function forkWorker(
  script: string,
  database: TestDatabase,
  backends: Record<string, unknown>,
  config: Record<string, Record<string, unknown>> = {},
): Promise<{ pid: number; stop(): Promise<number> }> {
  const child = fork(script);
  await new Promise<void>((ok, fail) => {
    child.once('message', () => ok());
    child.once('exit', (code) => fail(new Error(`the worker process stopped (${code})`)));
    child.send({ databaseUrl: database.url, backends, config } satisfies WorkerOrder);
  });
  child.removeAllListeners('exit');
  return {
    pid: child.pid!,
    stop: () =>
      new Promise<number>((ok) => {
        child.once('message', (answer: { rssMb: number }) => ok(answer.rssMb));
        child.send('stop');
      }),
  };
}

/** Autovacuum is off on this machine: each run starts from a vacuumed, analysed database. */
export async function vacuum(database: TestDatabase): Promise<void> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

export interface Meter {
  finish(): Promise<{ serverCpu: number; pgCpu: number }>;
}

/** CPU of the server processes and of the database's backends from now until `finish`. */
export async function meter(admin: Pool, database: string, pids: readonly number[]): Promise<Meter> {
  const server = pids.map(processCpu);
  const backends = await backendCpu(admin, database);
  return {
    finish: async () => ({
      serverCpu: pids.reduce((sum, pid, i) => sum + processCpu(pid) - server[i], 0),
      pgCpu: backendCpuSpent(backends, await backendCpu(admin, database)),
    }),
  };
}
