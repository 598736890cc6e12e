import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { dataSourceOptions } from './data-source.options';
import { databaseConfig } from './database.config';
import { pendingMigrations, runMigrations } from './migrations';
import { lazyTransaction, poolOf, runPrepared, standalone, transactionClient } from './prepared';

class CreateNotes1700000000000 implements MigrationInterface {
  name = 'CreateNotes1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE note (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL, n bigint NOT NULL DEFAULT 0)',
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE note');
  }
}

const engines = ['postgresql', 'embedded'] as const;

describe.each(engines)('database on %s', (engine) => {
  let db: TestDatabase | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = engine === 'postgresql' ? await createTestDatabase() : undefined;
    const config = databaseConfig.schema.parse({ url: db?.url, embedded: { dataDir: 'memory' } });
    dataSource = new DataSource(dataSourceOptions(config, __dirname, [CreateNotes1700000000000]));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('lists a migration as pending, runs it once, then reports none pending', async () => {
    expect(await pendingMigrations(dataSource)).toEqual(['CreateNotes1700000000000']);
    expect((await runMigrations(dataSource, engine === 'embedded')).map((m) => m.name)).toEqual([
      'CreateNotes1700000000000',
    ]);
    expect(await runMigrations(dataSource, engine === 'embedded')).toEqual([]);
    expect(await pendingMigrations(dataSource)).toEqual([]);
  });

  it('rolls a failed transaction back and keeps what committed', async () => {
    await dataSource.transaction((m) => m.query("INSERT INTO note (body) VALUES ('kept')"));
    await expect(
      dataSource.transaction(async (m) => {
        await m.query("INSERT INTO note (body) VALUES ('lost')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await dataSource.query('SELECT body FROM note ORDER BY id')).toEqual([{ body: 'kept' }]);
  });

  it('never interleaves two concurrent transactions', async () => {
    // Each transaction reads the counter, waits, and writes it back plus one. Interleaved on
    // one session (as a naive embedded driver does) the second would read 0 and the first
    // would see the second's uncommitted write; isolated, the end result is exactly 2 rows
    // each seeing its own insert and nothing of the other's before commit.
    await dataSource.query('TRUNCATE note');
    // On PostgreSQL both have inserted before either reads (so neither has committed); the
    // embedded engine cannot start the second before the first ends, so it only waits a little.
    // Each also waits until both have read before it commits: otherwise one's commit could land
    // before the other's read reaches the server, and that read would rightly see it.
    const barrier = (): { arrive: () => Promise<void> } => {
      let arrived = 0;
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return {
        arrive: () => {
          if (++arrived === 2) open();
          return engine === 'postgresql' ? opened : new Promise((resolve) => setTimeout(resolve, 50));
        },
      };
    };
    const inserted = barrier();
    const read = barrier();
    const seen = await Promise.all(
      ['a', 'b'].map((body) =>
        dataSource.transaction(async (m) => {
          await m.query('INSERT INTO note (body) VALUES ($1)', [body]);
          await inserted.arrive();
          const rows: Array<{ body: string }> = await m.query('SELECT body FROM note ORDER BY body');
          await read.arrive();
          return rows.map((r) => r.body);
        }),
      ),
    );
    if (engine === 'embedded') {
      // one session, lent to one transaction at a time: the second starts after the first commits
      expect(seen).toEqual([['a'], ['a', 'b']]);
    } else {
      expect(seen).toEqual([['a'], ['b']]);
    }
  });

  it('begins a lazy transaction only when the work touches the database, then holds everything after in it', async () => {
    const notes = async () =>
      (
        (await dataSource.query("SELECT body FROM note WHERE body LIKE 'lazy%' ORDER BY id")) as Array<{ body: string }>
      ).map((n) => n.body);
    await lazyTransaction(dataSource, async (db) => {
      // Nothing ran: nothing began, and one statement commits on its own.
      expect(standalone(db)).toBe(true);
      await runPrepared(poolOf(dataSource), 'INSERT INTO note (body) VALUES ($1)', ['lazy alone']);
      expect(db.queryRunner!.isTransactionActive).toBe(false);
    });
    await expect(
      lazyTransaction(dataSource, async (db) => {
        const runner = db.queryRunner!;
        // What TypeORM's save() does when it sees no transaction: one of its own, committed. Inside ours it is a savepoint.
        await runner.startTransaction();
        await db.query("INSERT INTO note (body) VALUES ('lazy saved')");
        await runner.commitTransaction();
        expect(runner.isTransactionActive).toBe(true);
        expect(standalone(db)).toBe(false);
        await runPrepared(await transactionClient(db), 'INSERT INTO note (body) VALUES ($1)', ['lazy with it']);
        throw new Error('broke after writing');
      }),
    ).rejects.toThrow('broke after writing');
    await lazyTransaction(dataSource, async (db) => {
      await runPrepared(await transactionClient(db), 'INSERT INTO note (body) VALUES ($1)', ['lazy in a transaction']);
      expect(db.queryRunner!.isTransactionActive).toBe(true);
    });
    expect(await notes()).toEqual(['lazy alone', 'lazy in a transaction']);
  });

  it('reports how many rows an UPDATE touched and keeps bigint as text, as node-postgres does', async () => {
    const [, affected] = await dataSource.query("UPDATE note SET n = 9007199254740993 WHERE body IN ('a', 'b')");
    expect(affected).toBe(2);
    expect(await dataSource.query("SELECT n FROM note WHERE body = 'a'")).toEqual([{ n: '9007199254740993' }]);
  });
});
