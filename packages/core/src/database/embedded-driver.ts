import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type PGliteOptions, types } from '@electric-sql/pglite';
import { type EmbeddedTemplate, embeddedStart, unpackEmbeddedBase } from './embedded-base';

/*
 * The embedded engine: PGlite (PostgreSQL compiled to WebAssembly) behind the small part of
 * the `pg` module that TypeORM's postgres driver uses (`new Pool()`, `connect()`, `query()`).
 * PGlite is one session, so a connection is lent to one query runner at a time: two
 * transactions never interleave on it. (typeorm-pglite hands the same session to every
 * runner at once, which mixes concurrent transactions; hence this file.)
 */

const instances = new Map<string, Promise<PGlite>>();

/**
 * PostgreSQL's settings for the embedded engine, over PGlite's own. initdb sizes shared
 * buffers for a server (128 MB), all of it resident in the WebAssembly memory once touched;
 * one developer's or a small office's database is served as well by 16 MB, and the process
 * stays far smaller.
 */
export const EMBEDDED_SETTINGS: readonly string[] = ['shared_buffers=16MB'];

/**
 * PGlite's options for a folder: an empty one (or `memory`) starts from the country's
 * migrated template or the committed base (see embedded-base.ts) instead of running initdb,
 * when there is one for this PGlite.
 */
async function engineOptions(dataDir: string, template?: EmbeddedTemplate): Promise<PGliteOptions> {
  const options = {
    // As node-postgres does: 64-bit integers and numerics as text, no precision lost.
    parsers: { [types.INT8]: (value: string) => value, [types.NUMERIC]: (value: string) => value },
    // MWANA_EMBEDDED_START=initdb is the engine as it was before these settings and the base: `pnpm bench:start`'s "before".
    startParams:
      process.env.MWANA_EMBEDDED_START === 'initdb'
        ? PGlite.defaultStartParams
        : [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS.flatMap((setting) => ['-c', setting])],
  };
  if (dataDir === 'memory') {
    const start = embeddedStart(template);
    return start ? { ...options, loadDataDir: new Blob([new Uint8Array(readFileSync(start))]) } : options;
  }
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const start = embeddedStart(template);
    if (start) await unpackEmbeddedBase(start, dataDir);
  }
  return { ...options, dataDir };
}

function open(dataDir: string, template?: EmbeddedTemplate): Promise<PGlite> {
  let instance = instances.get(dataDir);
  if (!instance) {
    instance = engineOptions(dataDir, template).then((options) => PGlite.create(options));
    instances.set(dataDir, instance);
    // An engine that failed to start is not kept: the next connection tries again.
    const failed = instance;
    failed.catch(() => {
      if (instances.get(dataDir) === failed) instances.delete(dataDir);
    });
  }
  return instance;
}

/** The engine of this folder (opened as a pool would open it): for dumping a template. */
export function embeddedEngine(dataDir: string, template?: EmbeddedTemplate): Promise<PGlite> {
  return open(dataDir, template);
}

/**
 * Closes the embedded database of this folder, if open; one still starting (initdb) is
 * waited for and then closed, never left running behind a process or test that moved on.
 */
export async function closeEmbedded(dataDir: string): Promise<void> {
  const instance = instances.get(dataDir);
  instances.delete(dataDir);
  if (!instance) return;
  const db = await instance.catch(() => null); // one that failed to start has nothing to close
  if (db && !db.closed) await db.close();
}

interface PgResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Array<{ name: string; dataTypeID: number }>;
}

type Callback<T> = (error: Error | null, result?: T) => void;

/** A statement as `pg` takes it: text, or a config whose name (a prepared statement's) PGlite has no use for. */
type Statement = string | { readonly text: string; readonly values?: unknown[] };

async function run(db: PGlite, sql: string, params?: unknown[]): Promise<PgResult> {
  const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  if (params && params.length > 0) {
    const result = await db.query(sql, params);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command, fields: result.fields };
  }
  const results = await db.exec(sql);
  const last = results[results.length - 1];
  return {
    rows: last?.rows ?? [],
    rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
    command,
    fields: last?.fields ?? [],
  };
}

class EmbeddedConnection extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  query(
    statement: Statement,
    params?: unknown[] | Callback<PgResult>,
    callback?: Callback<PgResult>,
  ): Promise<PgResult> {
    const cb = typeof params === 'function' ? params : callback;
    const promise =
      typeof statement === 'string'
        ? run(this.db, statement, typeof params === 'function' ? undefined : params)
        : run(this.db, statement.text, statement.values);
    if (cb)
      promise.then(
        (result) => cb(null, result),
        (error: Error) => cb(error),
      );
    return promise;
  }
}

const WAIT_LIMIT_MS = 60_000;

/** The `pg.Pool` TypeORM creates: lends PGlite's one session to one runner at a time. */
export class EmbeddedPool extends EventEmitter {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly template?: EmbeddedTemplate,
  ) {
    super();
  }

  connect(callback: (error: Error | null, connection?: EmbeddedConnection, release?: () => void) => void): void {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      callback(new Error('The embedded database stayed busy for 60 s: is a query running outside its transaction?'));
    }, WAIT_LIMIT_MS);
    previous
      .then(() => open(this.dataDir, this.template))
      .then(
        (db) => {
          clearTimeout(timer);
          if (timedOut) return release();
          let released = false;
          callback(null, new EmbeddedConnection(db), () => {
            if (!released) release();
            released = true;
          });
        },
        (error: Error) => {
          clearTimeout(timer);
          release();
          if (!timedOut) callback(error);
        },
      );
  }

  async query(statement: Statement, params?: unknown[]): Promise<PgResult> {
    const [connection, release] = await new Promise<[EmbeddedConnection, () => void]>((resolve, reject) =>
      this.connect((error, connection, done) => (error ? reject(error) : resolve([connection!, done!]))),
    );
    try {
      return await connection.query(statement, params);
    } finally {
      release();
    }
  }

  end(callback?: (error?: Error) => void): Promise<void> {
    const closing = closeEmbedded(this.dataDir);
    if (callback)
      closing.then(
        () => callback(),
        (error: Error) => callback(error),
      );
    return closing;
  }
}

/**
 * A `driver` for TypeORM's postgres type that runs on PGlite in `dataDir` (or `memory`); a
 * new database starts from `template` when it fits.
 */
export function embeddedDriver(dataDir: string, template?: EmbeddedTemplate): { Pool: new () => EmbeddedPool } {
  return {
    Pool: class extends EmbeddedPool {
      constructor() {
        super(dataDir, template);
      }
    },
  };
}
